import { isoDate } from '@zone-risk/contracts';
import { type FieldReason, InvalidInput } from '@zone-risk/domain-service/domain';
import { z } from 'zod';
import { type Fen, fen, formatYuan, safeFen } from './money.ts';
import { MAX_RATE_PPM } from './rate.ts';
import { accrualPeriods, followingWorkingDay } from './schedule-dates.ts';
import { type DayCount, levelPayment, periodInterest } from './schedule-interest.ts';

// Standard repayment schedules (还款计划). Our own code: no maintained JS library generates Chinese
// bond and loan schedules on the zone's working calendar with exact fen arithmetic.
//
// - Dates: see schedule-dates.ts (month grid from the value date, end-of-month clamp, final stub,
//   due dates moved to the following working day); interest: see schedule-interest.ts.
// - Interest of a line accrues on the principal outstanding during its period: principal repaid
//   on a line stops earning from that line's period end.
// - bullet (到期一次还本): interest every period, all principal on the last line.
// - equal-principal (等额本金): floor(principal ÷ n) a line, the remainder fen on the last line.
// - annuity (等额本息): the level payment less the line's interest repays principal (never less than
//   zero, nor more than is outstanding); a zero rate is equal principal with no interest.
// - Whatever the structure, the last line repays all that is outstanding, so principal sums
//   exactly to the principal whatever the rounding did on the way.

export const MAX_SCHEDULE_LINES = 600;

const BULLET_FREQUENCIES = [1, 2] as const;
const FREQUENCIES = [1, 2, 4, 12] as const;

export const repaymentStructure = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('bullet'),
      interestFrequency: z.literal(BULLET_FREQUENCIES).describe('Coupons a year: 1 annual, 2 semi-annual'),
    }),
    z.object({ kind: z.literal('equal-principal'), frequency: z.literal(FREQUENCIES) }),
    z.object({ kind: z.literal('annuity'), frequency: z.literal(FREQUENCIES) }),
  ])
  .describe('bullet 到期一次还本, equal-principal 等额本金, annuity 等额本息; frequency is lines a year');
export type RepaymentStructure = z.infer<typeof repaymentStructure>;

export const dayCount = z
  .enum(['period', 'act-360', 'act-365'])
  .describe('period: rate ÷ frequency a whole period (bonds); act-360 / act-365: actual days (loans)');
export type { DayCount };

export interface ScheduleTerms {
  principal: Fen;
  /** Annual, 0 ..= 1,000,000 ppm. */
  ratePpm: number;
  /** Value date (起息日), YYYY-MM-DD. */
  start: string;
  /** Maturity (到期日), YYYY-MM-DD, after the start. */
  maturity: string;
  structure: RepaymentStructure;
  dayCount: DayCount;
}

export const scheduledPayment = z.object({
  seq: z.int().min(1),
  periodStart: isoDate,
  periodEnd: isoDate,
  dueDate: isoDate.describe('付息/还款日: the period end, or the next working day when it is not one'),
  principal: fen,
  interest: fen,
});
export type ScheduledPayment = z.infer<typeof scheduledPayment>;

const isDate = (text: unknown): text is string => isoDate.safeParse(text).success;
const isFen = (value: unknown): value is Fen => fen.safeParse(value).success;

/** What is wrong with the principal and the dates every schedule shares. */
function baseProblems(terms: Pick<ScheduleTerms, 'principal' | 'start' | 'maturity'>): FieldReason[] {
  const problems: FieldReason[] = [];
  if (!isFen(terms.principal) || terms.principal === 0) {
    problems.push({ pointer: '/principal', reason: 'must be a whole number of fen above zero' });
  }
  if (!isDate(terms.start)) problems.push({ pointer: '/start', reason: 'must be a date YYYY-MM-DD' });
  if (!isDate(terms.maturity)) {
    problems.push({ pointer: '/maturity', reason: 'must be a date YYYY-MM-DD' });
  } else if (isDate(terms.start) && terms.maturity <= terms.start) {
    problems.push({ pointer: '/maturity', reason: `is not after the value date (起息日) ${terms.start}` });
  }
  return problems;
}

// Where each structure keeps its lines a year, and the values it allows.
const FREQUENCY_FIELDS: Record<string, { pointer: string; allowed: readonly number[]; reason: string }> = {
  bullet: {
    pointer: '/structure/interestFrequency',
    allowed: BULLET_FREQUENCIES,
    reason: 'must be 1 (annual) or 2 (semi-annual) coupons a year',
  },
  'equal-principal': {
    pointer: '/structure/frequency',
    allowed: FREQUENCIES,
    reason: 'must be 1, 2, 4 or 12 a year',
  },
  annuity: { pointer: '/structure/frequency', allowed: FREQUENCIES, reason: 'must be 1, 2, 4 or 12 a year' },
};

/** The structure's lines a year, or why not, under the pointer of the field at fault. */
function frequencyOf(structure: RepaymentStructure): {
  pointer: string;
  frequency?: number;
  reason?: string;
} {
  const field = FREQUENCY_FIELDS[structure.kind];
  if (field === undefined) {
    return {
      pointer: '/structure/kind',
      reason: `must be one of ${Object.keys(FREQUENCY_FIELDS).join(', ')}`,
    };
  }
  const frequency = structure.kind === 'bullet' ? structure.interestFrequency : structure.frequency;
  if (field.allowed.includes(frequency)) return { pointer: field.pointer, frequency };
  return { pointer: field.pointer, reason: field.reason };
}

