import type { Business } from '../domain/business.ts';
import type { Check } from '../domain/check.ts';
import type { DisposalCase } from '../domain/disposal-case.ts';
import type { Draw } from '../domain/draw-aggregate.ts';
import type { Sample } from '../domain/sample.ts';

// The state every event of each aggregate carries, so a consumer that keeps the latest event per
// aggregate — the aggregator — rates it without replaying history.

export const businessStateData = (b: Business, version: number) => ({
  creditCode: b.creditCode,
  name: b.name,
  kind: b.kind,
  categories: b.categories,
  area: b.area,
  licence: b.licence,
  grade: b.grade,
  score: b.score,
  ruleSetVersion: b.trace.ruleSetVersion,
  seriousViolation: b.seriousViolation,
  checkOverdue: b.checkOverdue,
  version,
  registeredAt: b.registeredAt.toISOString(),
});

export const checkStateData = (c: Check, version: number) => ({
  business: c.business,
  type: c.type,
  date: c.date,
  inspectors: c.inspectors,
  outcome: c.outcome,
  status: c.status,
  followUpDeadline: c.followUpDeadline,
  followUpOverdue: c.followUpOverdue,
  drawId: c.drawId,
  caseId: c.caseId,
  version,
});

export const drawStateData = (d: Draw, version: number) => ({
  title: d.title,
  filter: d.filter,
  count: d.count,
  perBusiness: d.perBusiness,
  candidates: d.lists.businesses.length,
  pool: d.lists.inspectors.length,
  commitment: d.commitment,
  status: d.status,
  version,
});

export const sampleStateData = (s: Sample, version: number) => ({
  business: s.business,
  product: s.product,
  batch: s.batch,
  productionDate: s.productionDate,
  sampledOn: s.sampledOn,
  lab: s.lab,
  verdict: s.verdict,
  caseId: s.caseId,
  version,
});

export const caseStateData = (c: DisposalCase, version: number) => ({
  business: c.business,
  cause: c.cause,
  status: c.status,
  deadline: c.deadline,
  retestUntil: c.retestUntil,
  overdue: c.overdue,
  officer: c.officer,
  measures: c.measures,
  closedAs: c.closedAs,
  openedAt: c.openedAt.toISOString(),
  version,
});
