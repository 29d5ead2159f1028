import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createTokenVerifier,
  DEFAULT_AUDIENCE,
  DEFAULT_ISSUER,
  DEV_ONLY_JWT_SECRET,
  signToken,
} from '@zone-risk/auth';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import t from 'tap';
import { as, testApp } from './helpers/app.ts';

t.test(
  'through the platform, a missing, malformed, expired or wrong-audience token is a 401 problem',
  async (t) => {
    const app = await testApp(t);
    app.get('/hazards', async () => []);
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({ roles: ['inspector'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u')
      .setIssuer(DEFAULT_ISSUER)
      .setAudience(DEFAULT_AUDIENCE)
      .setExpirationTime(now - 60)
      .sign(new TextEncoder().encode(DEV_ONLY_JWT_SECRET));
    const wrongAudience = await signToken({ sub: 'u', roles: ['inspector'], audience: 'another-app' });
    for (const authorization of [undefined, 'Bearer x.y.z', `Bearer ${expired}`, `Bearer ${wrongAudience}`]) {
      const headers = authorization ? { authorization } : {};
      const res = await app.inject({ method: 'GET', url: '/hazards', headers });
      t.equal(res.statusCode, 401);
      t.match(res.headers['content-type'], /^application\/problem\+json/);
      t.match(res.headers['www-authenticate'], /^Bearer realm="zone-risk"/);
      t.match(res.json(), { type: 'urn:zone-risk:problem:unauthorized', status: 401 });
    }
  },
);

t.test('through the platform, a wrong role is a 403 problem and the right one passes', async (t) => {
  const app = await testApp(t);
  app.post('/hazards/:id/close', { config: { roles: ['safety-supervisor'] } }, async (request) => ({
    closedBy: request.principal.sub,
  }));
  const refused = await app.inject({
    method: 'POST',
    url: '/hazards/1/close',
    headers: await as(['inspector']),
  });
  t.equal(refused.statusCode, 403);
  t.match(refused.json(), { type: 'urn:zone-risk:problem:forbidden', detail: /safety-supervisor/ });
  const allowed = await app.inject({
    method: 'POST',
    url: '/hazards/1/close',
    headers: await as(['safety-supervisor'], 'sup-1'),
  });
  t.same([allowed.statusCode, allowed.json()], [200, { closedBy: 'sup-1' }]);
});

t.test('health, metrics, docs and asyncapi are public; everything else needs a token', async (t) => {
  const app = await testApp(t, { asyncapi: { asyncapi: '3.0.0' } });
  for (const url of ['/health/live', '/health/ready', '/metrics', '/docs', '/docs/json', '/asyncapi.json']) {
    const res = await app.inject({ method: 'GET', url });
    t.ok(res.statusCode < 400, `${url} answered ${res.statusCode}`);
  }
});

t.test('the request id is taken from x-request-id when plain, else generated, and echoed', async (t) => {
  const app = await testApp(t);
  const given = await app.inject({
    method: 'GET',
    url: '/health/live',
    headers: { 'x-request-id': 'abc-123' },
  });
  t.equal(given.headers['x-request-id'], 'abc-123');
  const unsafe = await app.inject({
    method: 'GET',
    url: '/health/live',
    headers: { 'x-request-id': 'a b\u0007' },
  });
  t.match(unsafe.headers['x-request-id'], /^[0-9a-f-]{36}$/);
  const none = await app.inject({ method: 'GET', url: '/health/live' });
  t.match(none.headers['x-request-id'], /^[0-9a-f-]{36}$/);
});

t.test('with a JWKS verifier, tokens from the identity provider are accepted', async (t) => {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'idp-1', alg: 'RS256' };
  const server = createServer((_req, res) => res.end(JSON.stringify({ keys: [jwk] })));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.address() as AddressInfo;
  const verifier = createTokenVerifier({
    jwksUrl: `http://127.0.0.1:${port}/jwks`,
    issuer: 'https://idp.example',
    audience: 'zone-risk',
  });
  const app = await testApp(t, { verifier });
  app.get('/me', async (request) => request.principal);
  const token = await new SignJWT({ roles: ['debt-officer'] })
    .setProtectedHeader({ alg: 'RS256', kid: 'idp-1' })
    .setSubject('finance-1')
    .setIssuer('https://idp.example')
    .setAudience('zone-risk')
    .setExpirationTime('5m')
    .sign(privateKey);
  const res = await app.inject({ method: 'GET', url: '/me', headers: { authorization: `Bearer ${token}` } });
  t.same([res.statusCode, res.json()], [200, { sub: 'finance-1', roles: ['debt-officer'] }]);
});
