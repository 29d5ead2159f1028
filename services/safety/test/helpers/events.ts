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
  /** Everything read so far, in arrival order. */
  all(): PublishedEvent[];
  /** Events of one type (short name, e.g. HazardReported), optionally of one aggregate. */
  of(name: string, aggregateId?: string): PublishedEvent[];
  /** Waits until an event of that type (and aggregate) has arrived, and returns the latest. */
  waitFor(name: string, aggregateId?: string, timeoutMs?: number): Promise<PublishedEvent>;
}

const shortName = (type: string) => type.split('.')[2] ?? type;

/** Reads the test's topic from the beginning with a consumer of its own. */
export async function watchEvents(t: Test, topic: string): Promise<EventLog> {
  const kafka = await testKafka('safety-test-watch');
  const consumer = kafka.consumer({ groupId: uniqueName('safety_watch'), maxWaitTimeInMs: 50 });
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
  };
}
