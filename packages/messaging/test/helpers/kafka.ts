import { deadLetterTopic } from '@zone-risk/contracts';
import { eventually, infra, testKafka, uniqueName, useTestTopics } from '@zone-risk/testkit';
import type { IHeaders, Kafka } from 'kafkajs';
import pino from 'pino';
import type { Test } from 'tap';
import { createKafka, ensureTopics } from '../../src/index.ts';

export const logger = pino({ level: process.env.LOG_LEVEL ?? 'silent' });

/** A client of ours (createKafka) on the test brokers. */
export async function messagingKafka(
  clientId: string,
  extra: Partial<Parameters<typeof createKafka>[0]> = {},
) {
  const { kafkaBrokers } = await infra();
  return createKafka({ clientId, brokers: kafkaBrokers, logger, ...extra });
}

/** Test topics with their dead-letter topics, all deleted when the test ends. */
export async function useTopicsWithDeadLetters<const N extends string>(
  t: Test,
  names: readonly N[],
  partitions = 3,
): Promise<Record<N, string>> {
  const topics = await useTestTopics(t, names, { partitions });
  const kafka = await testKafka('test-dlq-admin');
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(
    admin,
    Object.values<string>(topics).map((topic) => ({ topic, partitions })),
  );
  t.teardown(async () => {
    const dlqs = Object.values<string>(topics).map(deadLetterTopic);
    await admin.deleteTopics({ topics: dlqs }).catch(() => undefined);
    await admin.disconnect();
  });
  return topics;
}

export interface Received {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string;
  headers: Record<string, string>;
}

/** Everything published to `topic`, read by a plain kafkajs consumer of the test's own. */
export async function collect(t: Test, topic: string, kafka?: Kafka): Promise<Received[]> {
  const client = kafka ?? (await testKafka('test-collector'));
  const consumer = client.consumer({ groupId: uniqueName('collector'), maxWaitTimeInMs: 100 });
  const received: Received[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ topic: from, partition, message }) => {
      received.push({
        topic: from,
        partition,
        offset: message.offset,
        key: message.key?.toString() ?? null,
        value: message.value?.toString() ?? '',
        headers: headerStrings(message.headers),
      });
    },
  });
  t.teardown(() => consumer.disconnect());
  return received;
}

export function headerStrings(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name, String(value)]));
}

const MARKER_KEY = 'test-marker';

/**
 * Proves that nothing more is on its way, without sleeping: writes a marker to every partition of
 * `topic` and waits until the collector has all of them. A message Kafka acknowledged before this
 * call comes before the marker of its partition, so once the markers are in, so is it.
 */
export async function flushed(topic: string, received: readonly Received[]): Promise<void> {
  const kafka = await testKafka('test-marker');
  const admin = kafka.admin();
  await admin.connect();
  const [metadata] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
  await admin.disconnect();
  const partitions = (metadata?.partitions ?? []).map((p) => p.partitionId);
  const marker = uniqueName('marker');
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({
    topic,
    acks: -1,
    messages: partitions.map((partition) => ({ key: MARKER_KEY, value: marker, partition })),
  });
  await producer.disconnect();
  await eventually(
    () =>
      waitFor(
        received.filter((m) => m.key === MARKER_KEY && m.value === marker).length === partitions.length,
        `the markers on ${partitions.length} partitions`,
      ),
    { timeoutMs: 20_000 },
  );
}

/** What the relay published: the collected messages without the markers. */
export function published(received: readonly Received[]): Received[] {
  return received.filter((m) => m.key !== MARKER_KEY);
}

/** Per aggregate, the versions in the order Kafka delivered them (one aggregate, one partition). */
export function versionsByAggregate(received: readonly Received[]): Map<string, number[]> {
  const byAggregate = new Map<string, number[]>();
  for (const message of published(received)) {
    const event = JSON.parse(message.value) as { aggregateid: string; aggregateversion: number };
    const list = byAggregate.get(event.aggregateid) ?? [];
    list.push(event.aggregateversion);
    byAggregate.set(event.aggregateid, list);
  }
  return byAggregate;
}

/** What a consumer that skips versions it has seen applies: each version once, in order. */
export function appliedInEffect(versions: readonly number[]): number[] {
  const applied: number[] = [];
  for (const version of versions) if (version > (applied.at(-1) ?? 0)) applied.push(version);
  return applied;
}

export function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** For `eventually`: throws (so it retries) until `condition` holds. */
export function waitFor(condition: boolean, what: string): void {
  if (!condition) throw new Error(`still waiting for ${what}`);
}

/** The value of a prom-client metric for the labels given (0 when never set). */
export async function metricValue(
  metric: { get(): Promise<{ values: { value: number; labels: Record<string, unknown> }[] }> },
  labels: Record<string, string> = {},
): Promise<number> {
  const { values } = await metric.get();
  return values
    .filter((v) => Object.entries(labels).every(([name, value]) => String(v.labels[name]) === value))
    .reduce((sum, v) => sum + v.value, 0);
}
