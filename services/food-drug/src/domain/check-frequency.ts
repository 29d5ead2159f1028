import { isoDate } from '@zone-risk/contracts';
import { InvalidInput } from '@zone-risk/domain-service/domain';
import type { Grade, RuleSet } from './rule-set.ts';

// Check frequency (检查频次): a grade requires `checks` supervision checks per period of `years`
// calendar years. Periods are aligned on 2000: a period starts in a year Y with (Y − 2000) %
// years === 0, so with two years every business's period is 2026–2027, 2028–2029, … The same
// period for every business makes the zone's plan and its statistics line up, and the period
// containing a day never moves as time passes or as the business is re-registered; a business's
// own start date (its licence, its grading) would give each its own calendar and none to compare.

export interface CheckPeriod {
  /** `2026`, or `2026-2027` for a period of two years. */
  label: string;
  /** First day, YYYY-01-01. */
  start: string;
  /** Last day, YYYY-12-31, inclusive. */
  end: string;
  /** Checks the grade requires in the period. */
  required: number;
}

const ALIGNED_ON = 2000;

function requireDay(day: string, pointer: string): void {
  if (!isoDate.safeParse(day).success) {
    throw new InvalidInput('A day of the check frequency is not a date', [
      { pointer, reason: 'must be YYYY-MM-DD' },
    ]);
  }
}

/** Days from `from` to `to` inclusive (1 when they are the same day, 0 when `to` is earlier). */
export function daysInclusive(from: string, to: string): number {
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
  return Math.max(days, 0);
}

/** The period of `grade`'s frequency that contains `day`. */
export function checkPeriod(grade: Grade, day: string, rules: Pick<RuleSet, 'checkFrequency'>): CheckPeriod {
  requireDay(day, '/day');
  const { checks, years } = rules.checkFrequency[grade];
  const year = Number(day.slice(0, 4));
  const first = year - ((((year - ALIGNED_ON) % years) + years) % years);
  const last = first + years - 1;
  return {
    label: years === 1 ? String(first) : `${first}-${last}`,
    start: `${first}-01-01`,
    end: `${last}-12-31`,
    required: checks,
  };
}

export interface CheckStanding {
  period: CheckPeriod;
  required: number;
  /** Checks dated within the period, its first and last day included. */
  done: number;
  /** Checks due by `day` pro rata (序时进度): ⌊required × elapsed days ÷ period days⌋. */
  dueByNow: number;
  /** Fewer checks done than due by now. */
  behind: boolean;
  /** `day` is after the period's last day. */
  ended: boolean;
}

/**
 * Where a business stands on `day` against its grade's frequency: in the period that contains
 * `day`, or in `period` when given (the one it was in, for a sweeper that runs after it ended).
 * Elapsed days count inclusively, the period's first day being day 1, and stop at its end; so
 * a check is due pro rata only once the share of the period that passed earns a whole check, and
 * the last check is due only on the period's last day.
 */
/** Checks due by `day` pro rata (序时): floor(required × days elapsed ÷ period days), elapsed inclusive. */
export function dueByDay(required: number, start: string, end: string, day: string): number {
  const days = daysInclusive(start, end);
  return Math.floor((required * Math.min(daysInclusive(start, day), days)) / days);
}

export function checkStanding(
  grade: Grade,
  checkDates: readonly string[],
  day: string,
  rules: Pick<RuleSet, 'checkFrequency'>,
  period: CheckPeriod = checkPeriod(grade, day, rules),
): CheckStanding {
  requireDay(day, '/day');
  checkDates.forEach((date, index) => {
    requireDay(date, `/checkDates/${index}`);
  });
  const done = checkDates.filter((date) => date >= period.start && date <= period.end).length;
  const dueByNow = dueByDay(period.required, period.start, period.end, day);
  return {
    period,
    required: period.required,
    done,
    dueByNow,
    behind: done < dueByNow,
    ended: day > period.end,
  };
}

export interface PeriodOutcome {
  period: CheckPeriod;
  required: number;
  done: number;
  /** The period ended with fewer checks than required: the business is check-overdue. */
  short: boolean;
}

/**
 * How the period of `grade` containing `dayInPeriod` (usually its last day) ended: for the sweeper
 * that, once a period is over, marks a business check-overdue (BusinessCheckOverdue) when it fell
 * short. Checks count by their date, so one recorded late but dated in the period still counts.
 */
export function periodShort(
  grade: Grade,
  checkDates: readonly string[],
  dayInPeriod: string,
  rules: Pick<RuleSet, 'checkFrequency'>,
): PeriodOutcome {
  const period = checkPeriod(grade, dayInPeriod, rules);
  const { required, done } = checkStanding(grade, checkDates, period.end, rules, period);
  return { period, required, done, short: done < required };
}
