import { addDays } from './zone.ts';

/**
 * Monday to Friday. Public holidays and the weekend days worked in their place (调休) are NOT
 * known: the State Council announces them a year at a time, and no holiday calendar is kept yet.
 */
export function isWorkingDay(day: string): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The `count`-th working day after `day` (not counting `day` itself), `YYYY-MM-DD`. */
export function addWorkingDays(day: string, count: number): string {
  let current = day;
  let left = count;
  while (left > 0) {
    current = addDays(current, 1);
    if (isWorkingDay(current)) left -= 1;
  }
  return current;
}
