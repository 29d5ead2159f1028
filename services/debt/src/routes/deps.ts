import type { Role } from '@zone-risk/auth';
import type { DebtRunning } from '../app.ts';
import type { DebtContext } from '../commands/context.ts';
import type { DebtConfig } from '../config.ts';

export interface RouteDeps {
  ctx: DebtContext;
  config: DebtConfig;
  running: DebtRunning;
}

/**
 * Who may do what (admin passes every role check, see @zone-risk/auth). Debt figures are
 * sensitive: every route, reads included, names its roles, and no other role sees them.
 */
export const ROLES = {
  read: ['debt-officer', 'debt-supervisor', 'risk-office'],
  post: ['debt-officer', 'debt-supervisor'],
  supervise: ['debt-supervisor'],
} as const satisfies Record<string, readonly Role[]>;
