import { debtSamples } from './samples-debt.ts';
import { foodDrugSamples } from './samples-food-drug.ts';
// Valid raw events of every registered type, as a consumer would read them off Kafka.

export const heartbeat = {
  specversion: '1.0',
  id: '0f8fad5b-d9cb-469f-a165-70867728950e',
  source: '/services/safety',
  type: 'zone.platform.ServiceHeartbeat.v1',
  time: '2024-05-06T08:00:30+08:00',
  subject: 'safety-7f9c',
  datacontenttype: 'application/json',
  zoneid: 'demo-zone',
  aggregatetype: 'service-instance',
  aggregateid: 'safety-7f9c',
  aggregateversion: 3,
  correlationid: 'safety-7f9c',
  data: {
    service: 'safety',
    domain: 'safety',
    instanceId: 'safety-7f9c',
    startedAt: '2024-05-06T08:00:00+08:00',
    sentAt: '2024-05-06T08:00:30+08:00',
    intervalMs: 10_000,
  },
};

export const statusChanged = {
  specversion: '1.0',
  id: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  source: '/services/aggregator',
  type: 'zone.risk.ZoneRiskStatusChanged.v1',
  time: '2024-05-06T09:15:00Z',
  subject: 'demo-zone',
  datacontenttype: 'application/json',
  zoneid: 'demo-zone',
  aggregatetype: 'zone-status',
  aggregateid: 'demo-zone',
  aggregateversion: 42,
  correlationid: 'b1c2d3e4',
  causationid: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
  data: {
    level: 'significant',
    score: 63.5,
    policyVersion: '2024.1',
    domains: {
      safety: {
        level: 'significant',
        score: 71,
        freshness: {
          lastEventAt: '2024-05-06T09:14:58Z',
          lastHeartbeatAt: '2024-05-06T09:14:50Z',
          stale: false,
        },
      },
      debt: {
        level: 'unknown',
        score: null,
        freshness: { lastEventAt: null, lastHeartbeatAt: '2024-05-06T07:00:00Z', stale: true },
      },
    },
    overrides: [
      {
        rule: 'overdue-major-hazard',
        level: 'significant',
        items: [{ domain: 'safety', aggregateType: 'hazard', aggregateId: 'hz-2024-0153' }],
      },
    ],
    causes: ['3f2504e0-4f89-41d3-9a0c-0305e82c3301'],
    asOf: '2024-05-06T09:15:00Z',
  },
};

// Safety: one hazard's state after each event, on one valid credit code.
const safetyEnvelope = (
  type: string,
  aggregatetype: string,
  aggregateid: string,
  aggregateversion: number,
) => ({
  specversion: '1.0',
  id: '9b2f3c1e-8d4a-4f6b-9c7d-2e1f0a3b4c5d',
  source: '/services/safety',
  type,
  time: '2024-05-06T10:00:00+08:00',
  subject: aggregateid,
  datacontenttype: 'application/json',
  zoneid: 'demo-zone',
  aggregatetype,
  aggregateid,
  aggregateversion,
  correlationid: 'req-7f3a',
});

const enterprise = { creditCode: '91320113MA1MB6AT2R', name: '南京瑞丰精细化工有限公司' };
const me = { id: 'demo-inspector', name: '王磊' };
const sup = { id: 'demo-supervisor', name: '陈静' };
const hazardState = (status: string, version: number) => ({
  enterprise,
  grade: 'major',
  category: 'equipment',
  status,
  deadline: '2024-06-30',
  supervised: false,
  supervisionDeadline: null,
  overdue: false,
  version,
  inspectionId: 'insp-3f9a',
  reportedAt: '2024-05-06T09:30:00+08:00',
});
const hazardSample = (name: string, status: string, version: number, facts: Record<string, unknown>) => ({
  ...safetyEnvelope(`zone.safety.${name}.v1`, 'hazard', 'hz-2024-0153', version),
  data: { ...hazardState(status, version), ...facts },
});

