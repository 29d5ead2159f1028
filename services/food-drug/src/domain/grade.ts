import { addDays, zoneDay } from '@zone-risk/calendar';
import type { Business, CheckStandingState, Grade, GradeTrace, RecordEntry } from './business.ts';
import { checkPeriod, daysInclusive } from './check-frequency.ts';
import { gradeBusiness, nextExpiry } from './grading.ts';
import type { RuleSet } from './rule-set.ts';

/** The rule set in force, with its version. */
export type Rules = RuleSet & { version: number };

export interface Graded {
  grade: Grade;
  score: number;
  trace: GradeTrace;
  regradeOn: string | null;
}

type GradingInput = Pick<Business, 'kind' | 'categories' | 'seriousViolation' | 'record'>;

/** The grade of a business with these inputs on `day`, and when time alone would change it. */
export function graded(input: GradingInput, rules: Rules, day: string): Graded {
  const { grade, score, trace } = gradeBusiness(input, rules, day);
  return { grade, score, trace, regradeOn: nextExpiry(input.record, rules, day) };
}

const checkDates = (record: readonly RecordEntry[]) =>
  record.filter((entry) => entry.kind === 'check' && !entry.void).map((entry) => entry.date);

/**
 * The business's standing in the period that contains `day`: checks required and done, and the
 * first day it falls behind pro rata (序时) unless a check comes — floor(required × elapsed ÷
 * period days) exceeds the checks done once elapsed (counted inclusively) reaches
 * ⌈(done + 1) × period days ÷ required⌉.
 *
 * A business registered during the period owes only its share of it: the period counts from its
 * registration day, and the checks required are floor(required × days left ÷ period days) — one
 * registered in December owes no check that year, a D-grade one registered on 1 July owes one.
 */
export function standingOf(
  grade: Grade,
  record: readonly RecordEntry[],
  rules: Rules,
  day: string,
  registeredOn: string,
): CheckStandingState {
  const period = checkPeriod(grade, day, rules);
  const start = registeredOn > period.start ? registeredOn : period.start;
  const days = daysInclusive(start, period.end);
  const required = Math.floor((period.required * days) / daysInclusive(period.start, period.end));
  const done = checkDates(record).filter((date) => date >= period.start && date <= period.end).length;
  let behindFrom: string | null = null;
  if (required > 0 && done < required) {
    const elapsed = Math.ceil(((done + 1) * days) / required);
    behindFrom = addDays(start, elapsed - 1);
  }
  return { period: period.label, start, end: period.end, required, done, behindFrom };
}

/** Grade and standing together, as every decision that changes an input recomputes them. */
export function assessed(input: GradingInput & { registeredOn: string }, rules: Rules, now: Date) {
  const day = zoneDay(now);
  const grading = graded(input, rules, day);
  return { ...grading, standing: standingOf(grading.grade, input.record, rules, day, input.registeredOn) };
}
