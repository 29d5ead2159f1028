import { endOfZoneDay, zoneDay } from '@zone-risk/calendar';
import {
  type PersonRef,
  personRef,
  rectificationCategory,
  rectificationSeverity,
  rectificationSource,
  rectificationStatus,
} from '@zone-risk/contracts';
import { z } from 'zod';
import type { ItemStatus } from './machine.ts';

// The rectification item (整改事项) as the domain sees it, as one zod schema: its type, its stored
// fields (the model is built from it) and what a read gives back all come from here. Request and
// ledger validation (credit codes, lengths, labels) is the routes' and the ledger's.

export const SOURCES = rectificationSource.options;
export type Source = (typeof SOURCES)[number];
export const CATEGORIES = rectificationCategory.options;
export type Category = (typeof CATEGORIES)[number];
export const SEVERITIES = rectificationSeverity.options;
export type Severity = (typeof SEVERITIES)[number];

/** Who did something, as the events name them. */
export type Person = PersonRef;

const enterprise = z.object({ creditCode: z.string(), name: z.string() });
export type Enterprise = z.infer<typeof enterprise>;

/** What a ledger line says: the item's content as registered (by hand or by an import). */
export const itemContent = z.object({
  source: rectificationSource,
  batch: z.string(),
  code: z.string(),
  problem: z.string(),
  category: rectificationCategory,
  severity: rectificationSeverity,
  responsibleUnit: z.string(),
  enterprise: enterprise.nullable(),
  measures: z.string(),
  target: z.string(),
  deadline: z.string(),
});
export type ItemContent = z.infer<typeof itemContent>;

const evidenceFile = z.object({
  id: z.string(),
  sha256: z.string(),
  contentType: z.string(),
  size: z.int(),
  filename: z.string(),
});
export type EvidenceFile = z.infer<typeof evidenceFile>;

const progressReport = z.object({
  id: z.string(),
  percent: z.number(),
  note: z.string(),
  evidence: z.array(evidenceFile),
  reportedBy: personRef,
  reportedAt: z.date(),
});
export type ProgressReport = z.infer<typeof progressReport>;

/** 谁验收谁负责: who accepted at a level, and when. */
const acceptance = z.object({ by: personRef, at: z.date(), note: z.string().nullable() });
export type Acceptance = z.infer<typeof acceptance>;

const notice = z.object({
  publishedAt: z.date(),
  endsAt: z.date(),
  workingDays: z.int(),
  channel: z.string().nullable(),
  publishedBy: personRef,
});
export type Notice = z.infer<typeof notice>;

export const itemState = itemContent.extend({
  // Items registered without an enterprise by early releases have no field at all.
  enterprise: enterprise.nullable().default(null),
  id: z.string(),
  zoneId: z.string(),
  status: rectificationStatus,
  /** Latest reported percentage. */
  progress: z.number().default(0),
  reports: z.array(progressReport).default([]),
  acceptances: z
    .object({ city: acceptance.nullable(), province: acceptance.nullable() })
    .default({ city: null, province: null }),
  notice: notice.nullable().default(null),
  /** HTTP or a ledger import, and which one. */
  via: z.enum(['api', 'import']),
  importId: z.string().nullable().default(null),
  registeredBy: personRef,
  registeredAt: z.date(),
  acceptanceRequestedAt: z.date().nullable().default(null),
  closedAt: z.date().nullable().default(null),
  /** The deadline in force passed before acceptance (RectificationItemBecameOverdue published). */
  deadlinePassed: z.boolean().default(false),
  returns: z.int().default(0),
  objections: z.int().default(0),
  recurrences: z.int().default(0),
  /** Fingerprint of the content as registered: a re-imported identical line is "unchanged". */
  contentHash: z.string(),
  version: z.int(),
});
/** A rectification item (整改事项) as the domain sees it. */
export type Item = z.infer<typeof itemState>;

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
export const itemDerived = z.object({
  enterpriseCode: z.string().nullable(),
  overdue: z.boolean(),
  /** True while a time-driven change is due some day: an unfired deadline, or a running notice. */
  timerArmed: z.boolean(),
  /** When the earliest armed timer fires; null when none is armed. */
  nextDueAt: z.date().nullable(),
  /** `YYYY-MM` of registeredAt in the zone. */
  registeredMonth: z.string(),
});
export type ItemDerived = z.infer<typeof itemDerived>;

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
