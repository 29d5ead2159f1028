import type { ServiceRoutes } from '@zone-risk/platform';
import type { RouteDeps } from './caller.ts';
import { importRoutes } from './imports.ts';
import { itemActionRoutes } from './item-actions.ts';
import { itemRoutes } from './items.ts';
import { progressRoutes } from './progress.ts';
import { statisticsRoutes } from './statistics.ts';

export type { RouteDeps } from './caller.ts';

/** Every HTTP route of the environment service. */
export function environmentRoutes(deps: RouteDeps): ServiceRoutes {
  return async (app) => {
    await app.register(itemRoutes(deps));
    await app.register(itemActionRoutes(deps));
    await app.register(progressRoutes(deps));
    await app.register(importRoutes(deps));
    await app.register(statisticsRoutes(deps));
  };
}
