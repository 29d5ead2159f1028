import { ConfigError, loadConfig } from '@zone-risk/platform';
import t from 'tap';
import { environmentConfigSchema } from '../src/config.ts';

t.test('the clock is not shifted unless CLOCK_SHIFT_DAYS says so', async (t) => {
  t.equal(loadConfig(environmentConfigSchema, {}).CLOCK_SHIFT_DAYS, 0);
  t.equal(loadConfig(environmentConfigSchema, { NODE_ENV: 'production' }).CLOCK_SHIFT_DAYS, 0);
});

t.test('a test or a demo may shift the clock forward by whole days', async (t) => {
  t.equal(
    loadConfig(environmentConfigSchema, { NODE_ENV: 'test', CLOCK_SHIFT_DAYS: '2' }).CLOCK_SHIFT_DAYS,
    2,
  );
  t.equal(loadConfig(environmentConfigSchema, { CLOCK_SHIFT_DAYS: '30' }).CLOCK_SHIFT_DAYS, 30);
  for (const bad of ['1.5', '-1', 'two']) {
    t.throws(() => loadConfig(environmentConfigSchema, { CLOCK_SHIFT_DAYS: bad }), /CLOCK_SHIFT_DAYS/, bad);
  }
});

t.test('production refuses a shifted clock, naming the variable', async (t) => {
  const error = t.throws(() =>
    loadConfig(environmentConfigSchema, { NODE_ENV: 'production', CLOCK_SHIFT_DAYS: '2' }),
  ) as ConfigError;
  t.ok(error instanceof ConfigError);
  t.same(error.issues, [
    {
      variable: 'CLOCK_SHIFT_DAYS',
      message: `must be 0 when NODE_ENV=production (${environmentConfigSchema.shape.CLOCK_SHIFT_DAYS.description})`,
    },
  ]);
  t.match(error.message, /CLOCK_SHIFT_DAYS: must be 0 when NODE_ENV=production/);
});
