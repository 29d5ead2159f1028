// Debt reduction (债务化解), the register: one sample of each instrument event on the zone platform
// company's debts — a special bond, a hidden debt mostly retired by a refinancing bond, two bank
// loans and a trust. Money in fen, rates in percent strings; the envelope and people are shared with
// samples-debt.ts.

export const debtEnvelope = (
  name: string,
  aggregatetype: string,
  aggregateid: string,
  aggregateversion: number,
  time: string,
) => ({
  specversion: '1.0',
  id: '8e1d4c7a-3b2f-4a6e-9d5c-1f0e2a3b4c5d',
  source: '/services/debt',
  type: `zone.debt.${name}.v1`,
  time,
  subject: aggregateid,
  datacontenttype: 'application/json',
  zoneid: 'demo-zone',
  aggregatetype,
  aggregateid,
  aggregateversion,
  correlationid: 'req-9d1b',
});

export const officer = { id: 'demo-debt-officer', name: '郑海' };
export const supervisor = { id: 'demo-debt-supervisor', name: '冯婷' };
// A valid code: its check character is creditCodeCheckChar('91320115134890123').
const debtor = { creditCode: '91320115134890123J', name: '南京江宁东区开发建设集团有限公司' };
const fixed = (percent: string) => ({
  kind: 'fixed',
  percent,
  reference: null,
  fixing: null,
  spreadBp: null,
});
const instrument = (id: string, terms: Record<string, unknown>) => ({
  id,
  debtor,
  currency: 'CNY',
  ...terms,
});
// A posting's defaults: no interest, payment, counterpart or reversal, posted by the officer.
const posting = (facts: { id: string; kind: string; date: string } & Record<string, unknown>) => ({
  interest: 0,
  payment: null,
  counterpart: null,
  reverses: null,
  note: '',
  postedBy: officer,
  ...facts,
});

const noLinks = { replaces: [], replacedBy: [] };
const fresh = { status: 'active', overdue: false, overdueAmount: 0 };

// 1.5亿 for seven years, coupon once a year, principal at maturity; issued on 20 May 2026.
const specialBond = instrument('dbt-2026-0011', {
  name: '2026年江苏省政府专项债券（八期）东区智能制造产业园标准厂房项目',
  type: 'special-bond',
  creditor: '全国银行间债券市场',
  principal: 15_000_000_000,
  rate: fixed('1.86'),
  start: '2026-05-20',
  maturity: '2033-05-20',
  structure: { kind: 'bullet', frequency: 1, dayCount: 'period' },
});
const bondDueDates = ['2027-05-20', '2028-05-22', '2029-05-21', '2030-05-20', '2031-05-20', '2032-05-20'];
const bondSchedule = [...bondDueDates, '2033-05-20'].map((dueDate, index) => ({
  seq: index + 1,
  dueDate,
  principal: index === bondDueDates.length ? 15_000_000_000 : 0,
  interest: 279_000_000,
}));

// The refinancing bond whose 2亿 retired most of the hidden debt below on 18 March 2026.
const refinancingBond = instrument('dbt-2026-0006', {
  name: '2026年江苏省政府再融资一般债券（三期）',
  type: 'refinancing-bond',
  creditor: '全国银行间债券市场',
  principal: 20_000_000_000,
  rate: fixed('1.78'),
  start: '2026-03-16',
  maturity: '2036-03-16',
  structure: { kind: 'bullet', frequency: 2, dayCount: 'period' },
});

// A platform loan counted as hidden debt, extended in December 2025 over four half-years.
const hiddenDebt = instrument('dbt-2026-0002', {
  name: '东区安置房二期项目贷款（隐性债务）',
  type: 'hidden',
  creditor: '中国农业发展银行南京市分行',
  principal: 24_000_000_000,
  rate: fixed('4.50'),
  start: '2025-12-21',
  maturity: '2027-12-21',
  structure: { kind: 'equal-principal', frequency: 2, dayCount: 'act-360' },
});
const replacement = { instrumentId: refinancingBond.id, amount: 20_000_000_000 };
// What replacement left of payment 1: 4,000万 principal, the half-year's interest on 2.4亿.
const hiddenPayment1 = { seq: 1, dueDate: '2026-06-22', principal: 4_000_000_000, interest: 546_000_000 };

// 5-year LPR 3.50 % less 30 bp, principal and interest every quarter.
const bankLoan = instrument('dbt-2025-0018', {
  name: '东区智能制造产业园基础设施项目固定资产贷款',
  type: 'bank-loan',
  creditor: '中国工商银行股份有限公司南京江宁支行',
  principal: 8_000_000_000,
  rate: { kind: 'floating', percent: '3.20', reference: 'lpr-5y', fixing: '3.50', spreadBp: -30 },
  start: '2025-06-21',
  maturity: '2030-06-21',
  structure: { kind: 'equal-principal', frequency: 4, dayCount: 'act-360' },
});
// 7,200万 outstanding for the 90 days to 21 March at 3.20 %: 57.60万 of interest.
const loanPayment3 = { seq: 3, dueDate: '2026-03-23', principal: 400_000_000, interest: 57_600_000 };
const repaidAt = '2026-03-23T14:05:00+08:00';
const repayment = posting({
  id: 'p4',
  kind: 'repayment',
  date: '2026-03-23',
  principal: 400_000_000,
  interest: 57_600_000,
  balanceEffect: -400_000_000,
  payment: 3,
  note: '工行还款回单 2026032300187',
  postedAt: repaidAt,
});

