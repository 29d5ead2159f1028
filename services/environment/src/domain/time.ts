// Deadlines and notice windows are days in the zone. China keeps one time zone, UTC+08:00, with no
// daylight saving, so the zone's local day is a fixed offset and needs no time-zone database.
// (A minimal local copy of what safety's domain/time.ts also has; see the README.)
const ZONE_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** Where "now" comes from: the system clock in production, a hand-driven one in tests and the seed. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** The zone-local calendar day of an instant, `YYYY-MM-DD`. */
export function zoneDay(instant: Date): string {
  return new Date(instant.getTime() + ZONE_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a day has passed: the end of that day in the zone (deadlines are inclusive). */
export function endOfZoneDay(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS - ZONE_OFFSET_MS);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Monday to Friday. Public holidays and the weekend days worked in their place (调休) are NOT known. */
export function isWorkingDay(day: string): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The `count`-th working day after `day` (not counting `day` itself). */
export function addWorkingDays(day: string, count: number): string {
  let current = day;
  let left = count;
  while (left > 0) {
    current = addDays(current, 1);
    if (isWorkingDay(current)) left -= 1;
  }
  return current;
}

/**
 * When a public notice (公示) published at `publishedAt` ends: at the end of the `workingDays`-th
 * working day after the day of publication, in the zone. Published on a Monday with 7 days, it
 * runs Tuesday to the Wednesday of the next week, inclusive.
 */
export function noticeEndsAt(publishedAt: Date, workingDays: number): Date {
  return endOfZoneDay(addWorkingDays(zoneDay(publishedAt), workingDays));
}
