import type { ServiceRoutes } from '@zone-risk/platform';
import type { RouteDeps } from './deps.ts';
import { ledgerImportRoutes } from './imports.ts';
import { itemResourceRoutes } from './item-actions.ts';
import { itemRoutes } from './items.ts';
import { progressRoutes } from './progress.ts';
import { statisticsRoutes } from './statistics.ts';

export type { RouteDeps } from './deps.ts';

/** Every HTTP route of the environment service. */
export function environmentRoutes(deps: RouteDeps): ServiceRoutes {
  return async (app) => {
    await app.register(itemRoutes(deps));
    await app.register(itemResourceRoutes(deps));
    await app.register(progressRoutes(deps));
    await app.register(ledgerImportRoutes(deps));
    await app.register(statisticsRoutes(deps));
  };
}
