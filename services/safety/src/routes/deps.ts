import type { Role } from '@zone-risk/auth';
import { sendWithEtag } from '@zone-risk/domain-service';
import type { FastifyReply } from 'fastify';
import type { SafetyContext } from '../commands/context.ts';
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

export function sendHazard(reply: FastifyReply, hazard: Hazard, status = 200) {
  return sendWithEtag(reply, hazard, toHazardView, status);
}