const trust = instrument('dbt-2024-0009', {
  name: '宁城信托·东区城建集合资金信托计划',
  type: 'trust',
  creditor: '宁城国际信托有限公司',
  principal: 10_000_000_000,
  rate: fixed('7.20'),
  start: '2024-09-26',
  maturity: '2026-09-26',
  structure: { kind: 'bullet', frequency: 1, dayCount: 'act-365' },
});

const instrumentSample = (
  { id, ...terms }: { id: string } & Record<string, unknown>,
  name: string,
  version: number,
  time: string,
  state: Record<string, unknown>,
  facts: Record<string, unknown>,
) => ({
  ...debtEnvelope(name, 'debt-instrument', id, version, time),
  data: { ...terms, ...fresh, ...noLinks, ...state, version, ...facts },
});

const registeredAt = '2026-05-20T15:00:00+08:00';
const reversedAt = '2026-03-23T16:40:00+08:00';
const retiredAt = '2026-03-18T10:20:00+08:00';

export const debtInstrumentSamples = [
  instrumentSample(
    specialBond,
    'DebtInstrumentRegistered',
    1,
    registeredAt,
    {
      balance: 15_000_000_000,
      nextPayment: { seq: 1, dueDate: '2027-05-20', principal: 0, interest: 279_000_000, funded: 0 },
    },
    {
      schedule: bondSchedule,
      opening: posting({
        id: 'p1',
        kind: 'opening',
        date: '2026-05-20',
        principal: 15_000_000_000,
        balanceEffect: 15_000_000_000,
        note: '苏财债〔2026〕21号 转贷协议',
        postedAt: registeredAt,
      }),
      registeredBy: officer,
    },
  ),
  instrumentSample(
    bankLoan,
    'DebtRepaymentPosted',
    4,
    repaidAt,
    {
      balance: 6_800_000_000,
      nextPayment: { seq: 4, dueDate: '2026-06-22', principal: 400_000_000, interest: 55_608_889, funded: 0 },
    },
    { posting: repayment },
  ),
  instrumentSample(
    hiddenDebt,
    'DebtReplacementPosted',
    2,
    retiredAt,
    { balance: 4_000_000_000, replacedBy: [replacement], nextPayment: { ...hiddenPayment1, funded: 0 } },
    {
      posting: posting({
        id: 'p2',
        kind: 'replacement-retired',
        date: '2026-03-18',
        principal: 20_000_000_000,
        balanceEffect: -20_000_000_000,
        counterpart: { instrumentId: refinancingBond.id, postingId: 'p1' },
        note: '苏财债〔2026〕9号 再融资债券置换存量隐性债务',
        postedAt: retiredAt,
      }),
    },
  ),
  instrumentSample(
    trust,
    'DebtWriteOffPosted',
    4,
    '2026-05-25T16:00:00+08:00',
    { balance: 0, status: 'settled', nextPayment: null },
    {
      posting: posting({
        id: 'p4',
        kind: 'write-off',
        date: '2026-05-25',
        principal: 1_000_000_000,
        balanceEffect: -1_000_000_000,
        note: '东区建集〔2026〕18号 清偿协议：本金九折一次清偿，余下本金及未付利息核销',
        postedBy: supervisor,
        postedAt: '2026-05-25T16:00:00+08:00',
      }),
    },
  ),
  instrumentSample(
    bankLoan,
    'DebtPostingReversed',
    5,
    reversedAt,
    { balance: 7_200_000_000, nextPayment: { ...loanPayment3, funded: 0 } },
    {
      posting: posting({
        id: 'p5',
        kind: 'reversal',
        date: '2026-03-23',
        principal: 400_000_000,
        interest: 57_600_000,
        balanceEffect: 400_000_000,
        reverses: 'p4',
        note: '记错贷款：回单 2026032300187 是二期项目贷款的还款',
        postedBy: supervisor,
        postedAt: reversedAt,
      }),
    },
  ),
  instrumentSample(
    hiddenDebt,
    'DebtPaymentBecameOverdue',
    3,
    '2026-06-22T16:00:05Z',
    {
      balance: 4_000_000_000,
      overdue: true,
      overdueAmount: 4_546_000_000,
      replacedBy: [replacement],
      nextPayment: { ...hiddenPayment1, funded: 0 },
    },
    { payment: 1, dueDate: '2026-06-22', overduePrincipal: 4_000_000_000, overdueInterest: 546_000_000 },
  ),
  instrumentSample(
    hiddenDebt,
    'DebtOverdueCleared',
    5,
    '2026-06-29T10:30:00+08:00',
    { balance: 0, status: 'settled', replacedBy: [replacement], nextPayment: null },
    { payment: 1, dueDate: '2026-06-22', clearedBy: 'p3' },
  ),
  instrumentSample(
    refinancingBond,
    'DebtFundingAssigned',
    3,
    '2026-06-10T09:45:00+08:00',
    {
      balance: 20_000_000_000,
      replaces: [{ instrumentId: hiddenDebt.id, amount: 20_000_000_000 }],
      nextPayment: {
        seq: 1,
        dueDate: '2026-09-16',
        principal: 0,
        interest: 178_000_000,
        funded: 178_000_000,
      },
    },
    {
      payment: 1,
      funding: [
        { source: 'budget', amount: 120_000_000 },
        { source: 'asset-disposal', amount: 58_000_000 },
      ],
      assignedBy: officer,
    },
  ),
];
