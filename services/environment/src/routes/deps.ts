import type { Role } from '@zone-risk/auth';
import { sendWithEtag } from '@zone-risk/domain-service';
import type { ImportRunner } from '@zone-risk/imports';
import type { FastifyReply } from 'fastify';
import type { EnvironmentContext } from '../commands/context.ts';
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

export function sendItem(reply: FastifyReply, item: Item, status = 200) {
  return sendWithEtag(reply, item, toItemView, status);
}
