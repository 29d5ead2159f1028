import { authConfigSchema, createTokenVerifier, verifierOptionsFromConfig } from '@zone-risk/auth';
import t from 'tap';
import { bearer } from '../src/index.ts';

t.test('a bearer header carries a token a service outside production accepts', async (t) => {
  const verify = createTokenVerifier(verifierOptionsFromConfig(authConfigSchema.parse({}), 'test'));
  const { authorization } = await bearer(['inspector', 'risk-office'], 'insp-wang', '王磊');
  t.match(authorization, /^Bearer \S+$/);
  t.match(await verify(authorization.slice('Bearer '.length)), {
    sub: 'insp-wang',
    name: '王磊',
    roles: ['inspector', 'risk-office'],
  });
  const anonymous = await bearer(['admin'], 'admin-1');
  t.notOk((await verify(anonymous.authorization.slice('Bearer '.length))).name, 'no name unless given');
});
