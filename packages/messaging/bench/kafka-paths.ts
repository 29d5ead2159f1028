import { randomUUID } from 'node:crypto';
import { createEventRegistry, defineEvent, type EventFor, topics } from '@zone-risk/contracts';
import type { Kafka } from 'kafkajs';
import { z } from 'zod';
import {
  commit,
  createProducer,
  eventMessage,
  insertNew,
  type OutboxModel,
  startRelay,
} from '../src/index.ts';
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

/** Resolves with the time the last of `expected` distinct events was seen; counts redeliveries. */
function done(expected: number): {
  seen(id: string): boolean;
  promise: Promise<number>;
  duplicates(): number;
} {
  const ids = new Set<string>();
  let duplicates = 0;
  let resolve: (at: number) => void = () => undefined;
  const promise = new Promise<number>((r) => {
    resolve = r;
  });
  return {
    promise,
    duplicates: () => duplicates,
    seen(id) {
      if (ids.has(id)) {
        duplicates++;
        return false;
      }
      ids.add(id);
      if (ids.size === expected) resolve(Date.now());
      return true;
    },
  };
}

export interface Load {
  /** Events in all. */
  n: number;
  /** Aggregates they are spread over; one writer per aggregate, its events in version order. */
  aggregates: number;
  /** Events per second in all, or undefined for as fast as it goes. */
  rate?: number;
}

/**
 * Runs one writer per aggregate. Unpaced, each writes its events back to back; paced, event k of
 * aggregate a is due at `k * aggregates + a` ticks of 1/rate s, so the load is spread evenly.
 */
async function writers(load: Load, write: (id: string, version: number) => Promise<void>): Promise<void> {
  const startedAt = Date.now();
  const perAggregate = Math.ceil(load.n / load.aggregates);
  await Promise.all(
    Array.from({ length: load.aggregates }, async (_, a) => {
      for (let version = 1; version <= perAggregate; version++) {
        const index = (version - 1) * load.aggregates + a;
        if (index >= load.n) return;
        if (load.rate) {
          const due = startedAt + (index * 1000) / load.rate;
          if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
        }
        await write(`agg-${a}`, version);
      }
    }),
  );
}

export type Figures = RunFigures & { duplicates: number; writesPerSecond: number };

/**
 * (a) kafkajs alone: the events produced straight to Kafka (unpaced: in sends of 100, one after
 * another; paced: one send per event), read by a plain kafkajs consumer.
 */
export async function rawKafka(kafka: Kafka, topic: string, load: Load): Promise<Figures> {
  const latencies: number[] = [];
  const finished = done(load.n);
  const consumer = kafka.consumer({ groupId: `bench-raw-${randomUUID()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const event = JSON.parse(message.value?.toString() ?? '{}');
      if (finished.seen(event.id)) latencies.push(Date.now() - Date.parse(event.time));
    },
  });
  const producer = createProducer(kafka);
  await producer.connect();
  const startedAt = Date.now();
  if (load.rate) {
    await writers(load, async (id, version) => {
      await producer.send({ topic, messages: [eventMessage(event(id, version))], acks: -1 });
    });
  } else {
    for (let start = 0; start < load.n; start += 100) {
      const messages = [];
      for (let i = start; i < Math.min(start + 100, load.n); i++) {
        messages.push(eventMessage(event(`agg-${i % load.aggregates}`, Math.floor(i / load.aggregates) + 1)));
      }
      await producer.send({ topic, messages, acks: -1 });
    }
  }
  const writtenAt = Date.now();
  const endedAt = await finished.promise;
  await producer.disconnect();
  await consumer.disconnect();
  return {
    ...figures(latencies, startedAt, endedAt),
    duplicates: finished.duplicates(),
    writesPerSecond: load.n / ((writtenAt - startedAt) / 1000),
  };
}

/**
 * (b) The same events through the platform's path: each one committed with a state change (one
 * conditional update per event, through the model), published by the relay after a nudge, read
 * and validated against its contract as a consumer does. Latency runs from the event's creation,
 * just before its commit, to its validation.
 */
export async function throughOutbox(
  kafka: Kafka,
  collection: OutboxModel,
  topic: string,
  load: Load,
): Promise<Figures> {
  const latencies: number[] = [];
  const finished = done(load.n);
  const consumer = kafka.consumer({ groupId: `bench-outbox-${randomUUID()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const parsed = registry.parseEvent(JSON.parse(message.value?.toString() ?? '{}'));
      if (!parsed.ok) throw new Error('the bench read an invalid event');
      if (finished.seen(parsed.event.id)) latencies.push(Date.now() - Date.parse(parsed.event.time));
    },
  });
  const producer = createProducer(kafka);
  await producer.connect();
  const relay = startRelay({ models: [collection], producer, topicFor: () => topic });
  const startedAt = Date.now();
  await writers(load, async (id, version) => {
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
  });
  const writtenAt = Date.now();
  const endedAt = await finished.promise;
  await relay.stop();
  await producer.disconnect();
  await consumer.disconnect();
  return {
    ...figures(latencies, startedAt, endedAt),
    duplicates: finished.duplicates(),
    writesPerSecond: load.n / ((writtenAt - startedAt) / 1000),
  };
}
