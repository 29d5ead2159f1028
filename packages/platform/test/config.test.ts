import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { z } from 'zod';
import { baseConfigSchema, ConfigError, loadConfig } from '../src/config.ts';

const fixture = fileURLToPath(new URL('./fixtures/service.ts', import.meta.url));

t.test('a valid environment gives typed config with defaults', async (t) => {
  const config = loadConfig(baseConfigSchema, {
    MONGO_DB: 'hazards',
    PORT: '8080',
    KAFKA_BROKERS: 'a:9092, b:9093',
  });
  t.equal(config.PORT, 8080);
  t.same(config.KAFKA_BROKERS, ['a:9092', 'b:9093']);
  t.equal(config.LOG_LEVEL, 'info');
  t.equal(config.ZONE_ID, 'demo-zone');
});

t.test(
  'when several variables are bad, the ConfigError names each and why, never their values',
  async (t) => {
    const error = t.throws(() =>
      loadConfig(baseConfigSchema, { PORT: 'eighty', LOG_LEVEL: 'loud', AUTH_JWT_SECRET: 's3cr3t-value' }),
    ) as ConfigError;
    t.ok(error instanceof ConfigError);
    t.same(error.issues.map((i) => i.variable).sort(), ['AUTH_JWT_SECRET', 'LOG_LEVEL', 'MONGO_DB', 'PORT']);
    t.match(error.message, /MONGO_DB: is required but not set \(The service's own database\)/);
    t.match(error.message, /PORT: .*number/);
    t.match(error.message, /AUTH_JWT_SECRET: must be at least 32 characters/);
    t.notMatch(error.message, /s3cr3t-value|eighty|loud/);
  },
);

t.test('a service extends the base schema; empty variables count as unset', async (t) => {
  const schema = baseConfigSchema.extend({
    OVERDUE_SCAN_SECONDS: z.coerce
      .number()
      .int()
      .positive()
      .default(60)
      .describe('How often overdue hazards are looked for'),
  });
  const config = loadConfig(schema, { MONGO_DB: 'hazards', PORT: '', OVERDUE_SCAN_SECONDS: '30' });
  t.equal(config.PORT, 3000);
  t.equal(config.OVERDUE_SCAN_SECONDS, 30);
  t.throws(
    () => loadConfig(schema, { MONGO_DB: 'hazards', OVERDUE_SCAN_SECONDS: '-1' }),
    /OVERDUE_SCAN_SECONDS/,
  );
});

interface Child {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runFixture(
  env: Record<string, string>,
  onStdout?: (text: string, kill: () => void) => void,
): Promise<Child> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [fixture], { env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      onStdout?.(stdout, () => child.kill('SIGTERM'));
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

t.test('a service started with a bad variable exits non-zero, naming it on stderr', async (t) => {
  const result = await runFixture({ PORT: 'not-a-port', MONGO_DB: 'x' });
  t.not(result.code, 0);
  t.match(result.stderr, /Invalid configuration/);
  t.match(result.stderr, /PORT/);
  t.notMatch(result.stderr, /not-a-port/);
});

t.test('in production without a real token key, the service refuses to start', async (t) => {
  const result = await runFixture({ NODE_ENV: 'production', MONGO_DB: 'x', PORT: '0' });
  t.not(result.code, 0);
  t.match(result.stderr, /AUTH_JWT_SECRET/);
});

t.test('on SIGTERM a running service closes (onClose hooks run) and exits 0', async (t) => {
  let signalled = false;
  const result = await runFixture({ MONGO_DB: 'x', PORT: '0', HOST: '127.0.0.1' }, (stdout, kill) => {
    if (!signalled && stdout.includes('service started')) {
      signalled = true;
      kill();
    }
  });
  t.equal(result.code, 0, result.stderr);
  const messages = result.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line).msg);
  const seen = messages.filter((m) => /service|onClose/.test(m));
  // The stopping line has been seen flushed after the close on a loaded machine (two cores, files
  // in parallel); what matters is that all of it happened, the hooks before the process said done.
  t.same([...seen].sort(), ['fixture onClose ran', 'service started', 'service stopped', 'service stopping']);
  t.equal(seen[0], 'service started');
  t.ok(
    seen.indexOf('fixture onClose ran') < seen.indexOf('service stopped'),
    'onClose hooks ran before it stopped',
  );
});
