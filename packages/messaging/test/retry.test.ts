import t from 'tap';
import { retryRetriable } from '../src/index.ts';

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

t.test('an aggregate of retriable errors (kafkajs createTopics) is retriable too', async (t) => {
  let calls = 0;
  const aggregate = Object.assign(new Error('topic creation failed'), {
    errors: [Object.assign(new Error('leader not available'), { retriable: true })],
  });
  const value = await retryRetriable(
    async () => {
      calls += 1;
      if (calls === 1) throw aggregate;
      return 'created';
    },
    { attempts: 3, pauseMs: 1 },
  );
  t.equal(value, 'created');
  t.equal(calls, 2);
});
