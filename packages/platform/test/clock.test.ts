import { systemClock } from '@zone-risk/calendar';
import { pino } from 'pino';
import t from 'tap';
import { z } from 'zod';
import { clockShiftDays, configuredClock, refuseClockShiftInProduction } from '../src/index.ts';

const schema = z
  .object({ NODE_ENV: z.string(), CLOCK_SHIFT_DAYS: clockShiftDays })
  .superRefine(refuseClockShiftInProduction);

t.test('CLOCK_SHIFT_DAYS: 0 by default, whole days forward, never in production', async (t) => {
  t.equal(schema.parse({ NODE_ENV: 'test' }).CLOCK_SHIFT_DAYS, 0);
  t.equal(schema.parse({ NODE_ENV: 'test', CLOCK_SHIFT_DAYS: '3' }).CLOCK_SHIFT_DAYS, 3);
  t.notOk(schema.safeParse({ NODE_ENV: 'test', CLOCK_SHIFT_DAYS: '-1' }).success, 'not backwards');
  t.notOk(schema.safeParse({ NODE_ENV: 'test', CLOCK_SHIFT_DAYS: '1.5' }).success, 'whole days');
  const production = schema.safeParse({ NODE_ENV: 'production', CLOCK_SHIFT_DAYS: '2' });
  t.notOk(production.success);
  t.match(production.error?.issues, [
    { path: ['CLOCK_SHIFT_DAYS'], message: /must be 0 when NODE_ENV=production/ },
  ]);
  t.ok(schema.safeParse({ NODE_ENV: 'production', CLOCK_SHIFT_DAYS: '0' }).success);
});

t.test('configuredClock: the system clock, or shifted with a warning', async (t) => {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  t.equal(configuredClock(0, logger), systemClock);
  t.same(lines, [], 'no warning without a shift');
  const shifted = configuredClock(2, logger);
  const ahead = shifted.now().getTime() - Date.now();
  t.ok(Math.abs(ahead - 2 * 86_400_000) < 5_000, 'two days ahead');
  t.match(lines, [{ level: 40, clockShiftDays: 2, msg: /shifted 2 days forward/ }]);
});
