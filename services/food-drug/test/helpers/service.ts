import { type App, loadConfig } from '@zone-risk/platform';
import { bearer, type TestService as ServiceUnderTest, serviceHarness } from '@zone-risk/testkit';
import { buildFoodDrugApp } from '../../src/app.ts';
import { foodDrugConfigSchema } from '../../src/config.ts';

export const riskOffice = () => bearer(['risk-office'], 'risk-wu');

const harness = serviceHarness({
  name: 'food-drug',
  topicVariable: 'FOOD_DRUG_TOPIC',
  // The tests sweep by hand; the timer only runs the pass at start.
  env: { SWEEP_SECONDS: '3600' },
  loadConfig: (env) => loadConfig(foodDrugConfigSchema, env),
  build: buildFoodDrugApp,
  resource: { path: '/disposal-cases', collection: 'disposal_cases', reader: riskOffice },
});

export type TestService = ServiceUnderTest<App>;

/**
 * The food-drug app on this test file's own database and topic, with a hand-driven clock, and a
 * consumer reading that topic from the beginning. Closed when the test ends.
 */
export const { startService, appOn, stored } = harness;
export { json, multipart } from '@zone-risk/testkit';

export const officer = () => bearer(['food-drug-officer'], 'fd-liu', '刘洋');
export const colleague = () => bearer(['food-drug-officer'], 'fd-sun', '孙敏');
export const supervisor = () => bearer(['food-drug-supervisor'], 'fd-gao', '高峰');
/** A supervisor who also works cases: the officer of a case cannot close it. */
export const workingSupervisor = () => bearer(['food-drug-supervisor'], 'fd-liu', '刘洋');
export const inspector = () => bearer(['inspector'], 'insp-wang');

/** GET `path/id`, then POST the action with its ETag as If-Match. */
export async function act(
  app: App,
  path: string,
  id: string,
  action: string,
  body: Record<string, unknown>,
  headers: Record<string, string>,
) {
  const current = await app.inject({ method: 'GET', url: `${path}/${id}`, headers: await riskOffice() });
  return app.inject({
    method: 'POST',
    url: `${path}/${id}/${action}`,
    headers: { ...headers, 'if-match': String(current.headers.etag) },
    payload: body,
  });
}
