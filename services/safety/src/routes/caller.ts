import type { Role } from '@zone-risk/auth';
import type { ChangeOptions } from '@zone-risk/domain-service';
import { etagFor, IDEMPOTENCY_HEADER, requireIfMatch } from '@zone-risk/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Caller, SafetyContext } from '../commands/context.ts';
import type { SafetyConfig } from '../config.ts';
import type { Hazard } from '../domain/hazard.ts';
import { toHazardView } from './views.ts';

export interface RouteDeps {
  ctx: SafetyContext;
  config: SafetyConfig;
}

/** Who may do what (admin passes every role check, see @zone-risk/auth). */
export const ROLES = {
  read: ['inspector', 'safety-supervisor', 'risk-office'],
  inspect: ['inspector'],
  supervise: ['safety-supervisor'],
  evidence: ['inspector', 'safety-supervisor'],
  administer: ['admin'],
} as const satisfies Record<string, readonly Role[]>;

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

export function sendHazard(reply: FastifyReply, hazard: Hazard, status = 200) {
  return reply.code(status).header('etag', etagFor(hazard.id, hazard.version)).send(toHazardView(hazard));
}
