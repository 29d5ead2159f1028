import { topics } from '@zone-risk/contracts';
import { ConfigError, loadConfig } from '@zone-risk/platform';
import t from 'tap';
import { debtConfigSchema } from '../src/config.ts';

t.test('the defaults: port 3004, its own database and topic', async (t) => {
  const config = loadConfig(debtConfigSchema, {});
  t.same(
    [config.PORT, config.MONGO_DB, config.DEBT_TOPIC, config.SWEEP_SECONDS, config.IMPORT_MAX_ROWS],
    [3004, 'debt', topics.debt, 30, 50_000],
  );
});

t.test('a bad variable stops the service with a message naming it', async (t) => {
  for (const [variable, value] of [
    ['SWEEP_SECONDS', '-1'],
    ['IMPORT_MAX_BYTES', 'big'],
    ['IMPORT_CHUNK_ROWS', '5000'],
  ] as const) {
    const error = t.throws(() => loadConfig(debtConfigSchema, { [variable]: value })) as ConfigError;
    t.ok(error instanceof ConfigError, variable);
    t.match(error.message, new RegExp(variable));
  }
});
