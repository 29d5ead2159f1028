import { referenceRate } from '@zone-risk/contracts';
import { InvalidInput } from '@zone-risk/domain-service/domain';
import { z } from 'zod';

// An annual rate is an exact decimal, never a binary float: the API carries percent per annum as
// a decimal string of up to 4 decimals ("4.1250" = 4.125 % p.a.), and the domain an integer of
// millionths of one (ppm), so 4 decimals of a percent are exactly 1 ppm and interest is a BigInt
// product divided once.

const PPM_PER_PERCENT = 10_000;
const PPM_PER_BP = 100;
export const MAX_RATE_PPM = 1_000_000;

export const ratePpm = z
  .int()
  .min(0)
  .max(MAX_RATE_PPM)
  .describe('Annual rate in millionths of one (ppm): 3.25 % p.a. = 32500');

const PERCENT = /^(?:100(?:\.0{1,4})?|(?:0|[1-9]\d?)(?:\.\d{1,4})?)$/;

export const percentText = z
  .string()
  .regex(PERCENT, 'must be a percent per annum from 0 to 100 with at most 4 decimals, e.g. "3.25"')
  .describe(
    'Annual rate, percent per annum as a decimal string of up to 4 decimals, e.g. "3.25" or "4.1250"',
  );

/** The ppm of a percent text such as "3.25"; refused unless it is what `percentText` accepts. */
export function parsePercent(text: string): number {
  if (!PERCENT.test(text)) {
    throw new InvalidInput(`"${text}" is not a percent per annum from 0 to 100 with at most 4 decimals`);
  }
  const [whole = '0', fraction = ''] = text.split('.');
  return Number(whole) * PPM_PER_PERCENT + Number(fraction.padEnd(4, '0'));
}

/** The percent text of a rate, with as few decimals as it needs but at least two: 3.25, 4.125, 3.00. */
export function formatPercent(ppm: number): string {
  if (!Number.isSafeInteger(ppm) || ppm < 0) throw new RangeError(`${ppm} is not a rate in ppm`);
  const fraction = String(ppm % PPM_PER_PERCENT)
    .padStart(4, '0')
    .replace(/0{1,2}$/, '');
  return `${Math.floor(ppm / PPM_PER_PERCENT)}.${fraction.padEnd(2, '0')}`;
}

// A floating rate follows a published reference: the 1-year LPR (1年期LPR) for most loans, the
// over-5-year LPR (5年期以上LPR) for long project loans, 3-month SHIBOR for some interbank-priced
// ones; `other` for whatever a contract names (its fixing is still entered by hand).
export { referenceRate };
export type ReferenceRate = z.infer<typeof referenceRate>;

export const floatingRate = z.object({
  reference: referenceRate,
  fixingPpm: ratePpm.describe('The reference rate as fixed for the period, in ppm'),
  spreadBp: z
    .int()
    .min(-10_000)
    .max(10_000)
    .describe('Spread over the reference in basis points (may be negative)'),
});
export type FloatingRate = z.infer<typeof floatingRate>;

/** The rate a floating loan pays: the fixing plus the spread (1 bp = 100 ppm), refused below zero. */
export function effectiveRate({ fixingPpm, spreadBp }: Pick<FloatingRate, 'fixingPpm' | 'spreadBp'>): number {
  if (!ratePpm.safeParse(fixingPpm).success || !Number.isSafeInteger(spreadBp)) {
    throw new InvalidInput(
      'A floating rate needs a fixing from 0 to 100 % in ppm and a whole spread in basis points',
    );
  }
  const rate = fixingPpm + spreadBp * PPM_PER_BP;
  if (rate < 0 || rate > MAX_RATE_PPM) {
    throw new InvalidInput(
      `A fixing of ${formatPercent(fixingPpm)} % with a spread of ${spreadBp} bp gives a rate outside 0 to 100 %`,
    );
  }
  return rate;
}
