import { type FieldReason, InvalidInput } from '@zone-risk/domain-service/domain';

// The seed of a draw. A public value (a lottery result of a named day) is written in many ways —
// "03 11 17 22 28 31 + 09", "3,11,17,22,28,31/9", full-width digits from a Chinese page — and
// everyone who types it must hash the same text, so it is brought to one canonical spelling
// first (the idea of RFC 3797 §3.2; the form here is our own, docs/draws.md).

export type SeedInput =
  | { kind: 'public'; value: string; source: string; drawDate: string }
  | { kind: 'server'; value: string };

export interface NormalisedSeed {
  kind: 'public' | 'server';
  /** The text the pick hashes. */
  value: string;
  /** Public seeds: which value it is, e.g. 中国福利彩票双色球. */
  source: string | null;
  /** Public seeds: the day it was drawn, YYYY-MM-DD. */
  drawDate: string | null;
}

export const MAX_SEED_LENGTH = 500;
export const MAX_SOURCE_LENGTH = 200;
export const SERVER_SEED_BYTES = 32;

/** Groups of numbers are separated by these (after NFKC, so ＋ and ／ count too). */
const GROUP_SEPARATOR = /[+/|;]/;
// Only digits, punctuation, symbols and spaces: a list of numbers.
const NUMERIC = /^[0-9\p{P}\p{S}\p{Z}\s]*$/u;

const tidy = (text: string) => text.normalize('NFKC').replace(/\s+/gu, ' ').trim();

/**
 * The public value in canonical form. A value of numbers becomes each number without leading
 * zeros followed by ".", each group (split at + / | ;) followed by "/":
 * "03 11 17 22 28 31 + 09" → "3.11.17.22.28.31./9./". Numbers keep the order they are written in
 * (for some games the order is the result). Anything else (letters, e.g. a block hash) is kept as
 * text, in lower case, with spaces collapsed. Empty when there is no digit or letter at all.
 */
export function canonicalPublicValue(value: string): string {
  const text = tidy(value);
  if (!/[\p{L}\p{N}]/u.test(text)) return '';
  if (!NUMERIC.test(text) || !/[0-9]/.test(text)) return text.toLowerCase();
  return text
    .split(GROUP_SEPARATOR)
    .map((group) => (group.match(/[0-9]+/g) ?? []).map((n) => `${n.replace(/^0+(?=[0-9])/, '')}.`).join(''))
    .filter((group) => group !== '')
    .map((group) => `${group}/`)
    .join('');
}

/**
 * A seed as the pick uses it. Public: the value in canonical form, with the source named and the
 * day it was drawn. Server: 64 hex digits (32 bytes), in lower case.
 * @throws InvalidInput for an empty or over-long value, a missing source, a malformed day or a
 * server seed that is not 32 bytes of hex.
 */
export function normaliseSeed(seed: SeedInput): NormalisedSeed {
  const reasons: FieldReason[] = [];
  if (seed.value.trim().length > MAX_SEED_LENGTH) {
    reasons.push({ pointer: '/value', reason: `must be at most ${MAX_SEED_LENGTH} characters` });
  }
  if (seed.kind === 'server') {
    const value = seed.value.trim().toLowerCase();
    if (reasons.length === 0 && !/^[0-9a-f]{64}$/.test(value)) {
      reasons.push({ pointer: '/value', reason: `must be ${SERVER_SEED_BYTES} bytes as 64 hex digits` });
    }
    if (reasons.length > 0) throw new InvalidInput('The server seed is not usable', reasons);
    return { kind: 'server', value, source: null, drawDate: null };
  }

  const value = reasons.length === 0 ? canonicalPublicValue(seed.value) : '';
  if (reasons.length === 0 && value === '') {
    reasons.push({
      pointer: '/value',
      reason: 'is empty: give the public value as published, e.g. 03 11 17 22 28 31 + 09',
    });
  }
  const source = tidy(seed.source);
  if (source === '')
    reasons.push({ pointer: '/source', reason: 'must name the public value, e.g. 中国福利彩票双色球' });
  else if (source.length > MAX_SOURCE_LENGTH)
    reasons.push({ pointer: '/source', reason: `must be at most ${MAX_SOURCE_LENGTH} characters` });
  if (!isDay(seed.drawDate))
    reasons.push({ pointer: '/drawDate', reason: 'must be the day the value was drawn, YYYY-MM-DD' });
  if (reasons.length > 0) throw new InvalidInput('The public seed is not usable', reasons);
  return { kind: 'public', value, source, drawDate: seed.drawDate };
}

/** A server seed: `SERVER_SEED_BYTES` bytes from `random` (the CSPRNG, `crypto.randomBytes`), as hex. */
export function serverSeed(random: (size: number) => Uint8Array): string {
  const bytes = random(SERVER_SEED_BYTES);
  if (bytes.length !== SERVER_SEED_BYTES) {
    throw new TypeError(`serverSeed: the random source gave ${bytes.length} bytes, not ${SERVER_SEED_BYTES}`);
  }
  return Buffer.from(bytes).toString('hex');
}

function isDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const day = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === text;
}
