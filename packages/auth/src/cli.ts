// Mints a development token: pnpm run token --role inspector --sub demo-inspector [--name 张三] [--ttl 8h]
// Signs with AUTH_JWT_SECRET when set, else the dev-only secret the services accept outside production.
// `pnpm run token`, not `pnpm token`: pnpm has a built-in `token` command (registry tokens) that wins.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { authConfigSchema } from './config.ts';
import { roleSchema } from './roles.ts';
import { signToken } from './sign.ts';

const USAGE = `Usage: pnpm run token --role <role> [--role <role>...] --sub <id> [--name <name>] [--zone <zoneId>] [--ttl 8h]
Roles: ${roleSchema.options.join(', ')}`;

function fail(message: string): never {
  process.stderr.write(`token: ${message}\n${USAGE}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  if (process.env.NODE_ENV === 'production') fail('refusing to mint dev tokens with NODE_ENV=production');
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        role: { type: 'string', multiple: true },
        sub: { type: 'string' },
        name: { type: 'string' },
        zone: { type: 'string' },
        ttl: { type: 'string', default: '8h' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const roles = z
    .array(roleSchema)
    .min(1)
    .safeParse(values.role ?? []);
  if (!roles.success) fail('give at least one --role, each one of the roles below');
  if (typeof values.sub !== 'string' || values.sub === '') fail('--sub is required');
  const env = authConfigSchema.safeParse(process.env);
  if (!env.success) fail(env.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const ttl = values.ttl as string;
  if (!/^\d+\s*(s|m|h|d)$/.test(ttl)) fail('--ttl must look like 30m, 8h or 1d');

  const token = await signToken({
    sub: values.sub,
    roles: roles.data,
    name: typeof values.name === 'string' ? values.name : undefined,
    zoneId: typeof values.zone === 'string' ? values.zone : undefined,
    ttl,
    secret: env.data.AUTH_JWT_SECRET,
    issuer: env.data.AUTH_ISSUER,
    audience: env.data.AUTH_AUDIENCE,
  });
  process.stdout.write(`${token}\n`);
}

await main();
