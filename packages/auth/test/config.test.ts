import t from 'tap';
import { authConfigSchema, DEV_ONLY_JWT_SECRET, verifierOptionsFromConfig } from '../src/config.ts';
import { AuthConfigError } from '../src/errors.ts';

t.test('outside production, no secret and no JWKS falls back to the dev secret', async (t) => {
  const config = authConfigSchema.parse({});
  t.same(verifierOptionsFromConfig(config, 'development'), {
    issuer: 'zone-risk-dev',
    audience: 'zone-risk',
    secret: DEV_ONLY_JWT_SECRET,
  });
});

t.test('in production the dev secret, or no key at all, is refused naming AUTH_JWT_SECRET', async (t) => {
  for (const env of [{}, { AUTH_JWT_SECRET: DEV_ONLY_JWT_SECRET }]) {
    const error = t.throws(() => verifierOptionsFromConfig(authConfigSchema.parse(env), 'production'));
    t.ok(error instanceof AuthConfigError);
    t.equal((error as AuthConfigError).variable, 'AUTH_JWT_SECRET');
  }
});

t.test('a JWKS URL is used as given; a short secret fails parsing', async (t) => {
  const config = authConfigSchema.parse({
    AUTH_JWKS_URL: 'https://idp.example/jwks',
    AUTH_ISSUER: 'https://idp.example',
  });
  t.equal(verifierOptionsFromConfig(config, 'production').jwksUrl, 'https://idp.example/jwks');
  const short = authConfigSchema.safeParse({ AUTH_JWT_SECRET: 'too-short' });
  t.notOk(short.success);
  t.match(short.error?.issues[0]?.message ?? '', /32 characters/);
});
