import { type App, loadConfig } from '@zone-risk/platform';
import { bearer, type TestService as ServiceUnderTest, serviceHarness } from '@zone-risk/testkit';
import { buildEnvironmentApp } from '../../src/app.ts';
import { environmentConfigSchema } from '../../src/config.ts';

export const riskOffice = () => bearer(['risk-office'], 'risk-wu');

const harness = serviceHarness({
  name: 'environment',
  topicVariable: 'ENVIRONMENT_TOPIC',
  // The tests sweep by hand; the timer only runs the pass at start.
  env: { SWEEP_SECONDS: '3600' },
  loadConfig: (env) => loadConfig(environmentConfigSchema, env),
  build: buildEnvironmentApp,
  resource: { path: '/items', collection: 'items', reader: riskOffice },
});

export type TestService = ServiceUnderTest<App>;

/**
 * The environment app on this test file's own database and topic, with a hand-driven clock, and a
 * consumer reading that topic from the beginning. Closed when the test ends.
 */
export const { startService, appOn, act, stored } = harness;
export { json, multipart } from '@zone-risk/testkit';

/** Headers with a token for `sub` holding `roles`. */
export const as = bearer;

export const staff = () => bearer(['env-staff'], 'env-li', '李娜');
export const supervisor = () => bearer(['env-supervisor'], 'env-zhou', '周强');
export const inspector = () => bearer(['inspector'], 'insp-wang');
