import { type App, loadConfig } from '@zone-risk/platform';
import { bearer, type TestService as ServiceUnderTest, serviceHarness } from '@zone-risk/testkit';
import { buildSafetyApp } from '../../src/app.ts';
import { safetyConfigSchema } from '../../src/config.ts';

export const riskOffice = () => bearer(['risk-office'], 'risk-zhou');

const harness = serviceHarness({
  name: 'safety',
  topicVariable: 'SAFETY_TOPIC',
  // The tests sweep by hand; the timer only runs the pass at start.
  env: { OVERDUE_SWEEP_SECONDS: '3600' },
  loadConfig: (env) => loadConfig(safetyConfigSchema, env),
  build: buildSafetyApp,
  resource: { path: '/hazards', collection: 'hazards', reader: riskOffice },
});

export type TestService = ServiceUnderTest<App>;

/**
 * The safety app on this test file's own database and topic, with a hand-driven clock, and a
 * consumer reading that topic from the beginning. Closed when the test ends.
 */
export const { startService, appOn, act, stored } = harness;
export { json } from '@zone-risk/testkit';

/** Headers with a token for `sub` holding `roles`. */
export const as = bearer;

export const inspector = () => bearer(['inspector'], 'insp-wang', '王磊');
export const inspector2 = () => bearer(['inspector'], 'insp-liu', '刘芳');
export const supervisor = () => bearer(['safety-supervisor'], 'sup-chen', '陈静');
export const admin = () => bearer(['admin'], 'admin-1');
