// On a fresh cluster the services start together, and the aggregator may ask for the offsets of a
// topic a domain service is still creating. It waits for the topic instead of failing to start.
import { testKafka, uniqueName } from '@zone-risk/testkit';
import t from 'tap';
import { fetchOffsets, retryRetriable } from '../../src/events/offsets.ts';

t.test('the offsets of a topic that appears a moment later are waited for, not an error', async (t) => {
  const kafka = await testKafka('aggregator-offsets-test');
  const admin = kafka.admin();
  await admin.connect();
  const topic = uniqueName('late.topic');
  t.teardown(async () => {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });
  const creating = new Promise((resolve) => setTimeout(resolve, 1_500)).then(() =>
    admin.createTopics({ topics: [{ topic, numPartitions: 2 }] }),
  );
  const offsets = await fetchOffsets(admin, topic);
  await creating;
  t.same(offsets.map((p) => [p.partition, p.low, p.high]).sort(), [
    [0, '0', '0'],
    [1, '0', '0'],
  ]);
});

t.test(
  'retriable Kafka errors are retried after a pause; others and the last attempt are thrown',
  async (t) => {
    const retriable = Object.assign(new Error('This server is not the leader for that topic-partition'), {
      retriable: true,
    });
    let calls = 0;
    const retried: number[] = [];
    const value = await retryRetriable(
      async () => {
        calls += 1;
        if (calls < 3) throw retriable;
        return 'offsets';
      },
      { attempts: 5, pauseMs: 1, onRetry: (_, attempt) => retried.push(attempt) },
    );
    t.equal(value, 'offsets');
    t.same(retried, [1, 2], 'two retries, each reported');

    const fatal = new Error('Topic authorization failed');
    await t.rejects(
      retryRetriable(
        async () => {
          throw fatal;
        },
        { attempts: 5, pauseMs: 1 },
      ),
      fatal,
      'a non-retriable error at once',
    );
    calls = 0;
    await t.rejects(
      retryRetriable(
        async () => {
          calls += 1;
          throw retriable;
        },
        { attempts: 3, pauseMs: 1 },
      ),
      retriable,
    );
    t.equal(calls, 3, 'gives up after the last attempt');
  },
);
