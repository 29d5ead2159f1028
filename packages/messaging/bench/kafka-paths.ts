import { randomUUID } from 'node:crypto';
import { createEventRegistry, defineEvent, type EventFor, topics } from '@zone-risk/contracts';
import type { Kafka } from 'kafkajs';
import type { mongo } from 'mongoose';
import { z } from 'zod';
import { commit, createProducer, eventMessage, insertNew, startConsumer, startRelay } from '../src/index.ts';
import { figures, type RunFigures } from './stats.ts';

const benchEvent = defineEvent({
  domain: 'bench',
  name: 'ThingChanged',
  version: 1,
  aggregateType: 'thing',
  topic: topics.safety,
  description: 'A benchmark event: a small payload like most domain events',
  data: z.object({ seq: z.int(), status: z.string() }),
});
type BenchEvent = EventFor<typeof benchEvent>;
const registry = createEventRegistry([benchEvent]);

function event(aggregateId: string, version: number): BenchEvent {
  return benchEvent.create({
    id: randomUUID(),
    source: '/bench/messaging',
    zoneid: 'bench-zone',
    aggregateid: aggregateId,
    aggregateversion: version,
    correlationid: 'bench',
    data: { seq: version, status: 'rectifying' },
  });
}

function done(expected: number): { tick(): void; promise: Promise<number> } {
  let count = 0;
  let resolve: (at: number) => void = () => undefined;
  const promise = new Promise<number>((r) => {
    resolve = r;
  });
  return {
    promise,
    tick() {
      count++;
      if (count === expected) resolve(Date.now());
    },
  };
}

/** (a) kafkajs alone: produce N events in batches of 100, one consumer reads them. */
export async function rawKafka(
  kafka: Kafka,
  topic: string,
  n: number,
  aggregates: number,
): Promise<RunFigures> {
  const latencies: number[] = [];
  const finished = done(n);
  const consumer = kafka.consumer({ groupId: `bench-raw-${randomUUID()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const sent = Date.parse(JSON.parse(message.value?.toString() ?? '{}').time);
      latencies.push(Date.now() - sent);
      finished.tick();
    },
  });
  const producer = createProducer(kafka);
  await producer.connect();
  const startedAt = Date.now();
  for (let start = 0; start < n; start += 100) {
    const messages = [];
    for (let i = start; i < Math.min(start + 100, n); i++) {
      messages.push(eventMessage(event(`a-${i % aggregates}`, Math.floor(i / aggregates) + 1)));
    }
    await producer.send({ topic, messages, acks: -1 });
  }
  const endedAt = await finished.promise;
  await producer.disconnect();
  await consumer.disconnect();
  return figures(latencies, startedAt, endedAt);
}

/**
 * (b) The same events through the platform's path: each one committed with its state change
 * (one conditional update per event, `aggregates` writers in parallel), published by the relay
 * after a nudge, read and validated by the consumer runner.
 */
export async function throughOutbox(
  kafka: Kafka,
  collection: mongo.Collection,
  topic: string,
  n: number,
  aggregates: number,
): Promise<RunFigures> {
  const latencies: number[] = [];
  const finished = done(n);
  const consumer = await startConsumer<BenchEvent>({
    kafka,
    groupId: `bench-outbox-${randomUUID()}`,
    topics: [topic],
    parse: registry.parseEvent,
    handle: (e) => {
      latencies.push(Date.now() - Date.parse(e.time));
      finished.tick();
    },
  });
  const producer = createProducer(kafka);
  await producer.connect();
  const relay = startRelay({ collections: [collection], producer, topicFor: () => topic });
  const startedAt = Date.now();
  const perAggregate = Math.ceil(n / aggregates);
  let written = 0;
  await Promise.all(
    Array.from({ length: aggregates }, async (_, a) => {
      const id = `b-${a}`;
      for (let version = 1; version <= perAggregate && written < n; version++) {
        written++;
        if (version === 1) await insertNew(collection, { _id: id, status: 'reported' }, [event(id, 1)]);
        else {
          await commit(collection, {
            id,
            expectedVersion: version - 1,
            set: { status: 'rectifying' },
            events: [event(id, version)],
          });
        }
        relay.nudge();
      }
    }),
  );
  const endedAt = await finished.promise;
  await relay.stop();
  await producer.disconnect();
  await consumer.stop();
  return figures(latencies, startedAt, endedAt);
}
