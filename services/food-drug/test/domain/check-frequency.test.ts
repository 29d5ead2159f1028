import { InvalidInput } from '@zone-risk/domain-service/domain';
import t from 'tap';
import { checkPeriod, checkStanding, periodShort } from '../../src/domain/check-frequency.ts';
import { DEFAULT_RULES } from '../../src/domain/default-rules.ts';

const RULES = DEFAULT_RULES;
const withYears = (years: number) => ({
  checkFrequency: { ...RULES.checkFrequency, A: { checks: 1, years } },
});

t.test('a one-year period is the calendar year', async (t) => {
  t.same(checkPeriod('B', '2026-03-10', RULES), {
    label: '2026',
    start: '2026-01-01',
    end: '2026-12-31',
    required: 1,
  });
  t.same(checkPeriod('D', '2026-12-31', RULES), {
    label: '2026',
    start: '2026-01-01',
    end: '2026-12-31',
    required: 3,
  });
});

t.test('a two-year period starts in an even year, the same for every business', async (t) => {
  const expected = { label: '2026-2027', start: '2026-01-01', end: '2027-12-31', required: 1 };
  t.same(checkPeriod('A', '2026-01-01', RULES), expected);
  t.same(checkPeriod('A', '2027-12-31', RULES), expected);
  t.equal(checkPeriod('A', '2025-06-30', RULES).label, '2024-2025');
  t.equal(checkPeriod('A', '2028-01-01', RULES).label, '2028-2029');
});

t.test('longer periods are aligned on 2000 too, before 2000 as well', async (t) => {
  t.equal(checkPeriod('A', '2026-05-01', withYears(3)).label, '2024-2026');
  t.equal(checkPeriod('A', '2026-05-01', withYears(5)).label, '2025-2029');
  t.equal(checkPeriod('A', '1999-05-01', withYears(2)).label, '1998-1999');
});

t.test('a C business with no check is behind once half of a common year has passed: on 2 July', async (t) => {
  // 2026 has 365 days: floor(2 × 182 ÷ 365) = 0 on 1 July (day 182), floor(2 × 183 ÷ 365) = 1 on 2 July.
  const july1 = checkStanding('C', [], '2026-07-01', RULES);
  t.match(july1, { required: 2, done: 0, dueByNow: 0, behind: false, ended: false });
  const july2 = checkStanding('C', [], '2026-07-02', RULES);
  t.match(july2, { dueByNow: 1, behind: true });
  t.match(checkStanding('C', ['2026-03-01'], '2026-07-02', RULES), { done: 1, behind: false });
});

t.test('in a leap year the same C business is behind a day earlier by date: on 1 July', async (t) => {
  // 2028 has 366 days: 1 July is day 183, floor(2 × 183 ÷ 366) = 1.
  t.match(checkStanding('C', [], '2028-06-30', RULES), { dueByNow: 0, behind: false });
  t.match(checkStanding('C', [], '2028-07-01', RULES), { dueByNow: 1, behind: true });
  t.match(checkStanding('C', ['2028-02-29'], '2028-12-31', RULES), { done: 1, dueByNow: 2, behind: true });
});

t.test('a D business owes its third check only on the last day of the year', async (t) => {
  const dates = ['2026-03-01', '2026-07-01'];
  t.match(checkStanding('D', dates, '2026-12-30', RULES), { done: 2, dueByNow: 2, behind: false });
  t.match(checkStanding('D', dates, '2026-12-31', RULES), { done: 2, dueByNow: 3, behind: true });
});

t.test('an A business with no check in the first year of its two-year period is not behind', async (t) => {
  t.match(checkStanding('A', [], '2026-12-31', RULES), {
    period: { label: '2026-2027' },
    dueByNow: 0,
    behind: false,
  });
  t.match(checkStanding('A', [], '2027-12-30', RULES), { dueByNow: 0, behind: false });
  t.match(checkStanding('A', [], '2027-12-31', RULES), { dueByNow: 1, behind: true });
  t.match(
    checkStanding('A', ['2027-12-31'], '2027-12-31', RULES),
    { done: 1, behind: false },
    'a check on the period’s last day counts',
  );
  t.match(
    checkStanding('A', ['2025-12-31'], '2026-06-01', RULES),
    { done: 0 },
    'a check in the period before does not',
  );
});

t.test('a two-year period with a leap year has 731 days, the pro rata follows', async (t) => {
  // 2024-2025: one check due once 731 of 731 days have passed; with 2 checks, from day 366 (2024-12-31).
  const twice = { checkFrequency: { ...RULES.checkFrequency, A: { checks: 2, years: 2 } } };
  t.match(checkStanding('A', [], '2024-12-30', twice), { dueByNow: 0 });
  t.match(checkStanding('A', [], '2024-12-31', twice), { dueByNow: 1, behind: true });
  t.match(checkStanding('A', [], '2025-12-31', twice), { dueByNow: 2 });
});

t.test('standing in a given period after it ended: ended, everything due', async (t) => {
  const period = checkPeriod('B', '2025-06-01', RULES);
  const standing = checkStanding('B', ['2026-01-05'], '2026-01-05', RULES, period);
  t.match(standing, { period: { label: '2025' }, done: 0, dueByNow: 1, behind: true, ended: true });
});

t.test('a period that ended with fewer checks than required is short', async (t) => {
  t.same(periodShort('B', [], '2025-12-31', RULES), {
    period: { label: '2025', start: '2025-01-01', end: '2025-12-31', required: 1 },
    required: 1,
    done: 0,
    short: true,
  });
  t.match(
    periodShort('B', ['2025-12-31'], '2025-12-31', RULES),
    { done: 1, short: false },
    'the last day counts',
  );
  t.match(
    periodShort('B', ['2026-01-01'], '2025-12-31', RULES),
    { done: 0, short: true },
    'the day after does not',
  );
  t.match(periodShort('C', ['2025-02-01', '2025-11-30'], '2025-07-01', RULES), { done: 2, short: false });
  t.match(periodShort('A', ['2025-06-01'], '2027-12-31', RULES), {
    period: { label: '2026-2027' },
    short: true,
  });
});

t.test('a grade that requires no checks is never behind nor short', async (t) => {
  const none = { checkFrequency: { ...RULES.checkFrequency, A: { checks: 0, years: 1 } } };
  t.match(checkStanding('A', [], '2026-12-31', none), { required: 0, dueByNow: 0, behind: false });
  t.match(periodShort('A', [], '2026-12-31', none), { short: false });
});

t.test('a malformed day is refused in domain words, naming it', async (t) => {
  t.throws(() => checkPeriod('B', '2026-02-30', RULES), InvalidInput);
  const error = t.throws(() =>
    checkStanding('B', ['2026-01-01', 'yesterday'], '2026-03-01', RULES),
  ) as InvalidInput;
  t.same(error.fields, [{ pointer: '/checkDates/1', reason: 'must be YYYY-MM-DD' }]);
});
