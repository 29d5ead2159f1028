import t from 'tap';
import { DEFAULT_SETTINGS, levelOf } from '../../src/domain/indicators.ts';
import { elapsedDays, mulDiv, progressOf } from '../../src/domain/progress.ts';

const base = {
  overdueAmount: 0,
  overduePayments: 0,
  unfundedAlerts: 0,
  progress: null,
  settings: DEFAULT_SETTINGS,
};

t.test('the debt ratio’s bands at each edge: 120 %, 200 %, 300 %', async (t) => {
  const at = (debtRatioBp: number) => levelOf({ ...base, debtRatioBp }).level;
  t.same([11_999, 12_000, 19_999, 20_000, 29_999, 30_000].map(at), [
    'low',
    'general',
    'general',
    'significant',
    'significant',
    'major',
  ]);
  t.equal(levelOf({ ...base, debtRatioBp: null }).level, 'low', 'no capacity entered: no ratio, no band');
});

t.test('an overdue payment lifts to at least orange, never lowers red', async (t) => {
  t.equal(
    levelOf({ ...base, debtRatioBp: 5_000, overduePayments: 1, overdueAmount: 100 }).level,
    'significant',
  );
  t.equal(levelOf({ ...base, debtRatioBp: 31_000, overduePayments: 1, overdueAmount: 100 }).level, 'major');
});

const progress = (behindBp: number) => ({
  year: 2026,
  target: 1,
  done: 0,
  expected: 0,
  aheadFen: 0,
  aheadBp: -behindBp,
  behindBp,
  forecast: 0,
});

t.test('behind 序时进度 by more than 10 points lifts to at least yellow; exactly 10 does not', async (t) => {
  t.equal(levelOf({ ...base, debtRatioBp: 5_000, progress: progress(1_000) }).level, 'low');
  t.equal(levelOf({ ...base, debtRatioBp: 5_000, progress: progress(1_001) }).level, 'general');
});

t.test('a maturity within the window with no funds lifts to at least yellow', async (t) => {
  const result = levelOf({ ...base, debtRatioBp: 5_000, unfundedAlerts: 2 });
  t.match(result, { level: 'general', reasons: [{ rule: 'ratio-band' }, { rule: 'unfunded-maturity' }] });
});

t.test('40 % of the year gone and 20 % of the task done is 20 points behind', async (t) => {
  // 2026: 365 days; 146 days gone (26 May) is exactly 40 %.
  t.equal(elapsedDays(2026, '2026-05-26'), 146);
  const instruments = [
    {
      id: 'YX-1',
      version: 3,
      name: '隐性债务',
      debtor: { creditCode: '91320191MA0000001X', name: '平台公司' },
      type: 'hidden' as const,
      status: 'active' as const,
      balance: 8_000_000_000,
      lines: [],
      reductions: [{ date: '2026-03-01', kind: 'repayment' as const, amount: 2_000_000_000, paced: false }],
    },
  ];
  const task = {
    id: '2026',
    zoneId: 'z',
    year: 2026,
    target: 10_000_000_000,
    counts: { kinds: ['repayment'], types: ['hidden'] },
    note: '',
    version: 1,
  } as const;
  const p = progressOf(
    { ...task, counts: { kinds: ['repayment'], types: ['hidden'] } },
    instruments,
    '2026-05-26',
  );
  t.same(
    [p.done, p.expected, p.aheadFen, p.aheadBp, p.behindBp],
    [2_000_000_000, 4_000_000_000, -2_000_000_000, -2_000, 2_000],
  );
  t.equal(p.forecast, 2_000_000_000, 'nothing scheduled ahead, no early repayments to extrapolate');
  t.equal(mulDiv(1, 1, 2), 1, 'halves round up');
});
