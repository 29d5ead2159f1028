import { zoneDay } from '@zone-risk/calendar';
import type { FieldError } from '@zone-risk/platform';
import { ValidationError } from '@zone-risk/platform';
import type { Basis, Enterprise, Grade, Person } from './hazard.ts';
import type { ChecklistTemplate, TemplateItem } from './template.ts';

export type InspectionType = 'routine' | 'special' | 'random' | 'self-check';
export type ItemResult = 'pass' | 'fail' | 'not-applicable';

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
  const errors: FieldError[] = [];
  const bad = (pointer: string, message: string) => errors.push({ location: 'body', pointer, message });

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

  if (errors.length > 0) throw new ValidationError('The inspection is invalid', errors);
  return failures;
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
