import type { Test } from 'tap';
import { eventually } from './eventually.ts';
import { testKafka } from './kafka.ts';
import { uniqueName } from './names.ts';

/** An event as read back from Kafka: the envelope, with the payload left open. */
export interface PublishedEvent {
  type: string;
  id: string;
  aggregateid: string;
  aggregateversion: number;
  correlationid: string;
  data: Record<string, unknown> & { status?: string; version?: number; overdue?: boolean };
}

export interface EventLog {
  /** Everything read so far, in arrival order. */
  all(): PublishedEvent[];
  /** Events of one type (short name, e.g. HazardReported), optionally of one aggregate. */
  of(name: string, aggregateId?: string): PublishedEvent[];
  /** Waits until an event of that type (and aggregate) has arrived, and returns the latest. */
  waitFor(name: string, aggregateId?: string, timeoutMs?: number): Promise<PublishedEvent>;
  /** Waits for the event that took the aggregate to `version`. */
  waitForVersion(aggregateId: string, version: number, timeoutMs?: number): Promise<PublishedEvent>;
  /** Waits until at least `count` events of that type have arrived. */
  waitForCount(name: string, count: number, timeoutMs?: number): Promise<PublishedEvent[]>;
}

/** `zone.safety.HazardReported.v1` → `HazardReported`. */
const shortName = (type: string) => type.split('.')[2] ?? type;

/**
 * Reads a test's topic from the beginning with a consumer group of its own, so a test can assert
 * on what a service really published to Kafka. Disconnected when the test ends.
 */
export async function watchEvents(t: Test, topic: string): Promise<EventLog> {
  const kafka = await testKafka('test-watch');
  const consumer = kafka.consumer({ groupId: uniqueName('watch'), maxWaitTimeInMs: 50 });
  const received: PublishedEvent[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      received.push(JSON.parse(message.value?.toString() ?? '{}') as PublishedEvent);
    },
  });
  t.teardown(() => consumer.disconnect());

  const of = (name: string, aggregateId?: string) =>
    received.filter(
      (e) => shortName(e.type) === name && (aggregateId === undefined || e.aggregateid === aggregateId),
    );
  const wait = <T>(find: () => T | undefined, what: string, timeoutMs: number) =>
    eventually(
      () => {
        const found = find();
        if (found === undefined) throw new Error(`no ${what} on ${topic} yet`);
        return found;
      },
      { timeoutMs, intervalMs: 50 },
    );
  return {
    all: () => [...received],
    of,
    waitFor: (name, aggregateId, timeoutMs = 15_000) =>
      wait(
        () => of(name, aggregateId).at(-1),
        `${name} event${aggregateId ? ` for ${aggregateId}` : ''}`,
        timeoutMs,
      ),
    waitForVersion: (aggregateId, version, timeoutMs = 15_000) =>
      wait(
        () => received.find((e) => e.aggregateid === aggregateId && e.aggregateversion === version),
        `event taking ${aggregateId} to version ${version}`,
        timeoutMs,
      ),
    waitForCount: (name, count, timeoutMs = 15_000) =>
      wait(
        () => {
          const found = of(name);
          return found.length >= count ? found : undefined;
        },
        `${count} ${name} events`,
        timeoutMs,
      ),
  };
}
