import { endOfZoneDay, zoneMonth } from '@zone-risk/calendar';
import type { PersonRef } from '@zone-risk/contracts';
import type { HazardStatus } from './machine.ts';

export type Grade = 'general' | 'major';
export type Category =
  | 'equipment'
  | 'environment'
  | 'management'
  | 'behaviour'
  | 'fire'
  | 'electrical'
  | 'chemical'
  | 'other';

/** Who did something, as the events name them. */
export type Person = PersonRef;

export interface Enterprise {
  creditCode: string;
  name: string;
}

/** Determination basis (判定依据): the standard and the clause a grade rests on. */
export interface Basis {
  standard: string;
  clause: string;
}

export interface Plan {
  measures: string;
  responsiblePerson: Person;
  /** 整改资金 in fen. */
  funds: number;
  deadline: string;
  plannedBy: Person;
  plannedAt: Date;
}

export interface ExtensionRequest {
  requestedDeadline: string;
  reason: string;
  requestedBy: Person;
  requestedAt: Date;
}

/** 挂牌督办: a listing by the authorities with a deadline of its own. */
export interface Supervision {
  deadline: string;
  authority: string;
  reference: string | null;
  listedBy: Person;
  listedAt: Date;
}

export type PhotoPhase = 'before' | 'after';

export interface Photo {
  id: string;
  phase: PhotoPhase;
  sha256: string;
  contentType: string;
  size: number;
  filename: string;
  uploadedBy: Person;
  uploadedAt: Date;
}

/** A hidden hazard (隐患) as the domain sees it. */
export interface Hazard {
  id: string;
  zoneId: string;
  enterprise: Enterprise;
  /** The inspection whose failed item raised it, and who did that inspection. */
  inspectionId: string | null;
  inspectors: Person[];
  checklistItemCode: string | null;
  location: string;
  description: string;
  category: Category;
  grade: Grade;
  basis: Basis | null;
  status: HazardStatus;
  reportedBy: Person;
  reportedAt: Date;
  /** The rectification deadline in force (inclusive zone day), once set. */
  deadline: string | null;
  plan: Plan | null;
  /** The pending extension request, while status is extension-requested. */
  extension: ExtensionRequest | null;
  supervision: Supervision | null;
  /** The current rectification deadline passed while open (HazardBecameOverdue published for it). */
  rectificationOverdue: boolean;
  /** The supervision deadline passed while open (HazardBecameOverdue published for it). */
  supervisionOverdue: boolean;
  submittedAt: Date | null;
  closedAt: Date | null;
  photos: Photo[];
  rejections: number;
  /** Version after the latest event: the outbox's `_version`, the ETag's number. */
  version: number;
}

/**
 * Fields derived from the state, stored top-level next to it so that hot queries are top-level
 * equality filters — the only kind FerretDB pushes down to PostgreSQL (and indexes serve).
 */
export interface HazardDerived {
  enterpriseCode: string;
  closed: boolean;
  overdue: boolean;
  supervised: boolean;
  /**
   * True while a deadline is set that has not yet fired a HazardBecameOverdue, on an open hazard.
   * The sweeper reads only `{ deadlineArmed: true }` (an indexed equality) and compares
   * `nextDueAt` in JS, because a date range is not pushed down on FerretDB and would read every
   * hazard ever recorded. Armed hazards are a small, bounded subset: open ones with a deadline ahead.
   */
  deadlineArmed: boolean;
  /** When the earliest armed deadline passes; null when none is armed. */
  nextDueAt: Date | null;
  /** `YYYY-MM` of reportedAt (zone time): statistics read one month at a time by equality. */
  reportedMonth: string;
}

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
