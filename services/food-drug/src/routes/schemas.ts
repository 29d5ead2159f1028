import {
  businessCategory,
  businessKind,
  checkItemResult,
  checkOutcome,
  checkStatus,
  checkType,
  creditCode,
  disposalMeasure,
  disposalStatus,
  drawStatus,
  gradeTrace,
  licenceType,
  personRef,
  recordEntry,
  riskGrade,
  sampleItem,
  sampleVerdict,
} from '@zone-risk/contracts';
import { domainProblems } from '@zone-risk/domain-service';
import { z } from 'zod';

// Request and response shapes: one zod schema per shape validates the request, serialises the
// response and writes the OpenAPI document (with the examples given here).

export const EXAMPLE_CODE = '91320113MA1MB6AT2R';

export const text = (max: number, description: string) =>
  z.string().trim().min(1).max(max).describe(description);
export const note = z.string().trim().max(2000).nullish().describe('Remarks');

export const PROBLEM_TEXT: Record<number, string> = {
  403: 'The caller’s role forbids it (or, closing a case, the caller is its officer)',
  409: 'Not allowed in the current state (`currentState` and `allowed` say what is), or a window has closed',
  413: 'The upload is larger than the limit',
  415: 'Not an accepted file type',
};
export const problems = domainProblems(PROBLEM_TEXT);

const instant = z.string().describe('Instant, RFC 3339');
const day = z.string().describe('Zone date, YYYY-MM-DD');

export const codeParams = z.object({ id: creditCode.describe('Unified Social Credit Code of the business') });
export const idParams = (what: string) => z.object({ id: z.string().min(1).max(80).describe(`${what} id`) });

export const businessRefView = z.object({
  creditCode: z.string(),
  name: z.string(),
  kind: businessKind,
  categories: z.array(businessCategory),
});

export const standingView = z
  .object({
    period: z.string().describe('The check period, e.g. 2026 or 2026-2027'),
    start: day,
    end: day,
    required: z.int().describe('Checks its grade requires in the period'),
    done: z.int().describe('Checks recorded in the period'),
    dueByNow: z.int().describe('Checks due by today, pro rata (序时)'),
    behind: z.boolean().describe('Fewer checks than due by today'),
    behindFrom: day.nullable().describe('The day it falls (or fell) behind unless a check comes'),
  })
  .describe('Its standing against the check frequency (检查频次)');

export const businessView = z.object({
  creditCode: z.string(),
  name: z.string(),
  address: z.string(),
  kind: businessKind,
  categories: z.array(businessCategory),
  area: z.string().nullable(),
  licence: z.object({ type: licenceType, number: z.string() }),
  grade: riskGrade,
  score: z.int(),
  ruleSetVersion: z.int(),
  seriousViolation: z.boolean(),
  seriousViolationReason: z.string().nullable(),
  checkOverdue: z.boolean(),
  standing: standingView,
  lastCheck: z.object({ id: z.string(), date: day, inspectors: z.array(z.string()) }).nullable(),
  record: z.array(recordEntry).describe('Its record: the inputs of its dynamic risk'),
  registeredBy: personRef,
  registeredAt: instant,
  version: z.int(),
  links: z.object({ grade: z.string(), history: z.string(), checks: z.string(), samples: z.string() }),
});
export const businessPage = z.object({
  items: z.array(businessView.omit({ record: true })),
  nextCursor: z.string().nullable(),
});

export const gradeView = z.object({
  creditCode: z.string(),
  grade: riskGrade,
  score: z.int(),
  trace: gradeTrace,
  seriousViolation: z.boolean(),
  version: z.int(),
});

export const checkView = z.object({
  id: z.string(),
  business: businessRefView,
  type: checkType,
  date: day,
  inspectors: z.array(personRef),
  items: z.array(checkItemResult),
  findings: z.string().nullable(),
  outcome: checkOutcome,
  status: checkStatus,
  followUpDeadline: day.nullable(),
  followUpOverdue: z.boolean(),
  followUpOf: z.string().nullable(),
  followUpCheckId: z.string().nullable(),
  drawId: z.string().nullable(),
  caseId: z.string().nullable(),
  recordedBy: personRef,
  recordedAt: instant,
  version: z.int(),
});
export const checkPage = z.object({ items: z.array(checkView), nextCursor: z.string().nullable() });

export const sampleView = z.object({
  id: z.string(),
  business: businessRefView,
  product: z.string(),
  batch: z.string(),
  productionDate: day.nullable(),
  sampledOn: day,
  lab: z.string(),
  items: z.array(sampleItem),
  verdict: sampleVerdict,
  caseId: z.string().nullable(),
  recordedBy: personRef,
  recordedAt: instant,
  version: z.int(),
});
export const samplePage = z.object({ items: z.array(sampleView), nextCursor: z.string().nullable() });

export const caseView = z.object({
  id: z.string(),
  business: businessRefView,
  cause: z.object({ kind: z.enum(['sample', 'check']), ref: z.string() }),
  status: disposalStatus,
  deadline: day,
  retestUntil: day.nullable(),
  overdue: z.boolean(),
  officer: personRef.nullable(),
  measures: z.array(disposalMeasure),
  entries: z.array(
    z.object({ taken: z.array(disposalMeasure), detail: z.string(), by: personRef, at: instant }),
  ),
  retest: z
    .object({ lab: z.string(), qualified: z.boolean().nullable(), report: z.string().nullable() })
    .nullable(),
  evidence: z.array(
    z.object({
      id: z.string(),
      sha256: z.string(),
      contentType: z.string(),
      size: z.int(),
      filename: z.string(),
      addedBy: personRef,
      addedAt: instant,
      url: z.string(),
    }),
  ),
  closedAs: z.enum(['handled', 'unfounded']).nullable(),
  outcome: z.string().nullable(),
  closedBy: personRef.nullable(),
  closedAt: instant.nullable(),
  openedBy: personRef,
  openedAt: instant,
  allowedActions: z.array(z.string()).describe('The life-cycle actions the current state allows'),
  version: z.int(),
});
export const casePage = z.object({ items: z.array(caseView), nextCursor: z.string().nullable() });

const pickView = z.object({
  business: z.object({ creditCode: z.string(), name: z.string() }),
  rank: z.string(),
  inspectors: z.array(personRef),
});
export const drawView = z.object({
  id: z.string(),
  title: z.string(),
  filter: z.object({ kinds: z.array(businessKind), grades: z.array(riskGrade), areas: z.array(z.string()) }),
  count: z.int(),
  perBusiness: z.int(),
  candidates: z.int(),
  pool: z.int(),
  commitment: z.string().describe('SHA-256 of the committed lists (GET /draws/{id}/lists gives them)'),
  seedPlan: z.object({
    kind: z.enum(['public', 'server']),
    source: z.string().nullable(),
    drawDate: day.nullable(),
  }),
  seed: z
    .object({
      kind: z.enum(['public', 'server']),
      value: z.string(),
      source: z.string().nullable(),
      drawDate: day.nullable(),
    })
    .nullable(),
  picks: z.array(pickView).nullable(),
  status: drawStatus,
  channel: z.string().nullable(),
  committedBy: personRef,
  committedAt: instant,
  drawnBy: personRef.nullable(),
  drawnAt: instant.nullable(),
  publishedBy: personRef.nullable(),
  publishedAt: instant.nullable(),
  allowedActions: z.array(z.string()),
  version: z.int(),
});
export const drawPage = z.object({ items: z.array(drawView), nextCursor: z.string().nullable() });
