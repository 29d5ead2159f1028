// Food and drug: one sample of each event — a school-canteen caterer, a check, a draw, a sample and
// the disposal case the sample opened.

const envelope = (name: string, aggregatetype: string, aggregateid: string, aggregateversion: number) => ({
  specversion: '1.0',
  id: '5d0c2a7e-1f3b-4c6d-8e9f-0a1b2c3d4e5f',
  source: '/services/food-drug',
  type: `zone.food-drug.${name}.v1`,
  time: '2026-11-03T10:00:00+08:00',
  subject: aggregateid,
  datacontenttype: 'application/json',
  zoneid: 'demo-zone',
  aggregatetype,
  aggregateid,
  aggregateversion,
  correlationid: 'req-4c2e',
});

const officer = { id: 'demo-food-drug-officer', name: '刘洋' };
const colleague = { id: 'demo-food-drug-officer-2', name: '孙敏' };
const supervisor = { id: 'demo-food-drug-supervisor', name: '高峰' };
const business = {
  creditCode: '91320113MA1MB6AT2R',
  name: '南京瑞丰团餐管理有限公司',
  kind: 'catering',
  categories: ['school-canteen', 'group-meal-delivery'],
};
const trace = {
  static: [
    { factor: 'kind:catering', label: '餐饮服务', count: null, points: 20 },
    { factor: 'category:school-canteen', label: '学校食堂', count: null, points: 10 },
  ],
  staticPoints: 30,
  dynamic: [{ factor: 'sample:unqualified', label: '抽检不合格', count: 1, points: 10 }],
  dynamicPoints: 10,
  scoreGrade: 'B',
  overrides: [{ rule: 'minimum:school-canteen', label: '学校食堂至少为C级', grade: 'C' }],
  ruleSetVersion: 1,
  day: '2026-11-03',
};

const businessSample = (name: string, version: number, facts: Record<string, unknown>) => ({
  ...envelope(name, 'food-drug-business', business.creditCode, version),
  data: {
    ...business,
    area: '东区',
    licence: { type: 'food-business', number: 'JY23201130012345' },
    grade: 'C',
    score: 40,
    ruleSetVersion: 1,
    seriousViolation: false,
    checkOverdue: false,
    version,
    registeredAt: '2026-01-05T09:00:00+08:00',
    ...facts,
  },
});

const check = {
  business,
  type: 'random',
  date: '2026-11-02',
  inspectors: [officer, colleague],
  outcome: 'basically-conforming',
  status: 'follow-up-due',
  followUpDeadline: '2026-11-30',
  followUpOverdue: false,
  drawId: 'draw-2026q4',
  caseId: null,
};
const checkSample = (name: string, version: number, facts: Record<string, unknown>) => ({
  ...envelope(name, 'food-drug-check', 'chk-7a1b2c3d', version),
  data: { ...check, version, ...facts },
});

const draw = {
  title: '2026年第四季度餐饮服务双随机抽查',
  filter: { kinds: ['catering', 'unit-canteen'], grades: [], areas: ['东区'] },
  count: 5,
  perBusiness: 2,
  candidates: 48,
  pool: 12,
  commitment: 'b5bb9d8014a0f9b1d61e21e796d78dccdf1352f23cd32812f4850b878ae4944c',
};
const pick = {
  business: { creditCode: business.creditCode, name: business.name },
  rank: '0a3f9b1d61e21e796d78dccdf1352f23cd32812f4850b878ae4944cb5bb9d801',
  inspectors: [officer, colleague],
};
const drawSample = (name: string, status: string, version: number, facts: Record<string, unknown>) => ({
  ...envelope(name, 'food-drug-draw', 'draw-2026q4', version),
  data: { ...draw, status, version, ...facts },
});

const caseState = {
  business,
  cause: { kind: 'sample', ref: 'smp-3e4f5a6b' },
  deadline: '2027-02-01',
  retestUntil: '2026-11-12',
  overdue: false,
  officer: null,
  measures: [],
  closedAs: null,
  openedAt: '2026-11-03T10:00:00+08:00',
};
const caseSample = (
  name: string,
  status: string,
  version: number,
  facts: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) => ({
  ...envelope(name, 'disposal-case', 'case-smp-3e4f5a6b', version),
  data: { ...caseState, status, version, ...extra, ...facts },
});

