import type { RegisterRequest } from '../domain/register-input.ts';

// The demo register of 江宁经开区: four platform companies (平台公司) and the debts on their books
// at the start of 2026 — the zone's allotments of provincial general and special bonds, a hidden
// debt under a government-purchase agreement and one of unpaid works, a trust plan, a sale-and-
// leaseback, a directed financing plan and two LPR-priced bank loans — plus what 2026 adds: a new
// special bond and a refinancing bond issued to replace (置换) part of the hidden debt. Names,
// creditors and credit codes are invented; rates and terms are typical of their kind and year.

/** 1 万元 in fen: amounts below are written in 万元 so that they read like the register. */
export const wan = (amount: number): number => amount * 1_000_000;

export const COMPANIES = {
  city: { serial: '91320115134923861', name: '南京江宁经开城市建设发展集团有限公司' },
  tech: { serial: '91320115MA1MDQ7L0', name: '南京江宁经开科技产业投资集团有限公司' },
  assets: { serial: '91320115302743519', name: '南京江宁经开资产经营管理有限公司' },
  transport: { serial: '91320115MA1NB6H82', name: '南京江宁经开交通建设发展有限公司' },
} as const;
export type Company = keyof typeof COMPANIES;

/** The day the register was taken: what was due by then had been met before it. */
export const REGISTER_OPENED = '2025-12-31';
/** The day the officers put the existing debts on the register. */
export const REGISTERED_ON = '2026-01-05';

export interface DemoInstrument extends Omit<RegisterRequest, 'debtor' | 'opening'> {
  company: Company;
  /** New in 2026 (新增举借): on the register from its value date, not from the opening. */
  newIn2026?: boolean;
}

const BOND_MARKET = '银行间债券市场';
const bondRate = (percent: string) => ({ kind: 'fixed' as const, percent });
const semiAnnual = { kind: 'bullet' as const, frequency: 2 as const, dayCount: 'period' as const };
const annual = { kind: 'bullet' as const, frequency: 1 as const, dayCount: 'period' as const };

