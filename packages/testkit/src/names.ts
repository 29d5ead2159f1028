import { randomBytes } from 'node:crypto';

/**
 * A name no other test file (or earlier run) uses: prefix, process id and random hex.
 * Kept short and lower-case because it ends up in database and topic names.
 */
export function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}
