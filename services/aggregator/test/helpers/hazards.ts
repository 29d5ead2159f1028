import {
  creditCodeCheckChar,
  hazardAccepted,
  hazardBecameOverdue,
  hazardRectificationPlanned,
  hazardReported,
  hazardSupervisionListed,
  serviceHeartbeat,
} from '@zone-risk/contracts';

export const ZONE = 'demo-zone';

/** A valid credit code for enterprise number `n` (1-999). */
export function enterpriseCode(n: number): string {
  const first17 = `9132010${String(n).padStart(3, '0')}MA1XY23`;
  return `${first17}${creditCodeCheckChar(first17)}`;
}

export interface HazardState {
  id: string;
  version: number;
  grade?: 'general' | 'major';
  status?: 'reported' | 'rectifying' | 'extension-requested' | 'awaiting-acceptance' | 'closed';
  overdue?: boolean;
  supervised?: boolean;
  enterprise?: number;
  time?: Date | string;
  zoneid?: string;
}

const person = { id: 'inspector-1', name: '张三' };

function common(state: HazardState) {
  const grade = state.grade ?? 'general';
  return {
    source: '/services/safety',
    zoneid: state.zoneid ?? ZONE,
    aggregateid: state.id,
    aggregateversion: state.version,
    correlationid: `test-${state.id}`,
    ...(state.time === undefined ? {} : { time: state.time }),
    state: {
      enterprise: { creditCode: enterpriseCode(state.enterprise ?? 1), name: `企业${state.enterprise ?? 1}` },
      grade,
      category: 'equipment' as const,
      status: state.status ?? 'reported',
      deadline: '2030-06-30',
      supervised: state.supervised ?? false,
      supervisionDeadline: state.supervised ? '2030-06-15' : null,
      overdue: state.overdue ?? false,
      version: state.version,
      inspectionId: null,
      reportedAt: '2025-01-02T08:00:00+08:00',
    },
  };
}

/** HazardReported with the given state (the first event of a hazard, but any version works). */
export function reported(state: HazardState) {
  const { state: data, ...envelope } = common(state);
  return hazardReported.create({
    ...envelope,
    data: {
      ...data,
      location: '2号车间',
      description: `隐患 ${state.id}`,
      basis: data.grade === 'major' ? { standard: '工贸企业重大事故隐患判定标准', clause: '第四条' } : null,
      checklistItemCode: null,
      reportedBy: person,
    },
  });
}

export function planned(state: HazardState) {
  const { state: data, ...envelope } = common({ status: 'rectifying', ...state });
  return hazardRectificationPlanned.create({
    ...envelope,
    data: {
      ...data,
      plan: { measures: '更换', responsiblePerson: person, funds: 100_000, deadline: '2030-06-30' },
      revised: false,
      plannedBy: person,
    },
  });
}

export function accepted(state: HazardState) {
  const { state: data, ...envelope } = common({ ...state, status: 'closed' });
  return hazardAccepted.create({
    ...envelope,
    data: { ...data, note: null, closedAt: new Date().toISOString(), acceptedBy: person },
  });
}

export function becameOverdue(state: HazardState) {
  const { state: data, ...envelope } = common({ status: 'rectifying', ...state, overdue: true });
  return hazardBecameOverdue.create({
    ...envelope,
    data: {
      ...data,
      which: 'rectification',
      dueDate: '2025-01-10',
      dueAt: '2025-01-10T16:00:00Z',
      detectedAt: new Date().toISOString(),
    },
  });
}

export function supervisionListed(state: HazardState) {
  const { state: data, ...envelope } = common({
    status: 'rectifying',
    ...state,
    grade: 'major',
    supervised: true,
  });
  return hazardSupervisionListed.create({
    ...envelope,
    data: { ...data, authority: '开发区安委办', reference: null, listedBy: person },
  });
}

export function heartbeat(domain = 'safety', beat = 1, at = new Date()) {
  return serviceHeartbeat.create({
    source: `/services/${domain}`,
    zoneid: ZONE,
    aggregateid: `${domain}-test`,
    aggregateversion: beat,
    correlationid: `${domain}-test`,
    time: at,
    data: {
      service: domain,
      domain,
      instanceId: `${domain}-test`,
      startedAt: at.toISOString(),
      sentAt: at.toISOString(),
      intervalMs: 10_000,
    },
  });
}
