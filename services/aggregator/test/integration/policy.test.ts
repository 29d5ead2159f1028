import { eventRegistry } from '@zone-risk/contracts';
import { eventually } from '@zone-risk/testkit';
import t from 'tap';
import { defaultPolicy } from '../../src/domain/default-policy.ts';
import { admin, as, riskOffice, useAggregator } from '../helpers/app.ts';
import { reported } from '../helpers/hazards.ts';
import { collect, waitFor } from '../helpers/kafka.ts';
import { liveDomains } from '../helpers/rectification.ts';
import { allDomainsKnown, statusWhere } from '../helpers/status.ts';

t.test('GET /policy shows the active version with its ETag, to the risk office and admins', async (t) => {
  const harness = await useAggregator(t);
  const app = await harness.start();
  const res = await app.inject({ method: 'GET', url: '/policy', headers: await riskOffice() });
  t.equal(res.statusCode, 200);
  t.equal(res.headers.etag, '"policy.v1"');
  t.match(res.json(), { version: 1, createdBy: 'system', stalenessSeconds: 120, domains: { safety: {} } });
  const inspector = await app.inject({ method: 'GET', url: '/policy', headers: await as(['inspector']) });
  t.equal(inspector.statusCode, 403);
});

t.test(
  'PUT /policy with an invalid document is a 400 listing every problem; only admins may PUT',
  async (t) => {
    const harness = await useAggregator(t);
    const app = await harness.start();
    const notAdmin = await app.inject({
      method: 'PUT',
      url: '/policy',
      headers: await riskOffice(),
      payload: defaultPolicy,
    });
    t.equal(notAdmin.statusCode, 403);

    const broken = structuredClone(defaultPolicy);
    const first = broken.domains.safety?.rules[0];
    if (first) first.where = { colour: 'red' };
    broken.zone.overrides.push({
      id: 'zone.stability.red',
      kind: 'domain-level',
      description: 'no stability domain here',
      domain: 'stability',
      atLeast: 'major',
      level: 'major',
    });
    const res = await app.inject({ method: 'PUT', url: '/policy', headers: await admin(), payload: broken });
    t.equal(res.statusCode, 400);
    t.match(res.headers['content-type'], /application\/problem\+json/);
    const body = res.json() as { errors: { pointer: string; message: string }[] };
    t.same(body.errors.map((e) => e.pointer).sort(), [
      '/domains/safety/rules/0/where/colour',
      `/zone/overrides/${broken.zone.overrides.length - 1}/domain`,
    ]);

    const wrongShape = await app.inject({
      method: 'PUT',
      url: '/policy',
      headers: await admin(),
      payload: { ...defaultPolicy, stalenessSeconds: 'soon', scoreFloors: null },
    });
    t.equal(wrongShape.statusCode, 400);
    t.same((wrongShape.json() as { errors: { pointer: string }[] }).errors.map((e) => e.pointer).sort(), [
      '/scoreFloors',
      '/stalenessSeconds',
    ]);
    const current = await app.inject({ method: 'GET', url: '/policy', headers: await admin() });
    t.equal(current.json().version, 1, 'nothing was stored');
  },
);

t.test('a valid PUT /policy stores the next version and recomputes the status at once', async (t) => {
  const harness = await useAggregator(t);
  const app = await harness.start();
  await harness.send(
    ...liveDomains(),
    reported({ id: 'g-1', version: 1 }),
    reported({ id: 'g-2', version: 1 }),
  );
  const before = await statusWhere(
    app,
    (s) => allDomainsKnown(s) && s.domains.safety?.contributions[0]?.count === 2,
    'two open general hazards',
  );
  t.equal(before.level, 'low', 'two general hazards are below the default threshold of five');
  const published = await collect(t, harness.topics.status);

  const stricter = structuredClone(defaultPolicy);
  stricter.description = 'Yellow from the second open general hazard';
  const general = stricter.domains.safety?.rules[0];
  if (general?.kind === 'count') general.levels = [{ atLeast: 2, level: 'general' }];

  const stale = await app.inject({
    method: 'PUT',
    url: '/policy',
    headers: { ...(await admin()), 'if-match': '"policy.v7"' },
    payload: stricter,
  });
  t.equal(stale.statusCode, 412, 'If-Match naming another version is refused');

  const res = await app.inject({
    method: 'PUT',
    url: '/policy',
    headers: { ...(await admin()), 'if-match': '"policy.v1"' },
    payload: stricter,
  });
  t.equal(res.statusCode, 200);
  t.equal(res.headers.etag, '"policy.v2"');
  const body = res.json() as {
    policy: { version: number; createdBy: string };
    status: { level: string; policyVersion: string; sequence: number };
    rebuildRecommended: boolean;
  };
  t.match(body.policy, { version: 2, createdBy: 'admin-user' });
  t.match(body.status, { level: 'general', policyVersion: '2', sequence: before.sequence + 1 });
  t.equal(body.rebuildRecommended, false, 'the item mapping did not change');

  const points = await app.aggregator.history.series(new Date(Date.now() - 60_000), new Date());
  t.match(points.at(-1), { sequence: before.sequence + 1, level: 'general' });
  const record = await app.aggregator.history.get(before.sequence + 1);
  t.match(record, { trigger: 'policy', causes: [] });
  await eventually(() => {
    const last = published.at(-1);
    waitFor(last?.value.includes('"policyVersion":"2"') === true, 'the change published');
  });
  const event = eventRegistry.parseEvent(JSON.parse(published.at(-1)?.value ?? '{}'));
  t.match(event, { ok: true, event: { aggregateversion: before.sequence + 1, data: { level: 'general' } } });

  const remapped = structuredClone(stricter);
  remapped.domains.safety?.items.hazard?.attributes.push('inspectionId');
  const again = await app.inject({
    method: 'PUT',
    url: '/policy',
    headers: await admin(),
    payload: remapped,
  });
  t.equal(again.statusCode, 200);
  t.equal(again.json().rebuildRecommended, true, 'a changed item mapping asks for a rebuild');
  t.equal(
    again.json().status.sequence,
    before.sequence + 2,
    'a new version is a change, even at the same level',
  );
});
