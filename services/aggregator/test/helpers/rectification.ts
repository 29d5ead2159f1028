import {
  rectificationAccepted,
  rectificationItemBecameOverdue,
  rectificationItemClosed,
  rectificationItemRegistered,
  rectificationNoticePublished,
  rectificationProgressReported,
} from '@zone-risk/contracts';
import { enterpriseCode, heartbeat, ZONE } from './hazards.ts';

// Environment events as the environment service publishes them (state-carrying, built from the
// contracts' schemas), for the aggregator's tests.

type Source = 'central-inspection' | 'provincial-inspection' | 'self-found' | 'public-complaint';
type Status =
  | 'pending'
  | 'in-progress'
  | 'acceptance-requested'
  | 'city-accepted'
  | 'accepted'
  | 'public-notice'
  | 'closed';

export interface ItemState {
  id: string;
  version: number;
  source?: Source;
  severity?: 'general' | 'significant' | 'major';
  status?: Status;
  overdue?: boolean;
  /** Enterprise number for `enterpriseCode`; null for an item without an enterprise. */
  enterprise?: number | null;
  time?: Date | string;
}

const person = { id: 'env-officer-1', name: '李四' };

function common(state: ItemState) {
  const enterprise = state.enterprise === undefined ? 1 : state.enterprise;
  return {
    envelope: {
      source: '/services/environment',
      zoneid: ZONE,
      aggregateid: state.id,
      aggregateversion: state.version,
      correlationid: `test-${state.id}`,
      ...(state.time === undefined ? {} : { time: state.time }),
    },
    state: {
      source: state.source ?? 'self-found',
      batch: '2025 第一批',
      code: state.id,
      category: 'water' as const,
      severity: state.severity ?? 'general',
      responsibleUnit: '开发区生态环境分局',
      enterprise:
        enterprise === null ? null : { creditCode: enterpriseCode(enterprise), name: `企业${enterprise}` },
      status: state.status ?? 'pending',
      deadline: '2030-06-30',
      overdue: state.overdue ?? false,
      progress: 0,
      recurrences: 0,
      version: state.version,
      registeredAt: '2025-01-02T08:00:00+08:00',
    },
  };
}

/** RectificationItemRegistered with the given state. */
export function registered(state: ItemState) {
  const { envelope, state: data } = common(state);
  return rectificationItemRegistered.create({
    ...envelope,
    data: {
      ...data,
      problem: `整改问题 ${state.id}`,
      measures: '截污纳管',
      target: '达标排放',
      via: 'api',
      importId: null,
      registeredBy: person,
    },
  });
}

export function progressReported(state: ItemState) {
  const { envelope, state: data } = common({ status: 'in-progress', ...state });
  return rectificationProgressReported.create({
    ...envelope,
    data: {
      ...data,
      progress: 50,
      report: { id: 'r1', percent: 50, note: '完成一半', evidence: [] },
      reportedBy: person,
    },
  });
}

export function itemOverdue(state: ItemState) {
  const { envelope, state: data } = common({ status: 'in-progress', ...state, overdue: true });
  return rectificationItemBecameOverdue.create({
    ...envelope,
    data: {
      ...data,
      dueDate: '2025-01-10',
      dueAt: '2025-01-10T16:00:00Z',
      detectedAt: new Date().toISOString(),
    },
  });
}

export function itemAccepted(state: ItemState) {
  const { envelope, state: data } = common({ ...state, status: 'accepted', overdue: false });
  return rectificationAccepted.create({
    ...envelope,
    data: {
      ...data,
      level: 'province',
      final: true,
      note: null,
      acceptedAt: new Date().toISOString(),
      acceptedBy: person,
    },
  });
}

/** A city acceptance of a central or provincial item: it awaits the province, overdue stays as it was. */
export function cityAccepted(state: ItemState) {
  const { envelope, state: data } = common({ ...state, status: 'city-accepted' });
  return rectificationAccepted.create({
    ...envelope,
    data: {
      ...data,
      level: 'city',
      final: false,
      note: null,
      acceptedAt: new Date().toISOString(),
      acceptedBy: person,
    },
  });
}

export function noticePublished(state: ItemState) {
  const { envelope, state: data } = common({ ...state, status: 'public-notice', overdue: false });
  const now = new Date();
  return rectificationNoticePublished.create({
    ...envelope,
    data: {
      ...data,
      notice: {
        publishedAt: now.toISOString(),
        endsAt: new Date(now.getTime() + 9 * 86_400_000).toISOString(),
        workingDays: 7,
        channel: '开发区管委会门户网站',
      },
      publishedBy: person,
    },
  });
}

export function itemClosed(state: ItemState) {
  const { envelope, state: data } = common({ ...state, status: 'closed', overdue: false });
  const now = new Date().toISOString();
  return rectificationItemClosed.create({
    ...envelope,
    data: { ...data, closedAt: now, noticeEndedAt: now, closedBy: person },
  });
}

/** Heartbeats of every domain of the default policy: the zone can only be blue when all are alive. */
export function liveDomains(beat = 1, at = new Date()) {
  return [
    heartbeat('safety', beat, at),
    heartbeat('environment', beat, at),
    heartbeat('food-drug', beat, at),
    heartbeat('debt', beat, at),
  ];
}
