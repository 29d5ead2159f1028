// The console's backend against a real aggregator process (its own database and topics on the
// local Kafka): the demo sign-in mints tokens the service accepts, /api/<service>/ passes requests
// and the SSE stream through, and in production the demo sign-in does not exist.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@zone-risk/platform';
import { kafkaBrokers, startServiceProcess, useTestDatabase, useTestTopics } from '@zone-risk/testkit';
import t from 'tap';
import { buildConsoleApp } from '../../src/app.ts';
import { consoleConfigSchema } from '../../src/config.ts';

function distWithIndex(): string {
  const dir = mkdtempSync(join(tmpdir(), 'console-dist-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>console under test</title>');
  return dir;
}

t.test('demo sign-in, proxy and SSE through the console to the real aggregator', async (t) => {
  const db = await useTestDatabase(t, 'console_agg');
  const topics = await useTestTopics(t, ['safety', 'status']);
  const aggregator = await startServiceProcess(
    'aggregator',
    {
      NODE_ENV: 'test',
      MONGO_URL: db.url,
      MONGO_DB: db.dbName,
      KAFKA_BROKERS: (await kafkaBrokers()).join(','),
      AGGREGATOR_TOPICS: topics.safety,
      AGGREGATOR_STATUS_TOPIC: topics.status,
    },
    { teardown: (stop) => t.teardown(stop) },
  );
  const config = loadConfig(consoleConfigSchema, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    AGGREGATOR_URL: aggregator.url,
    CONSOLE_DIST: distWithIndex(),
  });
  const app = await buildConsoleApp({ config });
  t.teardown(() => app.close());
  const base = await app.listen({ port: 0, host: '127.0.0.1' });

  const users = (await (await fetch(`${base}/api/console/demo-users`)).json()) as {
    users: { sub: string; roles: string[] }[];
  };
  t.ok(
    users.users.some((user) => user.roles.includes('risk-office')),
    'a demo user of the risk office is offered',
  );
  const unknown = await fetch(`${base}/api/console/demo-sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sub: 'nobody' }),
  });
  t.equal(unknown.status, 404, 'an unknown demo user gets no token');
  const signedIn = (await (
    await fetch(`${base}/api/console/demo-sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sub: 'demo-risk-office' }),
    })
  ).json()) as { token: string; expiresAt: string };
  t.ok(Date.parse(signedIn.expiresAt) > Date.now(), 'the token expires in the future');

  const anonymous = await fetch(`${base}/api/aggregator/status`);
  t.equal(anonymous.status, 401, "the service's own 401 comes back through the proxy");
  const status = await fetch(`${base}/api/aggregator/status`, {
    headers: { authorization: `Bearer ${signedIn.token}` },
  });
  t.equal(status.status, 200, 'the minted token is accepted by the service behind the proxy');
  const body = (await status.json()) as { level: string; sequence: number };
  t.type(body.level, 'string', 'the zone status arrives');

  // SSE: the first event arrives while the stream stays open (nothing buffers it until the end).
  const controller = new AbortController();
  const stream = await fetch(`${base}/api/aggregator/stream?access_token=${signedIn.token}`, {
    signal: controller.signal,
  });
  t.equal(stream.status, 200);
  t.match(stream.headers.get('content-type') ?? '', /^text\/event-stream/);
  const reader = stream.body?.getReader();
  if (!reader) throw new Error('no stream body');
  let received = '';
  while (!received.includes('\n\n')) {
    const chunk = await reader.read();
    if (chunk.done) break;
    received += new TextDecoder().decode(chunk.value);
  }
  t.match(received, /event: status/, 'the first status event streams through the open connection');
  controller.abort();

  const page = await fetch(`${base}/risk`);
  t.equal(page.status, 200, "the app's own routes serve its page");
  t.match(await page.text(), /console under test/);
  t.equal(page.headers.get('cache-control'), 'no-cache', 'the page is asked for again each time');
  const missing = await fetch(`${base}/api/nowhere/x`);
  t.equal(missing.status, 404, 'an unknown API path is a 404, not the page');
  t.match(missing.headers.get('content-type') ?? '', /application\/problem\+json/);
});

t.test(
  'in production the demo sign-in does not exist and sign-in goes to the identity provider',
  async (t) => {
    const config = loadConfig(consoleConfigSchema, {
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      AUTH_JWKS_URL: 'https://idp.example.gov.cn/jwks',
      AUTH_ISSUER: 'https://idp.example.gov.cn',
      OIDC_AUTHORITY: 'https://idp.example.gov.cn',
      OIDC_CLIENT_ID: 'zone-console',
      CONSOLE_DIST: distWithIndex(),
    });
    const app = await buildConsoleApp({ config });
    t.teardown(() => app.close());
    const users = await app.inject({ method: 'GET', url: '/api/console/demo-users' });
    t.equal(users.statusCode, 404, 'no demo user list');
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/console/demo-sign-in',
      payload: { sub: 'demo-admin' },
    });
    t.equal(signIn.statusCode, 404, 'no demo token');
    t.notMatch(signIn.body, /eyJ/, 'nothing resembling a token in the answer');
    const mode = await app.inject({ method: 'GET', url: '/api/console/sign-in' });
    t.same(
      mode.json(),
      {
        mode: 'oidc',
        authority: 'https://idp.example.gov.cn',
        clientId: 'zone-console',
        scope: 'openid profile',
      },
      'the browser is told to use the identity provider',
    );
    t.throws(
      () => loadConfig(consoleConfigSchema, { NODE_ENV: 'production', AUTH_JWKS_URL: 'https://idp/jwks' }),
      /OIDC_AUTHORITY/,
      'production without the identity provider settings does not start',
    );
  },
);
