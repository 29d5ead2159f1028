import { zoneDay } from '@zone-risk/calendar';
import type { Business } from '../domain/business.ts';
import type { Check } from '../domain/check.ts';
import { dueByDay } from '../domain/check-frequency.ts';
import { caseMachine, type DisposalCase } from '../domain/disposal-case.ts';
import { type Draw, drawMachine } from '../domain/draw-aggregate.ts';
import type { Sample } from '../domain/sample.ts';

// Domain state → what a response shows: instants as RFC 3339 text, the actions the state allows,
// links to what belongs to it.

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

/** The stored standing with what is due by `today`, pro rata. */
export function standingView(b: Business, today: string) {
  const s = b.standing;
  const dueByNow = dueByDay(s.required, s.start, s.end, today);
  return { ...s, dueByNow, behind: s.done < dueByNow };
}

export function toBusinessView(b: Business, now = new Date()) {
  const base = `/businesses/${b.creditCode}`;
  return {
    creditCode: b.creditCode,
    name: b.name,
    address: b.address,
    kind: b.kind,
    categories: b.categories,
    area: b.area,
    licence: b.licence,
    grade: b.grade,
    score: b.score,
    ruleSetVersion: b.trace.ruleSetVersion,
    seriousViolation: b.seriousViolation,
    seriousViolationReason: b.seriousViolationReason,
    checkOverdue: b.checkOverdue,
    standing: standingView(b, zoneDay(now)),
    lastCheck: b.lastCheck,
    record: b.record,
    registeredBy: b.registeredBy,
    registeredAt: b.registeredAt.toISOString(),
    version: b.version,
    links: {
      grade: `${base}/grade`,
      history: `${base}/history`,
      checks: `/checks?business=${b.creditCode}`,
      samples: `/samples?business=${b.creditCode}`,
    },
  };
}

export const toGradeView = (b: Business) => ({
  creditCode: b.creditCode,
  grade: b.grade,
  score: b.score,
  trace: b.trace,
  seriousViolation: b.seriousViolation,
  version: b.version,
});

export const toCheckView = (c: Check) => ({
  ...c,
  zoneId: undefined,
  recordedAt: c.recordedAt.toISOString(),
});

export const toSampleView = (s: Sample) => ({
  ...s,
  zoneId: undefined,
  recordedAt: s.recordedAt.toISOString(),
});

export const toCaseView = (c: DisposalCase) => ({
  ...c,
  zoneId: undefined,
  entries: c.entries.map((e) => ({ ...e, at: e.at.toISOString() })),
  evidence: c.evidence.map((f) => ({
    ...f,
    addedAt: f.addedAt.toISOString(),
    url: `/disposal-cases/${c.id}/evidence/${f.id}`,
  })),
  closedAt: iso(c.closedAt),
  openedAt: c.openedAt.toISOString(),
  allowedActions: caseMachine.allowed(c.status),
});

export const toDrawView = (d: Draw) => ({
  id: d.id,
  title: d.title,
  filter: d.filter,
  count: d.count,
  perBusiness: d.perBusiness,
  candidates: d.lists.businesses.length,
  pool: d.lists.inspectors.length,
  commitment: d.commitment,
  seedPlan: d.seedPlan,
  seed: d.seed,
  picks: d.picks,
  status: d.status,
  channel: d.channel,
  committedBy: d.committedBy,
  committedAt: d.committedAt.toISOString(),
  drawnBy: d.drawnBy,
  drawnAt: iso(d.drawnAt),
  publishedBy: d.publishedBy,
  publishedAt: iso(d.publishedAt),
  allowedActions: drawMachine.allowed(d.status),
  version: d.version,
});
