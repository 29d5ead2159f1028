import { type App, loadConfig } from '@zone-risk/platform';
import { bearer, type TestService as ServiceUnderTest, serviceHarness } from '@zone-risk/testkit';
import { buildDebtApp } from '../../src/app.ts';
import { debtConfigSchema } from '../../src/config.ts';

export const riskOffice = () => bearer(['risk-office'], 'risk-wu', '吴静');

const harness = serviceHarness({
  name: 'debt',
  topicVariable: 'DEBT_TOPIC',
  // The tests sweep by hand; the timer only runs the pass at start.
  env: { SWEEP_SECONDS: '3600' },
  loadConfig: (env) => loadConfig(debtConfigSchema, env),
  build: buildDebtApp,
  resource: { path: '/instruments', collection: 'instruments', reader: riskOffice },
});

export type TestService = ServiceUnderTest<App>;

/**
 * The debt app on this test file's own database and topic, with a hand-driven clock, and a
 * consumer reading that topic from the beginning. Closed when the test ends.
 */
export const { startService, appOn, stored } = harness;
export { json, multipart } from '@zone-risk/testkit';

export const officer = () => bearer(['debt-officer'], 'debt-zhao', '赵敏');
export const supervisor = () => bearer(['debt-supervisor'], 'debt-qian', '钱伟');
export const inspector = () => bearer(['inspector'], 'insp-wang');
export const foodDrugOfficer = () => bearer(['food-drug-officer'], 'fd-liu');
