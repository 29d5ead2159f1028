import { type App, loadConfig } from '@zone-risk/platform';
import { bearer, type TestService as ServiceUnderTest, serviceHarness } from '@zone-risk/testkit';
import type { LightMyRequestResponse } from 'fastify';
import { buildSafetyApp } from '../../src/app.ts';
import { safetyConfigSchema } from '../../src/config.ts';

const harness = serviceHarness({
  name: 'safety',
  topicVariable: 'SAFETY_TOPIC',
  // The tests sweep by hand; the timer only runs the pass at start.
  env: { OVERDUE_SWEEP_SECONDS: '3600' },
  loadConfig: (env) => loadConfig(safetyConfigSchema, env),
  build: buildSafetyApp,
});

export type TestService = ServiceUnderTest<App>;

/**
 * The safety app on this test file's own database and topic, with a hand-driven clock, and a
 * consumer reading that topic from the beginning. Closed when the test ends.
 */
export const startService = harness.startService;

/** Another instance on the same database and topic: a restart, or a second replica. */
export const appOn = harness.appOn;

/** Headers with a token for `sub` holding `roles`. */
export const as = bearer;

export const inspector = () => bearer(['inspector'], 'insp-wang', '王磊');
export const inspector2 = () => bearer(['inspector'], 'insp-liu', '刘芳');
export const supervisor = () => bearer(['safety-supervisor'], 'sup-chen', '陈静');
export const riskOffice = () => bearer(['risk-office'], 'risk-zhou');
export const admin = () => bearer(['admin'], 'admin-1');

export function json<T = Record<string, unknown>>(response: LightMyRequestResponse): T {
  return response.json() as T;
}

/** GET the hazard, then POST the action with its ETag as If-Match. */
export async function act(
  app: App,
  id: string,
  action: string,
  body: Record<string, unknown>,
  headers: Record<string, string>,
): Promise<LightMyRequestResponse> {
  const current = await app.inject({ method: 'GET', url: `/hazards/${id}`, headers: await riskOffice() });
  return app.inject({
    method: 'POST',
    url: `/hazards/${id}/${action}`,
    headers: { ...headers, 'if-match': String(current.headers.etag) },
    payload: body,
  });
}

/** The stored document, as the store has it. */
export async function stored(service: TestService, id: string) {
  const db = service.db.connection.db;
  if (!db) throw new Error('not connected');
  return db.collection('hazards').findOne({ _id: id as never });
}
