import { Gauge } from 'prom-client';
import t from 'tap';
import { as, testApp } from './helpers/app.ts';

t.test(
  'after a request, /metrics shows the duration histogram labelled with the route template',
  async (t) => {
    const app = await testApp(t);
    app.get('/hazards/:id', async () => ({ id: 'x' }));
    await app.inject({ method: 'GET', url: '/hazards/h-17', headers: await as(['inspector']) });
    await app.inject({ method: 'GET', url: '/hazards/h-18' });
    const res = await app.inject({ method: 'GET', url: '/metrics' });
    t.equal(res.statusCode, 200);
    t.match(res.headers['content-type'], /^text\/plain/);
    t.match(res.body, /# TYPE http_request_duration_seconds histogram/);
    t.match(
      res.body,
      /http_request_duration_seconds_count\{method="GET",route="\/hazards\/:id",status="200"\} 1/,
    );
    t.match(
      res.body,
      /http_request_duration_seconds_count\{method="GET",route="\/hazards\/:id",status="401"\} 1/,
    );
    t.notMatch(res.body, /h-17/, 'raw URLs never become labels');
    t.match(res.body, /process_cpu_user_seconds_total/, 'default process metrics');
  },
);

t.test('the registry is exposed so other packages add their own gauges', async (t) => {
  const app = await testApp(t);
  const backlog = new Gauge({
    name: 'outbox_backlog',
    help: 'Events not yet relayed',
    registers: [app.metrics],
  });
  backlog.set(7);
  const res = await app.inject({ method: 'GET', url: '/metrics' });
  t.match(res.body, /outbox_backlog 7/);
});
