import type { ServiceRoutes } from '@zone-risk/platform';
import type { RouteDeps } from './deps.ts';
import { enterpriseRoutes } from './enterprises.ts';
import { hazardResourceRoutes } from './hazard-actions.ts';
import { hazardRoutes } from './hazards.ts';
import { inspectionRoutes } from './inspections.ts';
import { photoRoutes } from './photos.ts';
import { statisticsRoutes } from './statistics.ts';
import { templateRoutes } from './templates.ts';

export type { RouteDeps } from './deps.ts';

/** Every HTTP route of the safety service. */
export function safetyRoutes(deps: RouteDeps): ServiceRoutes {
  return async (app) => {
    await app.register(enterpriseRoutes(deps));
    await app.register(templateRoutes(deps));
    await app.register(inspectionRoutes(deps));
    await app.register(hazardRoutes(deps));
    await app.register(hazardResourceRoutes(deps));
    await app.register(photoRoutes(deps));
    await app.register(statisticsRoutes(deps));
  };
}
