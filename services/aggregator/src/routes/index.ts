import type { TokenVerifier } from '@zone-risk/auth';
import type { ServiceRoutes } from '@zone-risk/platform';
import type { Aggregator } from '../engine/aggregator.ts';
import { drillDownRoutes } from './drill-down.ts';
import { policyRoutes } from './policy.ts';
import { statusRoutes } from './status.ts';
import { streamRoutes } from './stream.ts';

export interface RouteDeps {
  aggregator: Aggregator;
  verifier: TokenVerifier;
  sseHeartbeatMs: number;
}

/** Every route of the aggregator. */
export function aggregatorRoutes(deps: RouteDeps): ServiceRoutes {
  return async (app) => {
    await app.register(statusRoutes(deps.aggregator));
    await app.register(drillDownRoutes(deps.aggregator));
    await app.register(policyRoutes(deps.aggregator));
    await app.register(streamRoutes(deps.aggregator, deps.verifier, deps.sseHeartbeatMs));
  };
}
