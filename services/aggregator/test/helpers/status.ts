import type { App } from '@zone-risk/platform';
import { eventually } from '@zone-risk/testkit';
import type { CurrentStatus } from '../../src/engine/aggregator.ts';
import { as } from './app.ts';

/** GET /status as the risk office sees it. */
export async function getStatus(app: App): Promise<CurrentStatus> {
  const res = await app.inject({ method: 'GET', url: '/status', headers: await as(['risk-office']) });
  if (res.statusCode !== 200) throw new Error(`GET /status answered ${res.statusCode}: ${res.body}`);
  return res.json() as CurrentStatus;
}

/** Polls GET /status until `check` accepts it (generous timeout: CI runs files in parallel on 2 cores). */
export async function statusWhere(
  app: App,
  check: (status: CurrentStatus) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<CurrentStatus> {
  return eventually(
    async () => {
      const status = await getStatus(app);
      if (!check(status)) throw new Error(`still waiting for ${what}; status is ${JSON.stringify(status)}`);
      return status;
    },
    { timeoutMs, intervalMs: 50 },
  );
}

/** The parts of a status that must be equal when two models hold the same events. */
export function essence(status: CurrentStatus) {
  return {
    level: status.level,
    score: status.score,
    policyVersion: status.policyVersion,
    overrides: status.overrides,
    domains: Object.fromEntries(
      Object.entries(status.domains).map(([name, d]) => [
        name,
        { level: d.level, score: d.score, contributions: d.contributions, freshness: d.freshness },
      ]),
    ),
  };
}

/**
 * Every domain of the policy has been heard from. The heartbeats of two domains come on two topics,
 * maybe in two batches; a test comparing sequences waits for both first.
 */
export function allDomainsKnown(status: CurrentStatus): boolean {
  return Object.values(status.domains).every((domain) => domain.level !== 'unknown');
}