/** The terms' accrual periods and lines a year, or every problem with them at once. */
function checkedTerms(terms: ScheduleTerms) {
  const problems = baseProblems(terms);
  if (!Number.isSafeInteger(terms.ratePpm) || terms.ratePpm < 0 || terms.ratePpm > MAX_RATE_PPM) {
    problems.push({ pointer: '/rate', reason: 'must be from 0 to 100 % a year' });
  }
  if (!dayCount.safeParse(terms.dayCount).success) {
    problems.push({ pointer: '/dayCount', reason: `must be one of ${dayCount.options.join(', ')}` });
  }
  const { pointer, frequency, reason } = frequencyOf(terms.structure);
  if (reason !== undefined) problems.push({ pointer, reason });
  const datesFit = isDate(terms.start) && isDate(terms.maturity) && terms.start < terms.maturity;
  if (frequency !== undefined && datesFit) {
    const periods = accrualPeriods(terms.start, terms.maturity, 12 / frequency, MAX_SCHEDULE_LINES);
    if (periods.length > MAX_SCHEDULE_LINES) {
      const span = `from ${terms.start} to ${terms.maturity}`;
      problems.push({ pointer, reason: `gives more than ${MAX_SCHEDULE_LINES} lines ${span}` });
    } else if (problems.length === 0) {
      return { periods, frequency };
    }
  }
  throw new InvalidInput('A repayment schedule cannot be generated from these terms', problems);
}

/** The standard schedule of `terms`, one line per accrual period; see the rules at the top. */
export function generateSchedule(terms: ScheduleTerms): ScheduledPayment[] {
  const { periods, frequency } = checkedTerms(terms);
  const { structure, ratePpm } = terms;
  const principal = BigInt(terms.principal);
  const count = periods.length;
  const level =
    structure.kind === 'annuity' && ratePpm > 0
      ? BigInt(levelPayment(principal, ratePpm, frequency, count))
      : null;
  const share = principal / BigInt(count);
  let outstanding = principal;
  return periods.map((period, index) => {
    const interest = periodInterest(outstanding, ratePpm, frequency, terms.dayCount, period);
    let repaid: bigint;
    if (index === count - 1) repaid = outstanding;
    else if (structure.kind === 'bullet') repaid = 0n;
    else if (level === null) repaid = share;
    else repaid = clamp(level - BigInt(interest), 0n, outstanding);
    outstanding -= repaid;
    return {
      seq: index + 1,
      periodStart: period.start,
      periodEnd: period.end,
      dueDate: followingWorkingDay(period.end),
      principal: safeFen(repaid, 'A line of principal'),
      interest,
    };
  });
}

const clamp = (value: bigint, low: bigint, high: bigint) => (value < low ? low : value > high ? high : value);

/** A line of a schedule the contract states itself (a non-standard bond or loan). */
export interface CustomLine {
  dueDate: string;
  principal: Fen;
  interest: Fen;
}

/**
 * A contract's own schedule, numbered and given its periods (each from the previous due date, or
 * the value date, to its own due date, taken as contracted: no working-day move). Refused with
 * every problem at once: no lines, a due date not after the one before or outside
 * (start, maturity], an amount that is not whole non-negative fen, principal not summing exactly
 * to the principal.
 */
export function validateCustomSchedule(
  lines: readonly CustomLine[],
  terms: Pick<ScheduleTerms, 'principal' | 'start' | 'maturity'>,
): ScheduledPayment[] {
  const problems = baseProblems(terms);
  if (lines.length === 0) problems.push({ pointer: '/schedule', reason: 'has no lines' });
  let previous: string | null = null;
  let repaid = 0n;
  let amountsWhole = true;
  lines.forEach((line, index) => {
    const at = `/schedule/${index}`;
    if (!isDate(line.dueDate)) {
      problems.push({ pointer: `${at}/dueDate`, reason: 'must be a date YYYY-MM-DD' });
    } else {
      if (line.dueDate <= terms.start) {
        problems.push({
          pointer: `${at}/dueDate`,
          reason: `is not after the value date (起息日) ${terms.start}`,
        });
      } else if (line.dueDate > terms.maturity) {
        problems.push({
          pointer: `${at}/dueDate`,
          reason: `is after the maturity (到期日) ${terms.maturity}`,
        });
      }
      if (previous !== null && line.dueDate <= previous) {
        problems.push({ pointer: `${at}/dueDate`, reason: `is not after the previous due date ${previous}` });
      }
      previous = line.dueDate;
    }
    for (const field of ['principal', 'interest'] as const) {
      if (isFen(line[field])) continue;
      amountsWhole = false;
      problems.push({ pointer: `${at}/${field}`, reason: 'must be a whole number of fen, zero or more' });
    }
    if (isFen(line.principal)) repaid += BigInt(line.principal);
  });
  if (amountsWhole && lines.length > 0 && isFen(terms.principal) && repaid !== BigInt(terms.principal)) {
    const gap = repaid - BigInt(terms.principal);
    problems.push({
      pointer: '/schedule',
      reason: `principal lines sum to ${formatYuan(repaid)} yuan, ${formatYuan(gap < 0n ? -gap : gap)} yuan ${gap < 0n ? 'short of' : 'over'} the principal ${formatYuan(terms.principal)} yuan`,
    });
  }
  if (problems.length > 0) throw new InvalidInput('The repayment schedule does not fit the debt', problems);
  return lines.map((line, index) => ({
    seq: index + 1,
    periodStart: index === 0 ? terms.start : (lines[index - 1]?.dueDate ?? terms.start),
    periodEnd: line.dueDate,
    dueDate: line.dueDate,
    principal: line.principal,
    interest: line.interest,
  }));
}
