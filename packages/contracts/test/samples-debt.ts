// Debt reduction (债务化解): the register's instrument samples (samples-debt-instruments.ts) and one
// sample of each event of the 2026 reduction task, the 2025 fiscal capacity and the zone's
// indicators.
import {
  debtInstrumentSamples,
  debtEnvelope as envelope,
  officer,
  supervisor,
} from './samples-debt-instruments.ts';

const task = {
  year: 2026,
  counts: {
    kinds: ['repayment', 'replacement', 'write-off'],
    types: ['hidden', 'trust', 'leasing', 'non-standard-other'],
  },
};
const taskSamples = [
  {
    ...envelope('DebtTaskSet', 'debt-task', '2026', 1, '2026-01-16T10:00:00+08:00'),
    data: { ...task, target: 35_000_000_000, note: '宁化债办〔2026〕2号', version: 1, setBy: supervisor },
  },
  {
    ...envelope('DebtTaskRevised', 'debt-task', '2026', 2, '2026-04-10T15:30:00+08:00'),
    data: {
      ...task,
      target: 40_000_000_000,
      note: '宁化债办〔2026〕2号；苏化债办〔2026〕11号追加',
      version: 2,
      previousTarget: 35_000_000_000,
      reason: '省化债办追加年度化债任务5,000万元',
      revisedBy: supervisor,
    },
  },
];

const capacitySamples = [
  {
    ...envelope('FiscalCapacityEntered', 'fiscal-capacity', '2025', 1, '2026-02-10T09:00:00+08:00'),
    data: {
      year: 2025,
      amount: 572_000_000_000,
      source: '2025年预算执行情况快报（东区财政局）',
      version: 1,
      enteredBy: officer,
    },
  },
  {
    ...envelope('FiscalCapacityRevised', 'fiscal-capacity', '2025', 2, '2026-06-12T14:00:00+08:00'),
    data: {
      year: 2025,
      amount: 586_000_000_000,
      source: '2025年度东区财政决算（管委会审定）',
      version: 2,
      previousAmount: 572_000_000_000,
      reason: '以决算数替代快报数',
      revisedBy: supervisor,
    },
  },
];

// The zone on 23 June 2026, once the hidden debt's payment 1 went overdue: the debt ratio is in the
// yellow band (185 %), the overdue payment lifts the level to significant.
const settings = {
  bands: { general: 12_000, significant: 20_000, major: 30_000 },
  ratioScope: ['general-bond', 'special-bond', 'refinancing-bond', 'hidden'],
  overdueLevel: 'significant',
  behindPoints: 1_000,
  behindLevel: 'general',
  unfundedWithinDays: 15,
  unfundedLevel: 'significant',
};
const reasons = [
  { rule: 'ratio-band', level: 'general', text: '债务率185.00%，达到黄线120.00%，未到橙线200.00%' },
  {
    rule: 'overdue',
    level: 'significant',
    text: '1笔逾期：东区安置房二期项目贷款（隐性债务）第1期，2026-06-22到期，本息4,546.00万元未付',
  },
];
const indicators = {
  asOf: '2026-06-23',
  level: 'significant',
  reasons,
  balance: 1_296_500_000_000,
  balanceInScope: 1_084_100_000_000,
  capacity: { year: 2025, amount: 586_000_000_000 },
  debtRatioBp: 18_500,
  overdueAmount: 4_546_000_000,
  overduePayments: 1,
  overdueRateBp: 35,
  maturities: [
    { withinDays: 30, payments: 2, due: 1_204_711_111, funded: 1_100_000_000, unfunded: 104_711_111 },
    { withinDays: 90, payments: 5, due: 2_345_911_111, funded: 1_278_000_000, unfunded: 1_067_911_111 },
  ],
  unfundedAlerts: 0,
  // Day 174 of 365: 40,000万 × 174 ÷ 365 expected; done is the replacement, the trust's repayment
  // and its write-off.
  task: {
    year: 2026,
    target: 40_000_000_000,
    done: 30_000_000_000,
    expected: 19_068_493_151,
    aheadFen: 10_931_506_849,
    aheadBp: 2_733,
    behindBp: 0,
    forecast: 69_531_034_483,
  },
  settings,
};
// Asked to fund payments 30 days ahead, not 15: the working-capital loan's payment on 20 July,
// 104.71万 with nothing assigned, becomes an alert of its own.
const unfundedReason = {
  rule: 'unfunded-maturity',
  level: 'significant',
  text: '30日内到期未安排资金1笔：东区开发建设集团流动资金贷款第1期，2026-07-20到期，104.71万元',
};
const indicatorsSamples = [
  {
    ...envelope('DebtIndicatorsChanged', 'debt-indicators', 'demo-zone', 57, '2026-06-22T16:00:05Z'),
    data: { ...indicators, version: 57, previousLevel: 'general' },
  },
  {
    ...envelope('DebtSettingsChanged', 'debt-indicators', 'demo-zone', 58, '2026-06-23T10:15:00+08:00'),
    data: {
      ...indicators,
      reasons: [...reasons, unfundedReason],
      unfundedAlerts: 1,
      settings: { ...settings, unfundedWithinDays: 30 },
      version: 58,
      reason: '市化债办要求到期前30日落实偿债资金（原为15日）',
      changedBy: supervisor,
    },
  },
];

export const debtSamples = [
  ...debtInstrumentSamples,
  ...taskSamples,
  ...capacitySamples,
  ...indicatorsSamples,
];
