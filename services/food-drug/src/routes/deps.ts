import type { Role } from '@zone-risk/auth';
import type { FoodDrugRunning } from '../app.ts';
import type { FoodDrugContext } from '../commands/context.ts';
import type { FoodDrugConfig } from '../config.ts';

export interface RouteDeps {
  ctx: FoodDrugContext;
  config: FoodDrugConfig;
  running: FoodDrugRunning;
}

/** Who may do what (admin passes every role check, see @zone-risk/auth). */
export const ROLES = {
  read: ['food-drug-officer', 'food-drug-supervisor', 'risk-office'],
  officer: ['food-drug-officer', 'food-drug-supervisor'],
  supervise: ['food-drug-supervisor'],
} as const satisfies Record<string, readonly Role[]>;
