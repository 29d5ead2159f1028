import { z } from 'zod';

/**
 * A development zone's id, such as `demo-zone`: 1-64 lower-case letters, digits and dashes (the
 * same rule as the services' `ZONE_ID`). Every event carries one.
 */
export const zoneId = z
  .string()
  .regex(/^[a-z0-9-]{1,64}$/, { error: 'zone id must be 1-64 lower-case letters, digits and dashes' })
  .describe('Development zone id: 1-64 lower-case letters, digits and dashes');

/** A calendar date without time or zone, `YYYY-MM-DD` (deadlines, maturities, check dates). */
export const isoDate = z.iso.date().describe('Calendar date, YYYY-MM-DD');

/** An instant with an explicit offset, RFC 3339 (`2024-05-01T08:30:00+08:00` or `…Z`). */
export const isoDateTime = z.iso.datetime({ offset: true }).describe('Instant, RFC 3339 with offset');

/**
 * An amount of money in fen (分, 1/100 yuan) as a non-negative integer. Integer fen, not yuan
 * and not a decimal string: sums and comparisons are exact with plain numbers (safe up to about
 * 90 trillion yuan, far above any zone's debt), every consumer reads a JSON number without a
 * decimal library, and a reduction task compares with a repayment without rounding rules.
 */
export const money = z.int().min(0).describe('Amount in fen (1/100 yuan), a non-negative integer');

/** A reference to a person (inspector, supervisor, responsible person): a stable id, a display name. */
export const personRef = z
  .object({
    id: z.string().min(1).describe('Stable id of the person in the identity system'),
    name: z.string().min(1).optional().describe('Display name at the time of the event'),
  })
  .describe('Reference to a person');

export type PersonRef = z.infer<typeof personRef>;
