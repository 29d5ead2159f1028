import { addWorkingDays, endOfZoneDay, zoneDay } from '@zone-risk/calendar';

/**
 * When a public notice (公示) published at `publishedAt` ends: at the end of the `workingDays`-th
 * working day after the day of publication, in the zone. Published on a Monday with 7 days, it
 * runs Tuesday to the Wednesday of the next week, inclusive.
 */
export function noticeEndsAt(publishedAt: Date, workingDays: number): Date {
  return endOfZoneDay(addWorkingDays(zoneDay(publishedAt), workingDays));
}
