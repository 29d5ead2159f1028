import { addDays, isWorkingDay } from '@zone-risk/calendar';

// The dates of a standard schedule. Period ends sit on a grid of whole months from the value date
// (起息日), each computed from the start itself — start + k × months, on the start's day of the
// month or the month's last day when it has fewer — so a 31 January start gives 29 February, then
// 31 March, never a drift to the 29th. When the maturity is off the grid the last period is a
// short stub ending at the maturity. Accrual dates stay unadjusted; only the due date moves.

const DAY_MS = 86_400_000;

/** One accrual period. `fullEnd` is the grid date: later than `end` only for a final stub. */
export interface AccrualPeriod {
  start: string;
  end: string;
  fullEnd: string;
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** `day` plus `months` calendar months, clamped to the last day of the month it lands in. */
export function addMonthsClamped(day: string, months: number): string {
  const [year = 0, month = 1, date = 1] = day.split('-').map(Number);
  const index = year * 12 + (month - 1) + months;
  const landYear = Math.floor(index / 12);
  const landMonth = (index % 12) + 1;
  // Day 0 of the next month is the last day of this one.
  const lastDay = new Date(Date.UTC(landYear, landMonth, 0)).getUTCDate();
  return `${pad(landYear, 4)}-${pad(landMonth, 2)}-${pad(Math.min(date, lastDay), 2)}`;
}

/** Actual days from `from` to `to` (the accrual days of a period from one to the other). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * The due date (付息/还款日) of a period ending on `day`: the next working day when it is not one
 * (the "following" convention). The zone calendar knows weekends only — no public holidays or 调休
 * yet — so a payment falling on 1 October stays there until it does.
 */
export function followingWorkingDay(day: string): string {
  let due = day;
  while (!isWorkingDay(due)) due = addDays(due, 1);
  return due;
}

/**
 * The accrual periods from `start` to `maturity` (start < maturity) of `months` each, at most
 * `limit + 1` of them so a caller can refuse a schedule that is too long without building it.
 */
export function accrualPeriods(
  start: string,
  maturity: string,
  months: number,
  limit: number,
): AccrualPeriod[] {
  const periods: AccrualPeriod[] = [];
  let periodStart = start;
  for (let k = 1; periods.length <= limit; k += 1) {
    const fullEnd = addMonthsClamped(start, k * months);
    const end = fullEnd < maturity ? fullEnd : maturity;
    periods.push({ start: periodStart, end, fullEnd });
    if (end === maturity) break;
    periodStart = end;
  }
  return periods;
}
