import type { Role } from '@zone-risk/auth';
import type { ChangeOptions } from '@zone-risk/domain-service';
import { etagFor, requireIfMatch } from '@zone-risk/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Caller, EnvironmentContext } from '../commands/context.ts';
import type { ImportRunner } from '../commands/imports.ts';
import type { EnvironmentConfig } from '../config.ts';
import type { Item } from '../domain/item.ts';
import { toItemView } from './views.ts';

export interface RouteDeps {
  ctx: EnvironmentContext;
  config: EnvironmentConfig;
  imports: ImportRunner;
}

/** Who may do what (admin passes every role check, see @zone-risk/auth). */
export const ROLES = {
  read: ['env-staff', 'env-supervisor', 'risk-office'],
  staff: ['env-staff'],
  supervise: ['env-supervisor'],
  /** A recurrence (反弹) may be found by staff on site or by the supervisor. */
  reopen: ['env-staff', 'env-supervisor'],
} as const satisfies Record<string, readonly Role[]>;

export function callerOf(request: FastifyRequest): Caller {
  const { sub, name } = request.principal;
  return { actor: name ? { id: sub, name } : { id: sub }, correlationId: request.id };
}

/** State changes need If-Match with the ETag of the caller's last read: 428 without, 412 when stale. */
export function ifMatch(request: FastifyRequest, id: string): ChangeOptions {
  return { precondition: (version) => requireIfMatch(request, version, { id }), ifMatch: true };
}

export function sendItem(reply: FastifyReply, item: Item, status = 200) {
  return reply.code(status).header('etag', etagFor(item.id, item.version)).send(toItemView(item));
}
