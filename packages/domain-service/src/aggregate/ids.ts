import { createHash, randomBytes } from 'node:crypto';

/**
 * An aggregate (or posting) id. With a seed (the caller's Idempotency-Key, or what the aggregate
 * comes from) the id is derived from it, so a request re-run after a crash finds what its first
 * run created instead of creating it twice.
 */
export function newId(prefix: string, seed?: string): string {
  const body =
    seed === undefined
      ? randomBytes(12).toString('hex')
      : createHash('sha256').update(seed).digest('hex').slice(0, 24);
  return `${prefix}-${body}`;
}
