import { endOfZoneDay, zoneMonth } from '@zone-risk/calendar';
import { hazardCategory, hazardGrade, hazardStatus, type PersonRef, personRef } from '@zone-risk/contracts';
import { z } from 'zod';

// The hidden hazard (隐患) as the domain sees it, as one zod schema: its type, its stored fields
// (the model is built from it) and what a read gives back all come from here. Request validation
// is the routes' (credit codes, lengths); this describes what a valid state holds.

/** Who did something, as the events name them. */
export type Person = PersonRef;

const enterprise = z.object({ creditCode: z.string(), name: z.string() });
export type Enterprise = z.infer<typeof enterprise>;

/** Determination basis (判定依据): the standard and the clause a grade rests on. */
const basis = z.object({ standard: z.string(), clause: z.string() });
export type Basis = z.infer<typeof basis>;

export type Grade = z.infer<typeof hazardGrade>;
export type Category = z.infer<typeof hazardCategory>;

const plan = z.object({
  measures: z.string(),
  responsiblePerson: personRef,
  /** 整改资金 in fen. */
  funds: z.int(),
  deadline: z.string(),
  plannedBy: personRef,
  plannedAt: z.date(),
});
export type Plan = z.infer<typeof plan>;

const extensionRequest = z.object({
  requestedDeadline: z.string(),
  reason: z.string(),
  requestedBy: personRef,
  requestedAt: z.date(),
});
export type ExtensionRequest = z.infer<typeof extensionRequest>;

/** 挂牌督办: a listing by the authorities with a deadline of its own. */
const supervision = z.object({
  deadline: z.string(),
  authority: z.string(),
  reference: z.string().nullable(),
  listedBy: personRef,
  listedAt: z.date(),
});
export type Supervision = z.infer<typeof supervision>;

export const photoPhase = z.enum(['before', 'after']);
export type PhotoPhase = z.infer<typeof photoPhase>;

const photo = z.object({
  id: z.string(),
  phase: photoPhase,
  sha256: z.string(),
  contentType: z.string(),
  size: z.int(),
  filename: z.string(),
  uploadedBy: personRef,
  uploadedAt: z.date(),
});
export type Photo = z.infer<typeof photo>;

export const hazardState = z.object({
  id: z.string(),
  zoneId: z.string(),
  enterprise,
  /** The inspection whose failed item raised it, and who did that inspection. */
  inspectionId: z.string().nullable().default(null),
  inspectors: z.array(personRef).default([]),
  checklistItemCode: z.string().nullable().default(null),
  location: z.string(),
  description: z.string(),
  category: hazardCategory,
  grade: hazardGrade,
  basis: basis.nullable().default(null),
  status: hazardStatus,
  reportedBy: personRef,
  reportedAt: z.date(),
  /** The rectification deadline in force (inclusive zone day), once set. */
  deadline: z.string().nullable().default(null),
  plan: plan.nullable().default(null),
  /** The pending extension request, while status is extension-requested. */
  extension: extensionRequest.nullable().default(null),
  supervision: supervision.nullable().default(null),
  /** The current rectification deadline passed while open (HazardBecameOverdue published for it). */
  rectificationOverdue: z.boolean().default(false),
  /** The supervision deadline passed while open (HazardBecameOverdue published for it). */
  supervisionOverdue: z.boolean().default(false),
  submittedAt: z.date().nullable().default(null),
  closedAt: z.date().nullable().default(null),
  photos: z.array(photo).default([]),
  rejections: z.int().default(0),
  /** Version after the latest event: the outbox's `_version`, the ETag's number. */
  version: z.int(),
});
export type Hazard = z.infer<typeof hazardState>;

/**
 * Fields derived from the state, stored top-level next to it so that hot queries are top-level
 * equality filters — the only kind FerretDB pushes down to PostgreSQL (and indexes serve).
 */
export const hazardDerived = z.object({
  enterpriseCode: z.string(),
  closed: z.boolean(),
  overdue: z.boolean(),
  supervised: z.boolean(),
  /**
   * True while a deadline is set that has not yet fired a HazardBecameOverdue, on an open hazard.
   * The sweeper reads only `{ deadlineArmed: true }` (an indexed equality) and compares
   * `nextDueAt` in JS, because a date range is not pushed down on FerretDB and would read every
   * hazard ever recorded. Armed hazards are a small, bounded subset: open ones with a deadline ahead.
   */
  deadlineArmed: z.boolean(),
  /** When the earliest armed deadline passes; null when none is armed. */
  nextDueAt: z.date().nullable(),
  /** `YYYY-MM` of reportedAt (zone time): statistics read one month at a time by equality. */
  reportedMonth: z.string(),
});
export type HazardDerived = z.infer<typeof hazardDerived>;

/** A deadline of an open hazard that has passed and not yet been reported as passed. */
export interface DueDeadline {
  which: 'rectification' | 'supervision';
  dueDate: string;
  dueAt: Date;
}

function armedDeadlines(hazard: Hazard): DueDeadline[] {
  if (hazard.status === 'closed') return [];
  const armed: DueDeadline[] = [];
  if (hazard.deadline !== null && !hazard.rectificationOverdue) {
    armed.push({ which: 'rectification', dueDate: hazard.deadline, dueAt: endOfZoneDay(hazard.deadline) });
  }
  if (hazard.supervision !== null && !hazard.supervisionOverdue) {
    const day = hazard.supervision.deadline;
    armed.push({ which: 'supervision', dueDate: day, dueAt: endOfZoneDay(day) });
  }
  return armed;
}

export function derive(hazard: Hazard): HazardDerived {
  const closed = hazard.status === 'closed';
  const armed = armedDeadlines(hazard);
  const next = armed.reduce<Date | null>(
    (earliest, d) => (earliest === null || d.dueAt < earliest ? d.dueAt : earliest),
    null,
  );
  return {
    enterpriseCode: hazard.enterprise.creditCode,
    closed,
    overdue: !closed && (hazard.rectificationOverdue || hazard.supervisionOverdue),
    supervised: hazard.supervision !== null,
    deadlineArmed: armed.length > 0,
    nextDueAt: next,
    reportedMonth: zoneMonth(hazard.reportedAt),
  };
}

/** The armed deadlines that have passed at `now`, earliest first. */
export function passedDeadlines(hazard: Hazard, now: Date): DueDeadline[] {
  return armedDeadlines(hazard)
    .filter((d) => d.dueAt.getTime() <= now.getTime())
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}
