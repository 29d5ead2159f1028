import { endOfZoneDay, zoneDay } from '@zone-risk/calendar';
import type { PersonRef } from '@zone-risk/contracts';
import type { ItemStatus } from './machine.ts';

export const SOURCES = [
  'central-inspection',
  'provincial-inspection',
  'self-found',
  'public-complaint',
] as const;
export type Source = (typeof SOURCES)[number];
export const CATEGORIES = ['air', 'water', 'soil', 'solid-waste', 'noise', 'ecology'] as const;
export type Category = (typeof CATEGORIES)[number];
export const SEVERITIES = ['general', 'significant', 'major'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Who did something, as the events name them. */
export type Person = PersonRef;

export interface Enterprise {
  creditCode: string;
  name: string;
}

/** What a ledger line says: the item's content as registered (by hand or by an import). */
export interface ItemContent {
  source: Source;
  batch: string;
  code: string;
  problem: string;
  category: Category;
  severity: Severity;
  responsibleUnit: string;
  enterprise: Enterprise | null;
  measures: string;
  target: string;
  deadline: string;
}

export interface EvidenceFile {
  id: string;
  sha256: string;
  contentType: string;
  size: number;
  filename: string;
}

export interface ProgressReport {
  id: string;
  percent: number;
  note: string;
  evidence: EvidenceFile[];
  reportedBy: Person;
  reportedAt: Date;
}

/** 谁验收谁负责: who accepted at a level, and when. */
export interface Acceptance {
  by: Person;
  at: Date;
  note: string | null;
}

export interface Notice {
  publishedAt: Date;
  endsAt: Date;
  workingDays: number;
  channel: string | null;
  publishedBy: Person;
}

/** A rectification item (整改事项) as the domain sees it. */
export interface Item extends ItemContent {
  id: string;
  zoneId: string;
  status: ItemStatus;
  /** Latest reported percentage. */
  progress: number;
  reports: ProgressReport[];
  acceptances: { city: Acceptance | null; province: Acceptance | null };
  notice: Notice | null;
  /** HTTP or a ledger import, and which one. */
  via: 'api' | 'import';
  importId: string | null;
  registeredBy: Person;
  registeredAt: Date;
  acceptanceRequestedAt: Date | null;
  closedAt: Date | null;
  /** The deadline in force passed before acceptance (RectificationItemBecameOverdue published). */
  deadlinePassed: boolean;
  returns: number;
  objections: number;
  recurrences: number;
  version: number;
}

/** Central and provincial inspection items need a provincial acceptance after the city's. */
export function needsProvincialAcceptance(source: Source): boolean {
  return source === 'central-inspection' || source === 'provincial-inspection';
}

/** Until acceptance the rectification can be late; once accepted, the deadline no longer matters. */
const RECTIFYING: readonly ItemStatus[] = ['pending', 'in-progress', 'acceptance-requested', 'city-accepted'];
export const COMPLETED: readonly ItemStatus[] = ['accepted', 'public-notice', 'closed'];

export function isRectifying(status: ItemStatus): boolean {
  return RECTIFYING.includes(status);
}

/**
 * Fields derived from the state, stored top-level beside it so that hot queries are top-level
 * equality filters — the only kind FerretDB pushes down to PostgreSQL (and indexes serve).
 */
export interface ItemDerived {
  enterpriseCode: string | null;
  overdue: boolean;
  /** True while a time-driven change is due some day: an unfired deadline, or a running notice. */
  timerArmed: boolean;
  /** When the earliest armed timer fires; null when none is armed. */
  nextDueAt: Date | null;
  /** `YYYY-MM` of registeredAt in the zone. */
  registeredMonth: string;
}

export function derive(item: Item): ItemDerived {
  const timers: Date[] = [];
  if (isRectifying(item.status) && !item.deadlinePassed) timers.push(endOfZoneDay(item.deadline));
  if (item.status === 'public-notice' && item.notice) timers.push(item.notice.endsAt);
  const next = timers.reduce<Date | null>(
    (earliest, d) => (earliest === null || d < earliest ? d : earliest),
    null,
  );
  return {
    enterpriseCode: item.enterprise?.creditCode ?? null,
    overdue: isRectifying(item.status) && item.deadlinePassed,
    timerArmed: timers.length > 0,
    nextDueAt: next,
    registeredMonth: zoneDay(item.registeredAt).slice(0, 7),
  };
}
