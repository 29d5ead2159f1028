import { type Clock, shiftedClock, systemClock } from '@zone-risk/calendar';
import type { Logger } from 'pino';
import { z } from 'zod';

/**
 * `CLOCK_SHIFT_DAYS`, for a service whose rules read the time (deadlines, notice windows): add it to
 * the service's schema and refine the schema with `refuseClockShiftInProduction`.
 */
export const clockShiftDays = z.coerce
  .number()
  .int()
  .min(0)
  .max(3650)
  .default(0)
  .describe(
    "Moves the service's clock this many days forward, for demos and end-to-end tests that need a deadline to pass; refused when NODE_ENV=production",
  );

/**
 * A shifted clock in production would fire deadlines early and date every event wrongly. Checked in
 * the schema (`.superRefine`), so loadConfig stops the process before it connects to anything.
 */
export function refuseClockShiftInProduction(
  config: { NODE_ENV: string; CLOCK_SHIFT_DAYS: number },
  ctx: z.RefinementCtx,
): void {
  if (config.NODE_ENV === 'production' && config.CLOCK_SHIFT_DAYS !== 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['CLOCK_SHIFT_DAYS'],
      message: 'must be 0 when NODE_ENV=production',
    });
  }
}

/** The system clock, shifted `days` forward when asked — with a warning, since every event is then dated ahead. */
export function configuredClock(days: number, logger: Logger): Clock {
  if (days === 0) return systemClock;
  logger.warn({ clockShiftDays: days }, `the clock is shifted ${days} days forward (CLOCK_SHIFT_DAYS)`);
  return shiftedClock(systemClock, days);
}
