import { addDays } from '@zone-risk/calendar';
import type { InstrumentFigures } from './figures.ts';
import type { Task } from './task.ts';

// The year's task against time elapsed (序时进度): 40 % of the year gone and 20 % of the task done
// is behind by 20 points. Days are zone days; the day asked for counts as elapsed.
//
// The forecast of the year end is what is done, plus the principal still scheduled this year on
// the debts that count (when repayments count), plus early repayments (提前还款) at the pace they
// came so far this year. Replacements and write-offs are counted when done, not extrapolated:
// each is one approved batch, and a pace drawn from one would promise another.

const yearStart = (year: number) => `${year}-01-01`;
const yearEnd = (year: number) => `${year}-12-31`;

export function daysInYear(year: number): number {
  return (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / 86_400_000;
}

/** Days of the year up to and including `day` (0 before the year, all after it). */
export function elapsedDays(year: number, day: string): number {
  if (day < yearStart(year)) return 0;
  if (day > yearEnd(year)) return daysInYear(year);
  return (Date.parse(`${day}T00:00:00Z`) - Date.UTC(year, 0, 1)) / 86_400_000 + 1;
}

/** `value × num ÷ den`, rounded half up, exact for fen (BigInt). */
export function mulDiv(value: number, num: number, den: number): number {
  if (den === 0) return 0;
  const n = BigInt(value) * BigInt(num);
  const d = BigInt(den);
  return Number((n * 2n + d) / (2n * d));
}

type Reduction = InstrumentFigures['reductions'][number];

/** Every reduction that counts for the task in its year, net of reversals. */
export function reductions(
  task: Pick<Task, 'year' | 'counts'>,
  instruments: readonly InstrumentFigures[],
): Reduction[] {
  const kinds = new Set<string>(task.counts.kinds);
  const types = new Set<string>(task.counts.types);
  return instruments
    .filter((i) => types.has(i.type))
    .flatMap((i) => i.reductions.filter((r) => r.date.startsWith(`${task.year}-`) && kinds.has(r.kind)))
    .sort((a, b) => a.date.localeCompare(b.date));
}

/** Principal still owed this year on the scheduled payments of the debts that count, by due date. */
export function scheduledAhead(
  task: Pick<Task, 'year' | 'counts'>,
  instruments: readonly InstrumentFigures[],
  day: string,
) {
  if (!task.counts.kinds.includes('repayment')) return [];
  const types = new Set<string>(task.counts.types);
  return instruments
    .filter((i) => types.has(i.type))
    .flatMap((i) => i.lines)
    .filter((line) => line.dueDate > day && line.dueDate <= yearEnd(task.year) && line.owedPrincipal > 0)
    .map((line) => ({ date: line.dueDate, amount: line.owedPrincipal }))
    .sort((a, b) => a.date.localeCompare(b.date));
}

export interface Progress {
  year: number;
  target: number;
  done: number;
  expected: number;
  aheadFen: number;
  aheadBp: number;
  behindBp: number;
  forecast: number;
}

export function progressOf(task: Task, instruments: readonly InstrumentFigures[], day: string): Progress {
  const elapsed = elapsedDays(task.year, day);
  const days = daysInYear(task.year);
  const counted = reductions(task, instruments).filter((r) => r.date <= day);
  const done = counted.reduce((sum, r) => sum + r.amount, 0);
  const expected = mulDiv(task.target, elapsed, days);
  const aheadBp = mulDiv(done, 10_000, task.target) - mulDiv(10_000, elapsed, days);
  const unscheduled = counted.filter((r) => r.paced).reduce((sum, r) => sum + r.amount, 0);
  const ahead = scheduledAhead(task, instruments, day).reduce((sum, s) => sum + s.amount, 0);
  const pace = elapsed === 0 ? 0 : mulDiv(unscheduled, days - elapsed, elapsed);
  return {
    year: task.year,
    target: task.target,
    done,
    expected,
    aheadFen: done - expected,
    aheadBp,
    behindBp: Math.max(0, -aheadBp),
    forecast: done + ahead + pace,
  };
}

export interface BurnDownPoint {
  date: string;
  expected: number;
  actual: number | null;
  forecast: number | null;
}

/**
 * One point a day from 1 January to 31 December: the expected line for every day, the actual
 * line up to `day`, the forecast from `day` on (done, plus what is scheduled by each date, plus
 * the unscheduled pace).
 */
export function burnDown(
  task: Task,
  instruments: readonly InstrumentFigures[],
  day: string,
): BurnDownPoint[] {
  const days = daysInYear(task.year);
  const elapsed = elapsedDays(task.year, day);
  const counted = reductions(task, instruments).filter((r) => r.date <= day);
  const unscheduled = counted.filter((r) => r.paced).reduce((sum, r) => sum + r.amount, 0);
  const ahead = scheduledAhead(task, instruments, day);
  const points: BurnDownPoint[] = [];
  let actual = 0;
  let next = 0;
  let scheduled = 0;
  let nextAhead = 0;
  for (let i = 0; i < days; i += 1) {
    const date = addDays(yearStart(task.year), i);
    while (next < counted.length && (counted[next]?.date ?? '') <= date)
      actual += counted[next++]?.amount ?? 0;
    while (nextAhead < ahead.length && (ahead[nextAhead]?.date ?? '') <= date)
      scheduled += ahead[nextAhead++]?.amount ?? 0;
    const past = date <= day;
    const forecast =
      date >= day
        ? actual + scheduled + (elapsed === 0 ? 0 : mulDiv(unscheduled, i + 1 - elapsed, elapsed))
        : null;
    points.push({ date, expected: mulDiv(task.target, i + 1, days), actual: past ? actual : null, forecast });
  }
  return points;
}
