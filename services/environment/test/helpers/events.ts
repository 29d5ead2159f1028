import { eventually, testKafka, uniqueName } from '@zone-risk/testkit';
import type { Test } from 'tap';

export interface PublishedEvent {
  type: string;
  id: string;
  aggregateid: string;
  aggregateversion: number;
  correlationid: string;
  data: Record<string, unknown> & { status?: string; version?: number; overdue?: boolean };
}

export interface EventLog {
  all(): PublishedEvent[];
  /** Events of one type (short name, e.g. RectificationAccepted), optionally of one aggregate. */
  of(name: string, aggregateId?: string): PublishedEvent[];
  /** Waits until an event of that type (and aggregate) has arrived, and returns the latest. */
  waitFor(name: string, aggregateId?: string, timeoutMs?: number): Promise<PublishedEvent>;
  /** Waits for the event that took the aggregate to `version`. */
  waitForVersion(aggregateId: string, version: number, timeoutMs?: number): Promise<PublishedEvent>;
  /** Waits until at least `count` events of that type have arrived. */
  waitForCount(name: string, count: number, timeoutMs?: number): Promise<PublishedEvent[]>;
}

const shortName = (type: string) => type.split('.')[2] ?? type;

/** Reads the test's topic from the beginning with a consumer of its own. */
export async function watchEvents(t: Test, topic: string): Promise<EventLog> {
  const kafka = await testKafka('environment-test-watch');
  const consumer = kafka.consumer({ groupId: uniqueName('environment_watch'), maxWaitTimeInMs: 50 });
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
  return {
    all: () => [...received],
    of,
    waitFor: (name, aggregateId, timeoutMs = 15_000) =>
      eventually(
        () => {
          const found = of(name, aggregateId).at(-1);
          if (!found) throw new Error(`no ${name} event${aggregateId ? ` for ${aggregateId}` : ''} yet`);
          return found;
        },
        { timeoutMs, intervalMs: 50 },
      ),
    waitForVersion: (aggregateId, version, timeoutMs = 15_000) =>
      eventually(
        () => {
          const found = received.find((e) => e.aggregateid === aggregateId && e.aggregateversion === version);
          if (!found) throw new Error(`no version ${version} of ${aggregateId} yet`);
          return found;
        },
        { timeoutMs, intervalMs: 50 },
      ),
    waitForCount: (name, count, timeoutMs = 30_000) =>
      eventually(
        () => {
          const found = of(name);
          if (found.length < count) throw new Error(`${found.length} of ${count} ${name} events so far`);
          return found;
        },
        { timeoutMs, intervalMs: 100 },
      ),
  };
}
