import {
  type businessCategory,
  businessCheckOverdue,
  businessGradeChanged,
  businessRegistered,
  businessSeriousViolationListed,
  disposalCaseBecameOverdue,
  disposalCaseClosed,
  disposalCaseOpened,
  disposalInvestigationStarted,
  type disposalStatus,
  type riskGrade,
  sampleRecorded,
} from '@zone-risk/contracts';
import type { z } from 'zod';
import { enterpriseCode, ZONE } from './hazards.ts';

// Food and drug events as the food-drug service publishes them (state-carrying, built with the
// contracts' definitions, like packages/contracts/test/samples-food-drug.ts), for the aggregator's
// tests. A business is enterprise `n` of `enterpriseCode`; its id is its credit code.

type Category = z.infer<typeof businessCategory>;

const officer = { id: 'fd-officer-1', name: '刘洋' };
const supervisor = { id: 'fd-supervisor-1', name: '高峰' };

export interface BusinessOf {
  /** Enterprise number for `enterpriseCode` (default 1). */
  enterprise?: number;
  categories?: Category[];
}

function businessRef(of: BusinessOf) {
  const n = of.enterprise ?? 1;
  return {
    creditCode: enterpriseCode(n),
    name: `食品企业${n}`,
    kind: 'catering' as const,
    categories: of.categories ?? [],
  };
}

function envelope(id: string, version: number, time: Date | string | undefined) {
  return {
    source: '/services/food-drug',
    zoneid: ZONE,
    aggregateid: id,
    aggregateversion: version,
    correlationid: `test-${id}`,
    ...(time === undefined ? {} : { time }),
  };
}

export interface CaseState extends BusinessOf {
  id: string;
  version: number;
  status?: z.infer<typeof disposalStatus>;
  overdue?: boolean;
  time?: Date | string;
}

function caseData(state: CaseState) {
  return {
    business: businessRef(state),
    cause: { kind: 'sample' as const, ref: `smp-${state.id}` },
    status: state.status ?? 'opened',
    deadline: '2030-06-30',
    retestUntil: '2030-01-10',
    overdue: state.overdue ?? false,
    officer: null,
    measures: [],
    closedAs: null,
    openedAt: '2029-12-01T10:00:00+08:00',
    version: state.version,
  };
}

/** DisposalCaseOpened (an unqualified sample opened it). */
export function caseOpened(state: CaseState) {
  return disposalCaseOpened.create({
    ...envelope(state.id, state.version, state.time),
    data: { ...caseData(state), openedBy: officer },
  });
}

export function investigationStarted(state: CaseState) {
  return disposalInvestigationStarted.create({
    ...envelope(state.id, state.version, state.time),
    data: {
      ...caseData({ status: 'investigating', ...state }),
      officer,
      note: null,
      startedBy: officer,
    },
  });
}

/** DisposalCaseBecameOverdue: the sweeper found its deadline passed. */
export function caseOverdue(state: CaseState) {
  return disposalCaseBecameOverdue.create({
    ...envelope(state.id, state.version, state.time),
    data: {
      ...caseData({ status: 'investigating', ...state, overdue: true }),
      officer,
      dueDate: '2030-06-30',
    },
  });
}

/** DisposalCaseClosed (结案) by a supervisor; `overdue` stays as it was (closed late is still late). */
export function caseClosed(state: CaseState) {
  return disposalCaseClosed.create({
    ...envelope(state.id, state.version, state.time),
    data: {
      ...caseData({ ...state, status: 'closed' }),
      officer,
      measures: ['stop-sale'],
      closedAs: 'handled',
      outcome: '下架召回',
      closedBy: supervisor,
    },
  });
}

export interface BusinessState extends BusinessOf {
  version: number;
  grade?: z.infer<typeof riskGrade>;
  checkOverdue?: boolean;
  seriousViolation?: boolean;
  time?: Date | string;
}

export const businessId = (state: BusinessOf) => enterpriseCode(state.enterprise ?? 1);

function businessData(state: BusinessState) {
  const { creditCode, name, kind, categories } = businessRef(state);
  return {
    creditCode,
    name,
    kind,
    categories,
    area: '东区',
    licence: { type: 'food-business' as const, number: 'JY23201130012345' },
    grade: state.grade ?? 'B',
    score: state.grade === 'D' ? 80 : 30,
    ruleSetVersion: 1,
    seriousViolation: state.seriousViolation ?? false,
    checkOverdue: state.checkOverdue ?? false,
    version: state.version,
    registeredAt: '2029-01-05T09:00:00+08:00',
  };
}

const trace = {
  static: [{ factor: 'kind:catering', label: '餐饮服务', count: null, points: 20 }],
  staticPoints: 20,
  dynamic: [],
  dynamicPoints: 0,
  scoreGrade: 'B' as const,
  overrides: [],
  ruleSetVersion: 1,
  day: '2029-12-01',
};

export function businessRegisteredEvent(state: BusinessState) {
  return businessRegistered.create({
    ...envelope(businessId(state), state.version, state.time),
    data: {
      ...businessData(state),
      address: '东区科技大道8号',
      via: 'api',
      importId: null,
      trace,
      registeredBy: officer,
    },
  });
}

export function gradeChanged(state: BusinessState & { previousGrade: z.infer<typeof riskGrade> }) {
  return businessGradeChanged.create({
    ...envelope(businessId(state), state.version, state.time),
    data: {
      ...businessData(state),
      previousGrade: state.previousGrade,
      cause: 'record entry',
      trace,
    },
  });
}

/** BusinessCheckOverdue: a check period ended with fewer checks than the grade requires. */
export function checkOverdue(state: BusinessState) {
  return businessCheckOverdue.create({
    ...envelope(businessId(state), state.version, state.time),
    data: { ...businessData({ ...state, checkOverdue: true }), period: '2029', required: 3, done: 1 },
  });
}

export function seriousViolationListed(state: BusinessState) {
  return businessSeriousViolationListed.create({
    ...envelope(businessId(state), state.version, state.time),
    data: {
      ...businessData({ grade: 'D', ...state, seriousViolation: true }),
      listed: true,
      reason: '宁市监严失〔2029〕12号',
      decidedBy: supervisor,
    },
  });
}

export interface SampleState extends BusinessOf {
  id: string;
  verdict?: 'qualified' | 'unqualified';
  /** The zone day it was taken, YYYY-MM-DD. */
  sampledOn: string;
  time?: Date | string;
}

/** SampleRecorded: recorded once, version 1. */
export function sampleRecordedEvent(state: SampleState) {
  const verdict = state.verdict ?? 'unqualified';
  return sampleRecorded.create({
    ...envelope(state.id, 1, state.time),
    data: {
      business: businessRef(state),
      product: `样品 ${state.id}`,
      batch: '20291201-01',
      productionDate: null,
      sampledOn: state.sampledOn,
      lab: '南京市食品药品监督检验院',
      verdict,
      caseId: verdict === 'unqualified' ? `case-${state.id}` : null,
      version: 1,
      items: [
        {
          item: '菌落总数',
          value: '2.3×10⁵',
          limit: '≤1×10⁵',
          unit: 'CFU/g',
          qualified: verdict === 'qualified',
        },
      ],
      recordedBy: officer,
    },
  });
}
