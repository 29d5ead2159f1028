import {
  businessCategory,
  businessKind,
  gradeTrace,
  licenceType,
  personRef,
  recordEntry,
  riskGrade,
} from '@zone-risk/contracts';
import { z } from 'zod';

// The business (经营主体) as the domain sees it, as one zod schema: its type, its stored fields
// and what a read gives back. Its grade, trace and check standing are kept on it, recomputed by
// every decision that changes an input, so a list by grade or due status is an indexed read.

export const KINDS = businessKind.options;
export type BusinessKind = (typeof KINDS)[number];
export const CATEGORIES = businessCategory.options;
export type BusinessCategory = (typeof CATEGORIES)[number];
export const GRADES = riskGrade.options;
export type Grade = (typeof GRADES)[number];
export type LicenceType = z.infer<typeof licenceType>;
export type RecordEntry = z.infer<typeof recordEntry>;
export type GradeTrace = z.infer<typeof gradeTrace>;

/** What a register line or a registration says about a business. */
export const businessContent = z.object({
  creditCode: z.string(),
  name: z.string(),
  address: z.string(),
  kind: businessKind,
  categories: z.array(businessCategory),
  area: z.string().nullable(),
  licence: z.object({ type: licenceType, number: z.string() }),
});
export type BusinessContent = z.infer<typeof businessContent>;

/** Where a business stands against its check frequency in the current period (序时进度). */
export const checkStandingState = z.object({
  period: z.string(),
  start: z.string(),
  end: z.string(),
  required: z.int(),
  done: z.int(),
  /** The first day it is behind pro rata if no check comes; null when it cannot fall behind. */
  behindFrom: z.string().nullable(),
});
export type CheckStandingState = z.infer<typeof checkStandingState>;

export const businessState = businessContent.extend({
  id: z.string(),
  zoneId: z.string(),
  seriousViolation: z.boolean().default(false),
  seriousViolationReason: z.string().nullable().default(null),
  record: z.array(recordEntry).default([]),
  grade: riskGrade,
  score: z.int(),
  trace: gradeTrace,
  standing: checkStandingState,
  checkOverdue: z.boolean().default(false),
  /** The inspectors of its latest check, whom a random draw pairs with it no more (回避). */
  lastCheck: z
    .object({ id: z.string(), date: z.string(), inspectors: z.array(z.string()) })
    .nullable()
    .default(null),
  /** The first day a counted record entry leaves the window: the grade is recomputed then. */
  regradeOn: z.string().nullable().default(null),
  via: z.enum(['api', 'import']),
  importId: z.string().nullable(),
  registeredBy: personRef,
  registeredAt: z.date(),
  version: z.int(),
});
export type Business = z.infer<typeof businessState>;

/** The fields a registration may change afterwards (the credit code is the identity). */
export const DETAIL_FIELDS = ['name', 'address', 'kind', 'categories', 'area', 'licence'] as const;
