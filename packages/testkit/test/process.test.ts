import t from 'tap';
import { infra, startServiceProcess, useTestDatabase } from '../src/index.ts';

t.test('a service started as a process answers on its URL and stops gracefully', async (t) => {
  const { kafkaBrokers, mongoUrl } = await infra();
  const db = await useTestDatabase(t, 'proc');
  const safety = await startServiceProcess(
    'safety',
    { NODE_ENV: 'test', MONGO_URL: mongoUrl, MONGO_DB: db.dbName, KAFKA_BROKERS: kafkaBrokers.join(',') },
    { teardown: (stop) => t.teardown(stop) },
  );
  const res = await fetch(`${safety.url}/health/ready`);
  t.equal(res.status, 200);
  t.ok(
    safety.logs.some((line) => line.msg === 'service started'),
    'its log lines are kept, parsed',
  );
  t.equal(await safety.stop(), 0, 'SIGTERM: a graceful exit');
  t.equal(await safety.stop(), 0, 'stopping twice is harmless');
});

t.test('a service that cannot start is reported with what it printed', async (t) => {
  const error = await startServiceProcess('safety', { NODE_ENV: 'production', CLOCK_SHIFT_DAYS: '2' }).then(
    () => null,
    (reason: unknown) => reason,
  );
  t.type(error, Error);
  t.match((error as Error).message, /safety: exited while starting/);
  t.match((error as Error).message, /CLOCK_SHIFT_DAYS/, 'with what the service printed');
});