export const INSTRUMENTS: DemoInstrument[] = [
  {
    id: 'ZQ-2020-03',
    company: 'city',
    name: '2020年江苏省政府一般债券（三期）江宁经开区转贷额度',
    type: 'general-bond',
    creditor: BOND_MARKET,
    principal: wan(60_000),
    rate: bondRate('3.27'),
    start: '2020-05-20',
    maturity: '2030-05-20',
    structure: semiAnnual,
    note: '苏财债〔2020〕31号',
  },
  {
    id: 'ZQ-2021-12',
    company: 'city',
    name: '2021年江苏省政府专项债券（十二期）经开区产业园区基础设施项目',
    type: 'special-bond',
    creditor: BOND_MARKET,
    principal: wan(150_000),
    rate: bondRate('3.52'),
    start: '2021-08-16',
    maturity: '2036-08-16',
    structure: semiAnnual,
    note: '苏财债〔2021〕76号',
  },
  {
    id: 'ZQ-2022-05',
    company: 'city',
    name: '2022年江苏省政府一般债券（五期）江宁经开区转贷额度',
    type: 'general-bond',
    creditor: '上海证券交易所',
    principal: wan(40_000),
    rate: bondRate('2.75'),
    start: '2022-03-25',
    maturity: '2027-03-25',
    structure: annual,
    note: '苏财债〔2022〕18号',
  },
  {
    id: 'ZQ-2023-07',
    company: 'city',
    name: '2023年江苏省政府专项债券（七期）智能制造产业园标准厂房项目',
    type: 'special-bond',
    creditor: BOND_MARKET,
    principal: wan(120_000),
    rate: bondRate('2.98'),
    start: '2023-06-12',
    maturity: '2033-06-12',
    structure: semiAnnual,
    note: '苏财债〔2023〕42号',
  },
  {
    id: 'ZQ-2025-09',
    company: 'city',
    name: '2025年江苏省政府专项债券（九期）经开区城市更新项目',
    type: 'special-bond',
    creditor: BOND_MARKET,
    principal: wan(100_000),
    rate: bondRate('1.98'),
    start: '2025-07-15',
    maturity: '2045-07-15',
    structure: semiAnnual,
    note: '苏财债〔2025〕57号',
  },
  {
    id: 'ZQ-2026-11',
    company: 'city',
    newIn2026: true,
    name: '2026年江苏省政府专项债券（十一期）新能源汽车产业园配套基础设施',
    type: 'special-bond',
    creditor: BOND_MARKET,
    principal: wan(50_000),
    rate: bondRate('1.95'),
    start: '2026-06-18',
    maturity: '2036-06-18',
    structure: semiAnnual,
    note: '苏财债〔2026〕39号',
  },
  {
    id: 'ZZ-2026-03',
    company: 'city',
    newIn2026: true,
    name: '2026年江苏省政府再融资一般债券（三期）置换存量隐性债务',
    type: 'refinancing-bond',
    creditor: BOND_MARKET,
    principal: wan(80_000),
    rate: bondRate('1.86'),
    start: '2026-10-15',
    maturity: '2033-10-15',
    structure: semiAnnual,
    note: '苏财债〔2026〕71号',
  },
  {
    id: 'YX-2018-01',
    company: 'city',
    name: '经开区棚户区改造项目政府购买服务协议',
    type: 'hidden',
    creditor: '国家开发银行江苏省分行',
    principal: wan(300_000),
    rate: bondRate('4.90'),
    start: '2018-09-20',
    maturity: '2033-09-20',
    structure: { kind: 'equal-principal', frequency: 1, dayCount: 'act-365' },
    note: '宁经管〔2018〕63号；纳入隐性债务化解方案',
  },
  {
    id: 'YX-2020-07',
    company: 'assets',
    name: '经开区安置房建设项目应付工程款',
    type: 'hidden',
    creditor: '江苏省建筑工程集团有限公司',
    principal: wan(60_000),
    rate: bondRate('0'),
    start: '2020-12-28',
    maturity: '2028-06-30',
    structure: { kind: 'custom', frequency: null, dayCount: 'act-365' },
    schedule: [
      { dueDate: '2026-06-30', principal: wan(20_000), interest: 0 },
      { dueDate: '2027-06-30', principal: wan(20_000), interest: 0 },
      { dueDate: '2028-06-30', principal: wan(20_000), interest: 0 },
    ],
    note: '工程款分期支付协议（2020年12月）',
  },
  {
    id: 'XT-2023-11',
    company: 'tech',
    name: '中信信托·宁经开基础设施集合资金信托计划',
    type: 'trust',
    creditor: '中信信托有限责任公司',
    principal: wan(50_000),
    rate: bondRate('6.80'),
    start: '2023-11-16',
    maturity: '2026-11-16',
    structure: semiAnnual,
    note: '信托合同 ZXXT-2023-宁经开-011',
  },
  {
    id: 'ZL-2024-06',
    company: 'tech',
    name: '园区标准厂房及设备售后回租',
    type: 'leasing',
    creditor: '远东国际融资租赁有限公司',
    principal: wan(30_000),
    rate: bondRate('6.20'),
    start: '2024-05-20',
    maturity: '2029-05-20',
    structure: { kind: 'annuity', frequency: 4, dayCount: 'act-365' },
    note: '融资租赁合同 FEHL-2024-NJ-0617，等额租金按季支付',
  },
  {
    id: 'FB-2024-12',
    company: 'assets',
    name: '江宁经开资产2024年定向融资计划（江苏金融资产交易中心备案）',
    type: 'non-standard-other',
    creditor: '定向融资计划投资人',
    principal: wan(20_000),
    rate: bondRate('7.00'),
    start: '2024-12-26',
    maturity: '2027-12-26',
    structure: annual,
    note: '备案编号 JSFAE-DX-2024-1226',
  },
  {
    id: 'DK-2022-15',
    company: 'transport',
    name: '经开区城市更新一期项目固定资产贷款',
    type: 'bank-loan',
    creditor: '中国农业银行股份有限公司南京江宁支行',
    principal: wan(90_000),
    rate: { kind: 'floating', reference: 'lpr-5y', fixing: '3.50', spreadBp: 30 },
    start: '2022-06-21',
    maturity: '2032-06-21',
    structure: { kind: 'equal-principal', frequency: 2, dayCount: 'act-360' },
    note: '借款合同 32010120220001537，5年期以上LPR加30个基点',
  },
  {
    id: 'DK-2023-08',
    company: 'transport',
    name: '经开区快速路连接线项目贷款',
    type: 'bank-loan',
    creditor: '中国建设银行股份有限公司南京江宁支行',
    principal: wan(40_000),
    rate: { kind: 'floating', reference: 'lpr-1y', fixing: '3.00', spreadBp: 45 },
    start: '2023-12-21',
    maturity: '2031-12-21',
    structure: { kind: 'annuity', frequency: 12, dayCount: 'act-360' },
    note: '借款合同 JH2023-NJJN-0808，1年期LPR加45个基点，等额本息按月还款',
  },
];

/** The replacement (置换): the refinancing bond's tranche retires part of the hidden debt. */
export const REPLACEMENT = {
  retired: 'YX-2018-01',
  bond: 'ZZ-2026-03',
  date: '2026-10-22',
  principal: wan(80_000),
  note: '置换批复 苏财债〔2026〕71号',
};

/** The repayment typed wrongly, reversed (冲正) and posted again the same day. */
export const CORRECTED = {
  instrument: 'DK-2023-08',
  month: '2026-07',
  shortFen: 90_000,
  reason: '利息金额录入错误（少录 900.00 元），按银行回单重新入账',
};

/** The lease whose latest payment due is left unpaid: the one overdue payment (逾期). */
export const IN_ARREARS = 'ZL-2024-06';
/** The loan whose next payment is left without funds: the unfunded maturity alert. */
export const UNFUNDED = 'DK-2023-08';

export const CAPACITY_2025 = {
  year: 2025,
  amount: wan(543_600),
  source:
    '2025年江宁经开区财政决算：一般公共预算收入、上级补助收入、政府性基金预算收入与国有资本经营预算收入合计（综合财力口径）',
  on: '2026-02-10',
};

export const TASK_2026 = {
  year: 2026,
  target: wan(200_000),
  note: '江宁经开区2026年度化债工作方案（宁经管发〔2026〕9号）：隐性债务与非标债务压降20亿元',
  on: '2026-01-20',
};
