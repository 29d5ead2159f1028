// Environment rectification events, produced to their own topic, move the status as the default
// policy says — consumed by the same group as safety's — and join safety's items per enterprise.
import type { App } from '@zone-risk/platform';
import { eventually } from '@zone-risk/testkit';
import t from 'tap';
import { as, useAggregator } from '../helpers/app.ts';
import { enterpriseCode, reported } from '../helpers/hazards.ts';
import {
  itemAccepted,
  itemOverdue,
  liveDomains,
  progressReported,
  registered,
} from '../helpers/rectification.ts';
import { allDomainsKnown, getStatus, statusWhere } from '../helpers/status.ts';

async function get(app: App, url: string) {
  const res = await app.inject({ method: 'GET', url, headers: await as(['risk-office']) });
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res.json();
}

t.test(
  'an overdue central inspection item makes the zone red by override, with a link to the environment service',
  async (t) => {
    const harness = await useAggregator(t, {
      AGGREGATOR_DOMAIN_URLS: 'safety=http://safety.zone.local:3001,environment=http://env.zone.local:3002',
    });
    const app = await harness.start();
    await harness.send(...liveDomains());
    await statusWhere(app, (s) => s.level === 'low', 'both domains alive: blue');

    const central = { id: 'env-central-1', source: 'central-inspection' as const, enterprise: 5 };
    await harness.send(
      registered({ ...central, version: 1 }),
      reported({ id: 'hz-5', version: 1, grade: 'general', enterprise: 5 }),
    );
    let status = await statusWhere(
      app,
      (s) =>
        allDomainsKnown(s) &&
        s.domains.environment?.contributions[0]?.count === 1 &&
        s.domains.safety?.contributions[0]?.count === 1,
      'every domain heard from, one item in each of two',
    );
    t.equal(status.level, 'low', 'one open item per domain is below every threshold');

    await harness.send(itemOverdue({ ...central, version: 2 }));
    status = await statusWhere(app, (s) => s.level === 'major', 'the central item overdue: red');
    t.equal(status.domains.environment?.level, 'major');
    t.equal(status.domains.safety?.level, 'low', 'safety is untouched');
    t.match(status.overrides, [
      {
        rule: 'zone.environment.central-overdue',
        items: [{ domain: 'environment', aggregateType: 'rectification-item', aggregateId: central.id }],
      },
    ]);

    const explained = await get(app, '/status/explain?rule=zone.environment.central-overdue');
    t.match(explained.items, [
      {
        aggregateId: central.id,
        link: `http://env.zone.local:3002/items/${central.id}`,
        label: `整改问题 ${central.id}`,
        attributes: { source: 'central-inspection', overdue: true, status: 'in-progress' },
      },
    ]);

    const overdue = await get(app, '/items?domain=environment&overdue=true');
    t.same(
      overdue.items.map((i: { aggregateId: string }) => i.aggregateId),
      [central.id],
      '/items filters environment items by overdue',
    );

    const enterprise = await get(app, `/enterprises/${enterpriseCode(5)}/risk`);
    t.match(enterprise, { creditCode: enterpriseCode(5), level: 'major' });
    t.same(Object.keys(enterprise.domains).sort(), ['environment', 'safety'], 'one enterprise, both domains');

    await harness.send(itemAccepted({ ...central, version: 3 }));
    status = await statusWhere(app, (s) => s.level === 'low', 'accepted: back to blue');
    t.same(status.overrides, []);
  },
);

t.test('a stale environment feed makes the zone unknown, not blue, while safety is live', async (t) => {
  const harness = await useAggregator(t);
  // Domain windows are policy; a one-second window makes the test quick.
  const app = await harness.start();
  const policy = (await app.inject({ method: 'GET', url: '/policy', headers: await as(['admin']) })).json();
  policy.domains.environment.stalenessSeconds = 1;
  delete policy.version;
  delete policy.createdAt;
  delete policy.createdBy;
  const put = await app.inject({
    method: 'PUT',
    url: '/policy',
    headers: await as(['admin']),
    payload: policy,
  });
  t.equal(put.statusCode, 200, 'the shorter window is stored as a new version');

  await harness.send(...liveDomains());
  const status = await statusWhere(
    app,
    (s) =>
      s.domains.safety?.level === 'low' &&
      s.domains.environment?.freshness.lastHeartbeatAt !== null &&
      s.domains.environment?.level === 'unknown',
    'environment heard from, then stale after a second without a heartbeat',
  );
  t.equal(status.level, 'unknown', 'never blue while a domain is unknown');
  t.equal(status.domains.environment?.freshness.stale, true);
});

t.test(
  'freshness runs on the broker clock: an event dated days ahead does not keep a domain fresh',
  async (t) => {
    const harness = await useAggregator(t);
    const app = await harness.start();
    const twoDaysAhead = new Date(Date.now() + 2 * 86_400_000);
    const sent = Date.now();
    await harness.send(registered({ id: 'env-ahead', version: 1, time: twoDaysAhead }));
    const status = await statusWhere(
      app,
      (s) => s.domains.environment?.freshness.lastEventAt !== null,
      'the environment event applied',
    );
    const lastEventAt = Date.parse(status.domains.environment?.freshness.lastEventAt ?? '');
    t.ok(
      lastEventAt >= sent - 60_000 && lastEventAt <= Date.now() + 60_000,
      `last event at the time Kafka took it (${new Date(lastEventAt).toISOString()}), not the event's own time`,
    );
    t.equal(status.domains.environment?.freshness.stale, false);
  },
);

t.test('on the environment topic too, a redelivered or older event changes nothing', async (t) => {
  const harness = await useAggregator(t);
  const app = await harness.start();
  const item = { id: 'env-redelivered', source: 'central-inspection' as const };
  const v1 = registered({ ...item, version: 1 });
  const v2 = itemOverdue({ ...item, version: 2 });
  await harness.send(...liveDomains(), v1, v2);
  const before = await statusWhere(
    app,
    (s) => allDomainsKnown(s) && s.overrides.some((o) => o.rule === 'zone.environment.central-overdue'),
    'the overdue central item: red',
  );
  // Again, and an acceptance claiming version 2 (already applied), then a marker — the item's next
  // version, same key, same partition, so in order — to know all of it was consumed.
  await harness.send(v1, v2, itemAccepted({ ...item, version: 2 }), v1);
  await harness.send(progressReported({ ...item, version: 3, overdue: true }));
  await eventually(() => {
    const version = app.aggregator.model().items.get(`environment|rectification-item|${item.id}`)?.version;
    if (version !== 3) throw new Error('the marker (version 3) not applied yet');
  });
  const after = await getStatus(app);
  t.equal(after.sequence, before.sequence, 'no change was recorded');
  t.same(after.overrides, before.overrides);
  t.match(app.aggregator.model().items.get(`environment|rectification-item|${item.id}`), {
    version: 3,
    attributes: { overdue: true, status: 'in-progress' },
  });
});
