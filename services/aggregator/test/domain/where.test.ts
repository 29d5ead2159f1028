// The where matcher: equals, one of, a list that includes, a day or instant within a window.
import t from 'tap';
import { compileWhere, windowEnd } from '../../src/domain/where.ts';

const DAY_MS = 86_400_000;
/** Midnight starting a zone day (UTC+08:00), as an instant. */
const zoneMidnight = (day: string) => Date.parse(`${day}T00:00:00+08:00`);

t.test('a value equals, a list equals one of, open is built in', async (t) => {
  const { test, expiresAt } = compileWhere({ open: true, grade: ['C', 'D'], checkOverdue: true });
  t.equal(expiresAt, undefined, 'nothing here depends on time');
  t.ok(test({ grade: 'D', checkOverdue: true }, true));
  t.notOk(test({ grade: 'B', checkOverdue: true }, true));
  t.notOk(test({ grade: 'D', checkOverdue: true }, false));
  t.notOk(test({ grade: 'D' }, true), 'a missing attribute is null');
});

t.test('includes: a list attribute holding the value, or one of the values', async (t) => {
  const one = compileWhere({ categories: { includes: 'school-canteen' } }).test;
  const any = compileWhere({ categories: { includes: ['infant-formula', 'school-canteen'] } }).test;
  t.ok(one({ categories: ['dairy', 'school-canteen'] }, true));
  t.notOk(one({ categories: ['dairy'] }, true));
  t.notOk(one({ categories: [] }, true));
  t.notOk(one({ categories: 'school-canteen' }, true), 'a scalar is not a list');
  t.notOk(one({}, true), 'nor is a missing attribute');
  t.ok(any({ categories: ['infant-formula'] }, true));
  t.notOk(any({ categories: ['health-food', 'liquor'] }, true));
  t.notOk(
    compileWhere({ categories: ['school-canteen'] }).test({ categories: ['school-canteen'] }, true),
    'a plain list still means equals one of, never includes',
  );
});

t.test('withinDays on a zone day: the last N zone days, today counted as the first', async (t) => {
  const { test, expiresAt } = compileWhere({ sampledOn: { withinDays: 30 } });
  const day = { sampledOn: '2030-01-01' };
  const end = zoneMidnight('2030-01-31');
  t.equal(expiresAt?.(day), end, 'leaves when 2030-01-31 begins in the zone, its 31st day');
  t.equal(windowEnd('2030-01-01', 30), end);
  t.ok(test(day, true, zoneMidnight('2030-01-01')), 'the day itself');
  t.ok(test(day, true, end - 1), 'the last instant of 2030-01-30');
  t.notOk(test(day, true, end));
  t.ok(test(day, true), 'without a clock every window is open');
  t.ok(test({ sampledOn: '2030-02-01' }, true, end), 'a day ahead of the clock is within');
});

t.test('withinDays on an instant: N × 24 h; anything else never matches', async (t) => {
  const { test, expiresAt } = compileWhere({ recordedAt: { withinDays: 2 } });
  const at = '2030-01-01T10:00:00+08:00';
  t.equal(expiresAt?.({ recordedAt: at }), Date.parse(at) + 2 * DAY_MS);
  t.ok(test({ recordedAt: at }, true, Date.parse(at) + 2 * DAY_MS - 1));
  t.notOk(test({ recordedAt: at }, true, Date.parse(at) + 2 * DAY_MS));
  for (const value of ['not a day', 42, null, true, ['2030-01-01']]) {
    t.notOk(test({ recordedAt: value }, true), `${JSON.stringify(value)} is no day or instant`);
  }
  t.notOk(test({}, true), 'a missing attribute');
});

t.test('a clause with a window and other conditions needs all of them', async (t) => {
  const { test, expiresAt } = compileWhere({
    verdict: 'unqualified',
    sampledOn: { withinDays: 30 },
    at: { withinDays: 1 },
  });
  const item = { verdict: 'unqualified', sampledOn: '2030-01-01', at: '2030-01-01T00:00:00Z' };
  t.equal(expiresAt?.(item), Date.parse('2030-01-02T00:00:00Z'), 'the first window to end');
  t.ok(test(item, true, Date.parse('2030-01-01T12:00:00Z')));
  t.notOk(test({ ...item, verdict: 'qualified' }, true, Date.parse('2030-01-01T12:00:00Z')));
});