export const foodDrugSamples = [
  businessSample('BusinessRegistered', 1, {
    address: '南京市江宁区东区科技大道8号',
    via: 'api',
    importId: null,
    trace,
    registeredBy: officer,
  }),
  businessSample('BusinessDetailsUpdated', 2, { changed: ['address'], via: 'import', updatedBy: officer }),
  businessSample('BusinessRecordAdded', 3, {
    entry: { kind: 'sample', ref: 'smp-3e4f5a6b', date: '2026-11-03', result: 'unqualified', void: false },
    recordedBy: officer,
  }),
  businessSample('BusinessGradeChanged', 4, {
    grade: 'D',
    previousGrade: 'C',
    cause: 'sample smp-3e4f5a6b',
    trace,
  }),
  businessSample('BusinessRegraded', 5, { previousScore: 38, trace }),
  businessSample('BusinessSeriousViolationListed', 6, {
    seriousViolation: true,
    grade: 'D',
    listed: true,
    reason: '宁市监严失〔2026〕12号',
    decidedBy: supervisor,
  }),
  businessSample('BusinessCheckOverdue', 7, { checkOverdue: true, period: '2026', required: 2, done: 1 }),
  checkSample('CheckRecorded', 1, {
    items: [{ item: '从业人员健康管理', result: 'fail', note: '2人健康证过期' }],
    findings: '后厨环境基本整洁',
    followUpOf: null,
    recordedBy: officer,
  }),
  checkSample('CheckFollowedUp', 2, {
    status: 'followed-up',
    followUpCheckId: 'chk-9c8d7e6f',
    followUpOutcome: 'conforming',
  }),
  checkSample('CheckFollowUpOverdue', 2, { followUpOverdue: true, dueDate: '2026-11-30' }),
  drawSample('DrawCommitted', 'committed', 1, {
    seedPlan: { kind: 'public', source: '中国福利彩票双色球', drawDate: '2026-11-05' },
    committedAt: '2026-11-03T10:00:00+08:00',
    committedBy: officer,
  }),
  drawSample('DrawDrawn', 'drawn', 2, {
    seed: {
      kind: 'public',
      value: '3.11.17.22.28.31./9./',
      source: '中国福利彩票双色球',
      drawDate: '2026-11-05',
    },
    picks: [pick],
    drawnBy: officer,
  }),
  drawSample('DrawPublished', 'published', 3, {
    seed: '3.11.17.22.28.31./9./',
    picks: [pick],
    channel: '开发区管委会门户网站',
    publishedBy: supervisor,
  }),
  {
    ...envelope('SampleRecorded', 'food-drug-sample', 'smp-3e4f5a6b', 1),
    data: {
      business,
      product: '学生营养午餐（红烧鸡块）',
      batch: '20261102-02',
      productionDate: '2026-11-02',
      sampledOn: '2026-11-02',
      lab: '南京市食品药品监督检验院',
      verdict: 'unqualified',
      caseId: 'case-smp-3e4f5a6b',
      version: 1,
      items: [{ item: '菌落总数', value: '2.3×10⁵', limit: '≤1×10⁵', unit: 'CFU/g', qualified: false }],
      recordedBy: officer,
    },
  },
  caseSample('DisposalCaseOpened', 'opened', 1, { openedBy: officer }),
  caseSample(
    'DisposalInvestigationStarted',
    'investigating',
    2,
    { note: null, startedBy: officer },
    { officer },
  ),
  caseSample(
    'DisposalRetestRequested',
    'retest-requested',
    3,
    { lab: '江苏省食品药品监督检验研究院', requestedBy: officer },
    { officer },
  ),
  caseSample(
    'DisposalRetestRecorded',
    'investigating',
    4,
    { qualified: false, report: '复检报告 FJ-2026-118', recordedBy: officer },
    { officer },
  ),
  caseSample(
    'DisposalMeasuresRecorded',
    'measures-recorded',
    5,
    { taken: ['stop-sale', 'penalty'], detail: '宁市监罚〔2026〕88号，罚款五万元', recordedBy: officer },
    { officer, measures: ['stop-sale', 'penalty'] },
  ),
  caseSample(
    'DisposalEvidenceAdded',
    'measures-recorded',
    6,
    {
      files: [
        {
          id: 'f-1',
          sha256: 'b5bb9d8014a0f9b1d61e21e796d78dccdf1352f23cd32812f4850b878ae4944c',
          contentType: 'application/pdf',
          size: 20480,
          filename: '处罚决定书.pdf',
        },
      ],
      addedBy: officer,
    },
    { officer, measures: ['stop-sale', 'penalty'] },
  ),
  caseSample(
    'DisposalCaseClosed',
    'closed',
    7,
    { outcome: '下架召回，立案处罚', closedBy: supervisor },
    { officer, measures: ['stop-sale', 'penalty'], closedAs: 'handled' },
  ),
  caseSample(
    'DisposalCaseBecameOverdue',
    'investigating',
    3,
    { dueDate: '2027-02-01' },
    { officer, overdue: true },
  ),
];
