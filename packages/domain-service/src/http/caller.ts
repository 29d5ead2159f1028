import { etagFor, IDEMPOTENCY_HEADER, requireIfMatch } from '@zone-risk/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Caller, ChangeOptions, Versioned } from '../aggregate/writer.ts';

/** The caller of a request: the token's subject (and name) and the request id. */
export function callerOf(request: FastifyRequest): Caller {
  const { sub, name } = request.principal;
  return { actor: name ? { id: sub, name } : { id: sub }, correlationId: request.id };
}

/**
 * The seed for ids a POST creates: the same scope as the platform's Idempotency-Key records (key,
 * caller, method, URL), so a re-run after a crash derives the same ids. Undefined without a key.
 */
export function idSeed(request: FastifyRequest): string | undefined {
  const key = request.headers[IDEMPOTENCY_HEADER];
  if (typeof key !== 'string') return undefined;
  return [key, request.principal.sub, request.method, request.url].join('\u0000');
}

/** State changes need If-Match with the ETag of the caller's last read: 428 without, 412 when stale. */
export function ifMatch(request: FastifyRequest, id: string): ChangeOptions {
  return { precondition: (version) => requireIfMatch(request, version, { id }), ifMatch: true };
}

/**
 * For changes that commute with others (evidence appended, a progress report): If-Match may be
 * left out, and a lost race is then retried; a caller that sends one gets 412 when it is stale.
 */
export function optionalIfMatch(request: FastifyRequest, id: string): ChangeOptions {
  return {
    precondition: (version) => requireIfMatch(request, version, { id, required: false }),
    ifMatch: request.headers['if-match'] !== undefined,
  };
}

/** Sends an aggregate's view with its ETag (what a later change sends back as If-Match). */
export function sendWithEtag<State extends Versioned>(
  reply: FastifyReply,
  state: State,
  view: (state: State) => unknown,
  status = 200,
): FastifyReply {
  return reply.code(status).header('etag', etagFor(state.id, state.version)).send(view(state));
}
