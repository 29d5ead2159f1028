import { InvalidInput } from '@zone-risk/domain-service/domain';
import { z } from 'zod';

// Money is an integer count of 分 (fen) everywhere: sums and comparisons of plain numbers are exact
// up to Number.MAX_SAFE_INTEGER (about 90 trillion yuan, far above any zone's debt). A product or a
// quotient (interest, a share, 万元) is taken in BigInt and rounded once, so no binary fraction ever
// reaches an amount.

/** A safe integer count of fen (1 yuan = 100 fen); negative only for a difference. */
export type Fen = number;

export const fen = z
  .int()
  .min(0)
  .max(Number.MAX_SAFE_INTEGER)
  .describe('Amount in 分 (fen, 1 yuan = 100 fen)');

export const signedFen = z
  .int()
  .min(Number.MIN_SAFE_INTEGER)
  .max(Number.MAX_SAFE_INTEGER)
  .describe('Signed amount in 分 (fen, 1 yuan = 100 fen), e.g. a difference');

export type AmountUnit = 'yuan' | 'wan';

// 1 万元 = 10,000 yuan = 1,000,000 fen, so a 万元 amount is exact to six decimals.
const UNITS: Record<AmountUnit, { fenPerUnit: bigint; decimals: number; suffix: string }> = {
  yuan: { fenPerUnit: 100n, decimals: 2, suffix: '元' },
  wan: { fenPerUnit: 1_000_000n, decimals: 6, suffix: '万元' },
};

/**
 * What `parseAmount` makes of a text: the fen, or why not, worded to follow a field name. A result
 * rather than a throw, because only the caller knows the field's pointer (a form field, a cell of
 * an import line) and an import collects every bad cell before it refuses.
 */
export type ParsedAmount = { ok: true; fen: Fen } | { ok: false; reason: string };

const FULL_WIDTH = /[０-９．，]/g;
const AMOUNT = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;

/**
 * A non-negative amount typed by a person or found in an imported sheet, in yuan or in 万元:
 * surrounding spaces, full-width digits, `,`/`，` thousands separators and a trailing unit
 * (`元` or `万元`, which must match `unit`) are accepted. More decimals than the unit holds exactly
 * are refused, not rounded: a figure off by a fraction of a fen is a typo to show, not to hide.
 */
export function parseAmount(text: string, unit: AmountUnit): ParsedAmount {
  const { fenPerUnit, decimals, suffix } = UNITS[unit];
  let body = text.replace(FULL_WIDTH, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0)).trim();
  if (body.endsWith('万元')) {
    if (unit !== 'wan') return { ok: false, reason: 'is in 万元, but this field is in 元' };
    body = body.slice(0, -2).trimEnd();
  } else if (body.endsWith('元')) {
    if (unit !== 'yuan') return { ok: false, reason: 'is in 元, but this field is in 万元' };
    body = body.slice(0, -1).trimEnd();
  }
  if (body === '') return { ok: false, reason: 'is empty' };
  if (body.startsWith('-')) return { ok: false, reason: 'is negative; amounts are never below zero' };
  const match = AMOUNT.exec(body);
  if (!match) {
    return {
      ok: false,
      reason: `is not an amount in ${suffix} (digits, optional thousands separators and decimals)`,
    };
  }
  const whole = (match[1] ?? '').replaceAll(',', '');
  const fraction = match[2] ?? '';
  if (fraction.length > decimals) {
    return {
      ok: false,
      reason: `has ${fraction.length} decimals; an amount in ${suffix} has at most ${decimals}`,
    };
  }
  const value = BigInt(whole) * fenPerUnit + BigInt(fraction.padEnd(decimals, '0'));
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
    return {
      ok: false,
      reason: `is above the largest amount kept exactly, ${formatYuan(Number.MAX_SAFE_INTEGER)} 元`,
    };
  }
  return { ok: true, fen: Number(value) };
}

function requireFen(value: Fen | bigint): bigint {
  if (typeof value === 'bigint') return value;
  if (!Number.isSafeInteger(value)) throw new RangeError(`${value} is not a safe integer count of fen`);
  return BigInt(value);
}

const grouped = (digits: string) => digits.replace(/\B(?=(\d{3})+$)/g, ',');

/**
 * `1,234,567.89`: yuan with thousands separators and always two decimals, `-` before a negative.
 * A BigInt is taken too, to name a sum that has left the safe range.
 */
export function formatYuan(value: Fen | bigint): string {
  const amount = requireFen(value);
  const magnitude = amount < 0n ? -amount : amount;
  const cents = String(magnitude % 100n).padStart(2, '0');
  return `${amount < 0n ? '-' : ''}${grouped(String(magnitude / 100n))}.${cents}`;
}

/**
 * `12,345.67`: 万元 to two decimals (the unit is the caller's to print), rounded half-up on the
 * magnitude so a difference shows as the negative of its opposite; `0.00` never carries a sign.
 */
export function formatWan(value: Fen): string {
  const amount = requireFen(value);
  const magnitude = amount < 0n ? -amount : amount;
  const hundredths = (magnitude + 5_000n) / 10_000n;
  const sign = amount < 0n && hundredths > 0n ? '-' : '';
  return `${sign}${grouped(String(hundredths / 100n))}.${String(hundredths % 100n).padStart(2, '0')}`;
}

/** The exact sum, refused when it (or an addend) leaves the safe integer range. */
export function sumFen(values: Iterable<Fen>): Fen {
  let total = 0n;
  for (const value of values) total += requireFen(value);
  return safeFen(total, 'The sum of the amounts');
}

/** `numerator ÷ denominator` fen rounded half-up (away from zero on a tie), as a safe count of fen. */
export function fenHalfUp(numerator: bigint, denominator: bigint): Fen {
  if (denominator <= 0n) throw new RangeError('The denominator of an amount must be positive');
  const magnitude = numerator < 0n ? -numerator : numerator;
  const rounded = (2n * magnitude + denominator) / (2n * denominator);
  return safeFen(numerator < 0n ? -rounded : rounded, 'An amount');
}

/** A BigInt amount as fen, refused beyond the safe range (a sum of absurd inputs, not a bug). */
export function safeFen(value: bigint, what: string): Fen {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new InvalidInput(`${what} is ${value} fen, beyond the ${Number.MAX_SAFE_INTEGER} fen kept exactly`);
  }
  return Number(value);
}
