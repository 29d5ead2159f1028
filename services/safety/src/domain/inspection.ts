import { zoneDay } from '@zone-risk/calendar';
import {
  type FactOf,
  hazardGrade,
  type inspectionRecorded,
  inspectionType,
  personRef,
} from '@zone-risk/contracts';
import { type Decision, decided, type FieldReason, InvalidInput } from '@zone-risk/domain-service/domain';
import { z } from 'zod';
import type { Basis, Enterprise, Grade, Person } from './hazard.ts';
import type { ChecklistTemplate, TemplateItem } from './template.ts';

export type InspectionType = z.infer<typeof inspectionType>;
const itemResult = z.enum(['pass', 'fail', 'not-applicable']);
export type ItemResult = z.infer<typeof itemResult>;

export interface ResultInput {
  itemCode: string;
  result: ItemResult;
  note?: string | undefined;
  /** For a failed item: where the hazard is (default: the inspection's location). */
  location?: string | undefined;
  /** For a failed item: overrides the grade the template gives. */
  grade?: Grade | undefined;
  basis?: Basis | undefined;
  deadline?: string | undefined;
}

export interface InspectionInput {
  enterprise: Enterprise;
  type: InspectionType;
  date: string;
  inspectors: Person[];
  templateId: string;
  location?: string | undefined;
  results: ResultInput[];
}

/** A failed item and what the hazard it raises looks like. */
export interface Failure {
  index: number;
  item: TemplateItem;
  result: ResultInput;
  grade: Grade;
  basis: Basis | null;
  location: string;
  description: string;
}

/** Official checks (日常、专项、双随机) need at least two inspectors; a self-check (自查) is the enterprise's own. */
export const MIN_OFFICIAL_INSPECTORS = 2;

/**
 * Checks an inspection against its template and the rules, collecting every problem, and returns
 * the failed items with the hazards they raise.
 */
export function checkInspection(input: InspectionInput, template: ChecklistTemplate, now: Date): Failure[] {
  const errors: FieldReason[] = [];
  const bad = (pointer: string, reason: string) => errors.push({ pointer, reason });

  const distinct = new Set(input.inspectors.map((person) => person.id));
  if (input.type !== 'self-check' && distinct.size < MIN_OFFICIAL_INSPECTORS) {
    bad(
      '/inspectors',
      `an official (${input.type}) inspection needs at least ${MIN_OFFICIAL_INSPECTORS} different inspectors`,
    );
  }
  const today = zoneDay(now);
  if (input.date > today) bad('/date', `must not be after today (${today})`);

  const items = new Map(template.items.map((item) => [item.code, item]));
  const answered = new Set<string>();
  const failures: Failure[] = [];
  input.results.forEach((result, index) => {
    const item = items.get(result.itemCode);
    if (!item) {
      bad(`/results/${index}/itemCode`, `is not an item of template ${template.id}`);
      return;
    }
    if (answered.has(result.itemCode)) bad(`/results/${index}/itemCode`, `answers ${result.itemCode} twice`);
    answered.add(result.itemCode);
    if (result.result !== 'fail') return;
    const note = result.note?.trim();
    if (!note) {
      bad(`/results/${index}/note`, 'is required for a failed item: it describes the hazard');
      return;
    }
    const grade = result.grade ?? (item.majorIfFailed ? 'major' : 'general');
    const basis =
      result.basis ??
      (item.basis.clause ? { standard: item.basis.standard, clause: item.basis.clause } : null);
    if (grade === 'major' && basis === null) {
      bad(`/results/${index}/basis`, 'is required: a major hazard must cite the standard and clause');
    }
    if (result.deadline !== undefined && result.deadline < today) {
      bad(`/results/${index}/deadline`, `must be ${today} or later`);
    }
    failures.push({
      index,
      item,
      result,
      grade,
      basis,
      location: result.location ?? input.location ?? input.enterprise.name,
      description: note,
    });
  });
  const missing = template.items.filter((item) => !answered.has(item.code)).map((item) => item.code);
  if (missing.length > 0)
    bad('/results', `must answer every item of ${template.id}; missing ${missing.join(', ')}`);

  if (errors.length > 0) throw new InvalidInput('The inspection is invalid', errors);
  return failures;
}

const recordedResult = z.object({
  itemCode: z.string(),
  result: itemResult,
  note: z.string().optional(),
  location: z.string().optional(),
  grade: hazardGrade.optional(),
  basis: z.object({ standard: z.string(), clause: z.string() }).optional(),
  deadline: z.string().optional(),
  /** The hazard a failed item raised. */
  hazardId: z.string().nullable(),
});
export type InspectionResult = z.infer<typeof recordedResult>;

/** An inspection (检查) as recorded: its results, and the hazards its failed items raised. */
export const inspectionState = z.object({
  id: z.string(),
  zoneId: z.string(),
  enterprise: z.object({ creditCode: z.string(), name: z.string() }),
  type: inspectionType,
  date: z.string(),
  inspectors: z.array(personRef),
  location: z.string().nullable(),
  template: z.object({ id: z.string(), code: z.string(), version: z.int(), title: z.string() }),
  results: z.array(recordedResult),
  counts: z.object({ pass: z.int(), fail: z.int(), notApplicable: z.int() }),
  hazardIds: z.array(z.string()),
  recordedBy: personRef,
  recordedAt: z.date(),
  version: z.int(),
});
export type Inspection = z.infer<typeof inspectionState>;

/** What InspectionRecorded says beyond the inspection itself: who recorded it. */
export type InspectionFact = FactOf<
  typeof inspectionRecorded,
  Exclude<keyof z.input<(typeof inspectionRecorded)['data']>, 'recordedBy'>
>;

/** 检查: the inspection is recorded, with the ids of the hazards its failed items raised. */
export function recordInspection(
  inspection: Omit<Inspection, 'version'>,
): Decision<Inspection, InspectionFact> {
  return decided(
    { ...inspection, version: 1 },
    { name: 'InspectionRecorded', facts: { recordedBy: inspection.recordedBy } },
  );
}

export function countResults(results: readonly ResultInput[]): {
  pass: number;
  fail: number;
  notApplicable: number;
} {
  return {
    pass: results.filter((r) => r.result === 'pass').length,
    fail: results.filter((r) => r.result === 'fail').length,
    notApplicable: results.filter((r) => r.result === 'not-applicable').length,
  };
}
