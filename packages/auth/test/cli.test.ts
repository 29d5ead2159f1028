import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { DEV_ONLY_JWT_SECRET } from '../src/config.ts';
import { createTokenVerifier } from '../src/verify.ts';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...env },
  });

t.test('the token command prints a dev token the services accept', async (t) => {
  const result = run([
    '--role',
    'inspector',
    '--role',
    'env-staff',
    '--sub',
    'demo-inspector',
    '--name',
    '张三',
    '--ttl',
    '1h',
  ]);
  t.equal(result.status, 0, result.stderr);
  const verify = createTokenVerifier({
    secret: DEV_ONLY_JWT_SECRET,
    issuer: 'zone-risk-dev',
    audience: 'zone-risk',
  });
  t.same(await verify(result.stdout.trim()), {
    sub: 'demo-inspector',
    name: '张三',
    roles: ['inspector', 'env-staff'],
  });
});

t.test('the token command refuses to run with NODE_ENV=production', async (t) => {
  const result = run(['--role', 'admin', '--sub', 'x'], { NODE_ENV: 'production' });
  t.not(result.status, 0);
  t.match(result.stderr, /production/);
  t.equal(result.stdout, '');
});

t.test('an unknown role is refused with the list of roles', async (t) => {
  const result = run(['--role', 'mayor', '--sub', 'x']);
  t.not(result.status, 0);
  t.match(result.stderr, /safety-supervisor/);
});
