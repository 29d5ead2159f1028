import type { App } from '@zone-risk/platform';
import { eventually, testKafka, uniqueName } from '@zone-risk/testkit';
import type { IHeaders } from 'kafkajs';
import type { Test } from 'tap';

export interface Received {
  key: string | null;
  value: string;
  headers: Record<string, string>;
}

/** Everything published to `topic` from its beginning, read by a plain consumer of the test's own. */
export async function collect(t: Test, topic: string): Promise<Received[]> {
  const kafka = await testKafka('test-collector');
  const consumer = kafka.consumer({ groupId: uniqueName('collector'), maxWaitTimeInMs: 100 });
  const received: Received[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      received.push({
        key: message.key?.toString() ?? null,
        value: message.value?.toString() ?? '',
        headers: headerStrings(message.headers),
      });
    },
  });
  t.teardown(() => consumer.disconnect());
  return received;
}

function headerStrings(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name, String(value)]));
}

/** For `eventually`: throws (so it retries) until `condition` holds. */
export function waitFor(condition: boolean, what: string): void {
  if (!condition) throw new Error(`still waiting for ${what}`);
}

/** Waits until `app` has consumed `topic` to its end (every partition's position at its high watermark). */
export async function drained(app: App, topic: string, timeoutMs = 30_000): Promise<void> {
  const admin = (await testKafka('drain-check')).admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(topic);
    await eventually(
      () => {
        const positions = app.aggregator.positions();
        for (const p of ends) {
          const at = Number(positions.get(`${topic}:${p.partition}`) ?? p.low);
          waitFor(at >= Number(p.high), `partition ${p.partition} consumed to ${p.high}`);
        }
        waitFor(!app.aggregator.current().catchingUp, 'caught up');
      },
      { timeoutMs },
    );
    // The batch that reached the end has queued its evaluation: let it record what it changed.
    await app.aggregator.idle();
  } finally {
    await admin.disconnect();
  }
}
