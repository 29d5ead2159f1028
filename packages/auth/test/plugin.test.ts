import Fastify from 'fastify';
import t from 'tap';
import { DEV_ONLY_JWT_SECRET } from '../src/config.ts';
import { authPlugin, requireRole } from '../src/plugin.ts';
import { signToken } from '../src/sign.ts';
import { createTokenVerifier } from '../src/verify.ts';

// A bare fastify app: the plugin's errors carry statusCode and headers, so even fastify's default
// error handler answers 401/403 correctly (the platform adds problem+json on top).
async function app() {
  const verifier = createTokenVerifier({
    secret: DEV_ONLY_JWT_SECRET,
    issuer: 'zone-risk-dev',
    audience: 'zone-risk',
  });
  const app = Fastify();
  await app.register(authPlugin, { verifier });
  app.get('/health', { config: { public: true } }, async () => ({ ok: true }));
  app.get('/me', async (request) => request.principal);
  app.post('/hazards/:id/accept', { config: { roles: ['safety-supervisor'] } }, async () => ({
    accepted: true,
  }));
  app.get('/debts', { preHandler: requireRole('debt-officer') }, async () => ({ items: [] }));
  return app;
}

const bearer = async (...roles: Parameters<typeof signToken>[0]['roles']) => ({
  authorization: `Bearer ${await signToken({ sub: 'demo', roles })}`,
});

t.test('a route without a token answers 401 with a Bearer challenge', async (t) => {
  const res = await (await app()).inject({ method: 'GET', url: '/me' });
  t.equal(res.statusCode, 401);
  t.equal(res.headers['www-authenticate'], 'Bearer realm="zone-risk"');
});

t.test('a malformed Authorization header or a bad token answers 401 with invalid_token', async (t) => {
  const server = await app();
  for (const authorization of ['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer abc.def.ghi']) {
    const res = await server.inject({ method: 'GET', url: '/me', headers: { authorization } });
    t.equal(res.statusCode, 401, authorization);
    t.match(res.headers['www-authenticate'], /error="invalid_token"/);
  }
});

t.test('a valid token reaches the handler with the principal set', async (t) => {
  const res = await (await app()).inject({ method: 'GET', url: '/me', headers: await bearer('inspector') });
  t.equal(res.statusCode, 200);
  t.same(res.json(), { sub: 'demo', roles: ['inspector'] });
});

t.test('a route marked public needs no token', async (t) => {
  const res = await (await app()).inject({ method: 'GET', url: '/health' });
  t.equal(res.statusCode, 200);
});

t.test('when an inspector tries a supervisor action, it is refused with 403', async (t) => {
  const server = await app();
  const refused = await server.inject({
    method: 'POST',
    url: '/hazards/h1/accept',
    headers: await bearer('inspector'),
  });
  t.equal(refused.statusCode, 403);
  const allowed = await server.inject({
    method: 'POST',
    url: '/hazards/h1/accept',
    headers: await bearer('safety-supervisor'),
  });
  t.equal(allowed.statusCode, 200);
});

t.test('admin passes every role check, through route config and requireRole', async (t) => {
  const server = await app();
  const headers = await bearer('admin');
  t.equal((await server.inject({ method: 'POST', url: '/hazards/h1/accept', headers })).statusCode, 200);
  t.equal((await server.inject({ method: 'GET', url: '/debts', headers })).statusCode, 200);
  t.equal(
    (await server.inject({ method: 'GET', url: '/debts', headers: await bearer('env-staff') })).statusCode,
    403,
  );
});