export const safetySamples = [
  {
    ...safetyEnvelope('zone.safety.InspectionRecorded.v1', 'inspection', 'insp-3f9a', 1),
    data: {
      enterprise,
      type: 'special',
      date: '2024-05-06',
      inspectors: [me, { id: 'insp-liu', name: '刘芳' }],
      template: { id: 'dust-explosion@1', code: 'dust-explosion', version: 1, title: '粉尘防爆专项检查表' },
      counts: { pass: 7, fail: 1, notApplicable: 2 },
      failedItems: [{ itemCode: 'DE-03', hazardId: 'hz-2024-0153', grade: 'major' }],
      recordedBy: me,
      recordedAt: '2024-05-06T09:30:00+08:00',
    },
  },
  hazardSample('HazardReported', 'reported', 1, {
    location: '2号车间 粉碎工段',
    description: '干式除尘系统未设置泄爆装置',
    basis: {
      standard: '工贸企业重大事故隐患判定标准',
      clause: '干式除尘系统未采取泄爆、惰化、抑爆等任一种爆炸防控措施',
    },
    checklistItemCode: 'DE-03',
    reportedBy: me,
  }),
  hazardSample('HazardRectificationPlanned', 'rectifying', 2, {
    plan: {
      measures: '加装泄爆片',
      responsiblePerson: { id: 'ent-zhao', name: '赵刚' },
      funds: 1_250_000,
      deadline: '2024-06-30',
    },
    revised: false,
    plannedBy: me,
  }),
  hazardSample('HazardSubmittedForAcceptance', 'awaiting-acceptance', 3, {
    note: '已加装',
    afterPhotos: 2,
    submittedBy: me,
  }),
  hazardSample('HazardAccepted', 'closed', 4, {
    note: null,
    closedAt: '2024-06-20T15:00:00+08:00',
    acceptedBy: sup,
  }),
  hazardSample('HazardRejected', 'rectifying', 4, { reason: '泄爆口朝向人员通道', rejectedBy: sup }),
  hazardSample('HazardExtensionRequested', 'extension-requested', 3, {
    requestedDeadline: '2024-07-31',
    reason: '设备到货延迟',
    requestedBy: me,
  }),
  hazardSample('HazardDeadlineExtended', 'rectifying', 4, {
    previousDeadline: '2024-06-15',
    note: null,
    approvedBy: sup,
  }),
  hazardSample('HazardExtensionRefused', 'rectifying', 4, {
    requestedDeadline: '2024-07-31',
    reason: '可先停用该工段',
    refusedBy: sup,
  }),
  hazardSample('HazardSupervisionListed', 'rectifying', 3, {
    authority: '开发区安全生产委员会办公室',
    reference: '开安委办〔2024〕12号',
    listedBy: sup,
  }),
  hazardSample('HazardBecameOverdue', 'rectifying', 5, {
    which: 'rectification',
    dueDate: '2024-06-30',
    dueAt: '2024-06-30T16:00:00Z',
    detectedAt: '2024-06-30T16:00:12Z',
  }),
  hazardSample('HazardEvidenceAdded', 'reported', 2, {
    photo: {
      id: 'ph-1',
      phase: 'before',
      sha256: 'a'.repeat(64),
      contentType: 'image/jpeg',
      size: 48_213,
    },
    addedBy: me,
  }),
];

// Environment: one rectification item's state after each event (a central-inspection item).
const itemState = (status: string, version: number, extra: Record<string, unknown> = {}) => ({
  source: 'central-inspection',
  batch: '第二轮中央生态环境保护督察反馈问题',
  code: 'ZY-2024-017',
  category: 'water',
  severity: 'major',
  responsibleUnit: '开发区生态环境分局',
  enterprise,
  status,
  deadline: '2024-09-30',
  overdue: false,
  progress: 0,
  recurrences: 0,
  version,
  registeredAt: '2024-05-06T09:30:00+08:00',
  ...extra,
});
const staff = { id: 'demo-env-staff', name: '李娜' };
const envSup = { id: 'demo-env-supervisor', name: '周强' };
const itemSample = (
  name: string,
  status: string,
  version: number,
  facts: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) => ({
  ...safetyEnvelope(
    `zone.environment.${name}.v1`,
    'rectification-item',
    'env-3b1f0c9a2d4e5f6a7b8c9d0e',
    version,
  ),
  source: '/services/environment',
  data: { ...itemState(status, version, extra), ...facts },
});

