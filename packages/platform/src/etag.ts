import type { FastifyRequest } from 'fastify';
import { PreconditionFailedError, PreconditionRequiredError } from './errors.ts';

/**
 * A strong entity tag for version `version` of resource `id`: `"<id>.v<version>"`. Strong, because
 * If-Match compares strongly (RFC 9110 §13.1.1) and the version changes with every write.
 */
export function etagFor(id: string | { toString(): string }, version: number): string {
  return `"${String(id)}.v${version}"`;
}

/** The version an entity tag names, accepting our tags, a bare `"3"` and (leniently) weak `W/` forms. */
export function versionFromEtag(tag: string): number | undefined {
  const match = /^(?:W\/)?"(?:.*\.v)?(\d+)"$/.exec(tag.trim());
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

export interface IfMatchOptions {
  /** When false, a request without If-Match passes (last write wins). Default true: 428. */
  required?: boolean;
  /** The resource id, so the 412 can carry the current ETag. */
  id?: string | { toString(): string };
}

/**
 * Guards a write against lost updates: throws 428 without If-Match (unless not required) and 412
 * when no listed tag names `currentVersion`. Both problems carry `currentVersion`.
 */
export function requireIfMatch(
  request: FastifyRequest,
  currentVersion: number,
  options: IfMatchOptions = {},
): void {
  const header = request.headers['if-match'];
  if (header === undefined || header.trim() === '') {
    if (options.required === false) return;
    throw new PreconditionRequiredError('Send If-Match with the ETag you last read', {
      extensions: { currentVersion },
    });
  }
  if (header.trim() === '*') return;
  const matches = header.split(',').some((tag) => versionFromEtag(tag) === currentVersion);
  if (matches) return;
  throw new PreconditionFailedError(
    `The resource is at version ${currentVersion}; read it again and reapply your change`,
    {
      extensions: { currentVersion },
      headers: options.id === undefined ? {} : { etag: etagFor(options.id, currentVersion) },
    },
  );
}
