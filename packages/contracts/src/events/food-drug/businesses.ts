import { z } from 'zod';
import { isoDate, isoDateTime, personRef } from '../../fields/common.ts';
import { creditCode } from '../../fields/credit-code.ts';
import {
  businessCategory,
  businessKind,
  foodDrugEvent,
  licenceType,
  recordEntry,
  riskGrade,
} from './fields.ts';

// Businesses (经营主体) under food and drug supervision, keyed by credit code. Every event carries
// the business's grade and check standing after it, so the aggregator can rate a D-grade business
// with an overdue check from the latest event alone.

const businessState = {
  creditCode,
  name: z.string().min(1).describe('Registered name (经营主体名称)'),
  kind: businessKind,
  categories: z.array(businessCategory).describe('What it handles that carries risk'),
  area: z.string().nullable().describe('Area of the zone (片区/街道) it is in; null when not given'),
  licence: z
    .object({ type: licenceType, number: z.string().min(1).describe('Licence number') })
    .describe('Its licence'),
  grade: riskGrade,
  score: z.int().min(0).max(100).describe('Risk score: static + dynamic points'),
  ruleSetVersion: z.int().min(1).describe('Version of the rule set that gave the grade'),
  seriousViolation: z
    .boolean()
    .describe('On the serious-violation list (严重违法失信名单): graded D whatever the score'),
  checkOverdue: z
    .boolean()
    .describe('Its last check period ended with fewer checks than its grade requires; cleared by a check'),
  version: z.int().min(1).describe('Version of the business after this event'),
  registeredAt: isoDateTime.describe('When it was registered'),
};

/** The fields every business event carries: the business's state after the event. */
export type BusinessStateKey = keyof typeof businessState;

const businessEvent = foodDrugEvent('food-drug-business', businessState);

/** One line of a grade's trace: which factor gave how many points. */
export const gradeFactor = z
  .object({
    factor: z
      .string()
      .min(1)
      .describe('The rule-set entry, e.g. kind:catering, category:school-canteen, sample:unqualified'),
    label: z.string().min(1).describe('What it is, in Chinese'),
    count: z.int().min(0).nullable().describe('How many record entries it counted; null for a static factor'),
    points: z.number().min(0).describe('Points it gave, after its own cap'),
  })
  .describe('A factor of the grade');

export const gradeTrace = z
  .object({
    static: z.array(gradeFactor).describe('Static risk factors (kind, categories)'),
    staticPoints: z.number().min(0).describe('Static points after the static cap'),
    dynamic: z.array(gradeFactor).describe('Dynamic risk factors (its record)'),
    dynamicPoints: z.number().min(0).describe('Dynamic points after the dynamic cap'),
    scoreGrade: riskGrade.describe('The grade the score alone gives'),
    overrides: z
      .array(z.object({ rule: z.string().min(1), label: z.string().min(1), grade: riskGrade }))
      .describe('Overrides that applied (the serious-violation list, a category’s minimum grade)'),
    ruleSetVersion: z.int().min(1),
    day: isoDate.describe('The day it was computed for (record entries are counted in a window before it)'),
  })
  .describe('How the grade was computed');

export const businessRegistered = businessEvent(
  'BusinessRegistered',
  'A business was put on the register, one by one or by an import, and graded',
  {
    address: z.string().min(1).describe('Address (经营地址)'),
    via: z.enum(['api', 'import']).describe('Registered one by one (api) or by an import'),
    importId: z.string().min(1).nullable().describe('The import that registered it; null via the api'),
    trace: gradeTrace,
    registeredBy: personRef.describe('Who registered it'),
  },
);

export const businessDetailsUpdated = businessEvent(
  'BusinessDetailsUpdated',
  'The name, address, licence, kind, categories or area of a business changed',
  {
    changed: z.array(z.string().min(1)).min(1).describe('Which fields changed'),
    via: z.enum(['api', 'import']),
    updatedBy: personRef,
  },
);

export const businessRecordAdded = businessEvent(
  'BusinessRecordAdded',
  'An entry was added to (or voided in) the business’s record: a check, a sample, a complaint, a penalty, a recall. Its grade was recomputed; BusinessGradeChanged follows when the grade moved.',
  { entry: recordEntry, recordedBy: personRef },
);

export const businessGradeChanged = businessEvent(
  'BusinessGradeChanged',
  'The risk grade of a business changed, because an input or the rule set changed',
  {
    previousGrade: riskGrade.describe('The grade before'),
    cause: z
      .string()
      .min(1)
      .describe('What moved it: a record entry (its kind and id), the list, or rule set vN'),
    trace: gradeTrace,
  },
);

export const businessRegraded = businessEvent(
  'BusinessRegraded',
  'The business was graded again without a new input — under a new rule set, when a record entry left the window, or as a new check period began — and its grade did not move',
  { previousScore: z.int().min(0).max(100), trace: gradeTrace },
);

export const businessSeriousViolationListed = businessEvent(
  'BusinessSeriousViolationListed',
  'The business was put on (listed: true) or taken off (false) the serious-violation list (严重违法失信名单)',
  {
    listed: z.boolean(),
    reason: z.string().min(1).describe('The decision and its reference'),
    decidedBy: personRef,
  },
);

export const businessCheckOverdue = businessEvent(
  'BusinessCheckOverdue',
  'A check period ended with fewer checks than the grade requires (found by time, published once per period)',
  {
    period: z.string().min(1).describe('The period, e.g. 2026 or 2025-2026'),
    required: z.int().min(1).describe('Checks its grade required in the period'),
    done: z.int().min(0).describe('Checks recorded in the period'),
  },
);

export const businessEvents = [
  businessRegistered,
  businessDetailsUpdated,
  businessRecordAdded,
  businessGradeChanged,
  businessRegraded,
  businessSeriousViolationListed,
  businessCheckOverdue,
] as const;