export const environmentSamples = [
  itemSample('RectificationItemRegistered', 'pending', 1, {
    problem: '园区污水处理厂出水总氮超标',
    measures: '提标改造，增设反硝化滤池',
    target: '出水稳定达到一级A标准',
    via: 'import',
    importId: 'imp-5e2a',
    registeredBy: staff,
  }),
  itemSample(
    'RectificationProgressReported',
    'in-progress',
    2,
    {
      report: {
        id: 'r1',
        percent: 40,
        note: '反硝化滤池土建完成',
        evidence: [
          {
            id: '665f1c2e9b1d8a0012345678',
            sha256: 'b'.repeat(64),
            contentType: 'application/pdf',
            size: 182_331,
            filename: '监测报告.pdf',
          },
        ],
      },
      reportedBy: staff,
    },
    { progress: 40 },
  ),
  itemSample('RectificationAcceptanceRequested', 'acceptance-requested', 3, {
    note: '已完成提标改造',
    requestedBy: staff,
  }),
  itemSample('RectificationAccepted', 'city-accepted', 4, {
    level: 'city',
    final: false,
    note: '市级验收通过',
    acceptedAt: '2024-09-20T10:00:00+08:00',
    acceptedBy: envSup,
  }),
  itemSample('RectificationReturned', 'in-progress', 5, {
    level: 'province',
    reason: '连续监测数据不足三个月',
    returnedBy: envSup,
  }),
  itemSample('RectificationNoticePublished', 'public-notice', 6, {
    notice: {
      publishedAt: '2024-10-08T09:00:00+08:00',
      endsAt: '2024-10-16T16:00:00Z',
      workingDays: 7,
      channel: '开发区管委会门户网站',
    },
    publishedBy: envSup,
  }),
  itemSample('RectificationObjectionRaised', 'in-progress', 7, {
    objection: '夜间仍有异味',
    objector: '群众来电',
    recordedBy: envSup,
  }),
  itemSample('RectificationItemClosed', 'closed', 8, {
    closedAt: '2024-10-16T16:00:30Z',
    noticeEndedAt: '2024-10-16T16:00:00Z',
    closedBy: { id: 'system:time-sweeper' },
  }),
  itemSample(
    'RectificationItemRecurred',
    'in-progress',
    9,
    { reason: '出水总氮再次超标', previousClosedAt: '2024-10-16T16:00:30Z', reportedBy: staff },
    { recurrences: 1, deadline: '2025-03-31' },
  ),
  itemSample(
    'RectificationItemBecameOverdue',
    'in-progress',
    10,
    { dueDate: '2024-09-30', dueAt: '2024-09-30T16:00:00Z', detectedAt: '2024-09-30T16:00:12Z' },
    { overdue: true },
  ),
];

/** One valid sample per registered event type. */
export const samples: Record<string, Record<string, unknown>> = {
  [heartbeat.type]: heartbeat,
  [statusChanged.type]: statusChanged,
  ...Object.fromEntries(safetySamples.map((sample) => [sample.type, sample])),
  ...Object.fromEntries(environmentSamples.map((sample) => [sample.type, sample])),
  ...Object.fromEntries(foodDrugSamples.map((sample) => [sample.type, sample])),
  ...Object.fromEntries(debtSamples.map((sample) => [sample.type, sample])),
};

/** A deep copy of `value`, so a test may damage it freely. */
export function copy<T>(value: T): T {
  return structuredClone(value);
}
