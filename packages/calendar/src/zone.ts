// Deadlines (整改期限) and notice windows are calendar days in the zone. China keeps one time zone,
// UTC+08:00, with no daylight saving, so "the zone's local day" is a fixed offset and needs no
// time-zone database (nor the host's TZ setting, which containers leave at UTC).
const ZONE_OFFSET_MS = 8 * 3_600_000;
export const DAY_MS = 86_400_000;

/** The zone-local calendar day of an instant, `YYYY-MM-DD`. */
export function zoneDay(instant: Date): string {
  return new Date(instant.getTime() + ZONE_OFFSET_MS).toISOString().slice(0, 10);
}

/** The zone-local month of an instant, `YYYY-MM` (a statistics bucket). */
export function zoneMonth(instant: Date): string {
  return zoneDay(instant).slice(0, 7);
}

/** The instant a day has passed: the end of that day in the zone (deadlines are inclusive). */
export function endOfZoneDay(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS - ZONE_OFFSET_MS);
}

/** The day `days` after (or before, when negative) `day`, both `YYYY-MM-DD`. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Every month from `fromDay`'s to `toDay`'s, inclusive, as `YYYY-MM`; empty when `toDay` is earlier. */
export function monthsBetween(fromDay: string, toDay: string): string[] {
  const months: string[] = [];
  let year = Number(fromDay.slice(0, 4));
  let month = Number(fromDay.slice(5, 7));
  const last = toDay.slice(0, 7);
  for (;;) {
    const current = `${year}-${String(month).padStart(2, '0')}`;
    if (current > last) return months;
    months.push(current);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
}
