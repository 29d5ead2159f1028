import { useTestDatabase } from '@zone-risk/testkit';
import t from 'tap';
import { testApp } from './helpers/app.ts';

t.test('/health/live answers while the process runs', async (t) => {
  const app = await testApp(t);
  const res = await app.inject({ method: 'GET', url: '/health/live' });
  t.same([res.statusCode, res.json()], [200, { status: 'up' }]);
});

t.test('with the store up, /health/ready is 200 and lists the store check', async (t) => {
  const { connection } = await useTestDatabase(t, 'platform_health');
  const app = await testApp(t, { store: connection, readiness: { kafka: async () => true } });
  const res = await app.inject({ method: 'GET', url: '/health/ready' });
  t.equal(res.statusCode, 200);
  t.match(res.json(), { status: 'up', checks: { store: { status: 'up' }, kafka: { status: 'up' } } });
});

t.test('when one check fails, throws or hangs, /health/ready is 503 and names it', async (t) => {
  const { connection } = await useTestDatabase(t, 'platform_health');
  const app = await testApp(t, {
    store: connection,
    readiness: {
      kafka: async () => false,
      cache: async () => {
        throw new Error('connect ECONNREFUSED 10.1.2.3:6379');
      },
      slow: () => new Promise(() => undefined),
    },
  });
  const res = await app.inject({ method: 'GET', url: '/health/ready' });
  t.equal(res.statusCode, 503);
  t.match(res.json(), {
    status: 'down',
    checks: {
      store: { status: 'up' },
      kafka: { status: 'down' },
      cache: { status: 'down' },
      slow: { status: 'down' },
    },
  });
  t.notMatch(res.body, /10\.1\.2\.3/, 'failure reasons stay in the log');
});
