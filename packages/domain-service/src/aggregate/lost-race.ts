import type { OutboxConflictError } from '@zone-risk/messaging';
import { ConflictError, etagFor, PreconditionFailedError } from '@zone-risk/platform';

/**
 * The answer to a change whose write lost the race on the aggregate's version. A caller that named
 * the version it read (If-Match) decided on something it no longer holds: 412 with the current
 * ETag, to read again and reapply. Anyone else gets 409. Both carry `currentVersion` when known.
 */
export function lostRace(noun: string, id: string, error: OutboxConflictError, ifMatch: boolean): Error {
  const current = error.actualVersion;
  const extensions = current === undefined ? {} : { currentVersion: current };
  if (ifMatch) {
    return new PreconditionFailedError(
      `${noun} ${id} changed while your request ran; read it again and reapply your change`,
      { extensions, headers: current === undefined ? {} : { etag: etagFor(id, current) } },
    );
  }
  return new ConflictError(
    `${noun} ${id} changed while your request ran; read it again and retry`,
    extensions,
  );
}
