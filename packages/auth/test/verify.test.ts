import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CryptoKey, exportJWK, generateKeyPair, SignJWT } from 'jose';
import t, { type Test } from 'tap';
import { DEV_ONLY_JWT_SECRET } from '../src/config.ts';
import { AuthenticationError } from '../src/errors.ts';
import { signToken } from '../src/sign.ts';
import { createTokenVerifier } from '../src/verify.ts';

const options = { secret: DEV_ONLY_JWT_SECRET, issuer: 'zone-risk-dev', audience: 'zone-risk' };
const verify = createTokenVerifier(options);
const key = new TextEncoder().encode(DEV_ONLY_JWT_SECRET);

async function rejected(t: Test, token: string, detail: RegExp) {
  const error = await verify(token).then(
    () => undefined,
    (e: unknown) => e,
  );
  t.ok(error instanceof AuthenticationError, 'rejected as an authentication error (401)');
  t.match((error as Error).message, detail);
}

t.test('a valid token yields its principal, with unknown roles dropped', async (t) => {
  const token = await new SignJWT({ roles: ['inspector', 'astronaut'], name: '张三', zoneId: 'demo-zone' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('u1')
    .setIssuer('zone-risk-dev')
    .setAudience('zone-risk')
    .setExpirationTime('5m')
    .sign(key);
  t.same(await verify(token), { sub: 'u1', name: '张三', roles: ['inspector'], zoneId: 'demo-zone' });
});

t.test('an expired token is refused', async (t) => {
  const token = await new SignJWT({ roles: ['inspector'] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('u1')
    .setIssuer('zone-risk-dev')
    .setAudience('zone-risk')
    .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
    .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
    .sign(key);
  await rejected(t, token, /expired/);
});

t.test('a token signed with another secret is refused', async (t) => {
  const token = await signToken({ sub: 'u1', roles: ['admin'], secret: 'x'.repeat(40) });
  await rejected(t, token, /signature/);
});

t.test('a token from another issuer or for another audience is refused', async (t) => {
  await rejected(t, await signToken({ sub: 'u1', roles: ['admin'], issuer: 'elsewhere' }), /issuer/);
  await rejected(t, await signToken({ sub: 'u1', roles: ['admin'], audience: 'other-app' }), /audience/);
});

t.test('garbage and unsigned tokens are refused as malformed', async (t) => {
  await rejected(t, 'not.a.token', /malformed/);
  const header = Buffer.from('{"alg":"none"}').toString('base64url');
  const body = Buffer.from('{"sub":"u1","iss":"zone-risk-dev","aud":"zone-risk"}').toString('base64url');
  await rejected(t, `${header}.${body}.`, /malformed|algorithm/);
});

t.test('a token without a subject is refused', async (t) => {
  const token = await new SignJWT({ roles: ['admin'] })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('zone-risk-dev')
    .setAudience('zone-risk')
    .setExpirationTime('5m')
    .sign(key);
  await rejected(t, token, /subject/);
});

t.test('with a JWKS URL, tokens signed by a published key verify and others do not', async (t) => {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  const stranger = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
  const server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.address() as AddressInfo;
  const verifyJwks = createTokenVerifier({
    jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    issuer: 'https://idp.example',
    audience: 'zone-risk',
  });
  const sign = (signingKey: CryptoKey, kid: string) =>
    new SignJWT({ roles: ['risk-office'] })
      .setProtectedHeader({ alg: 'ES256', kid })
      .setSubject('u2')
      .setIssuer('https://idp.example')
      .setAudience('zone-risk')
      .setExpirationTime('5m')
      .sign(signingKey);

  t.same(await verifyJwks(await sign(privateKey, 'k1')), { sub: 'u2', roles: ['risk-office'] });
  await t.rejects(
    verifyJwks(await sign(stranger.privateKey, 'k1')),
    AuthenticationError,
    'wrong key, same kid',
  );
  await t.rejects(verifyJwks(await sign(stranger.privateKey, 'k9')), AuthenticationError, 'unknown kid');
  // An HS256 token must never verify against a JWKS (algorithm confusion).
  await t.rejects(
    verifyJwks(await signToken({ sub: 'u2', roles: ['admin'], issuer: 'https://idp.example' })),
    AuthenticationError,
  );
});
