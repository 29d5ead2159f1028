// Food and drug events, produced to their own topic and consumed by the same group as safety's and
// environment's, move the zone status as the default policy says, with links to the food-drug
// service for the drill-down.
import type { App } from '@zone-risk/platform';
import t from 'tap';
import { as, useAggregator } from '../helpers/app.ts';
import {
  businessId,
  businessRegisteredEvent,
  caseClosed,
  caseOpened,
  caseOverdue,
  checkOverdue,
  investigationStarted,
  sampleRecordedEvent,
} from '../helpers/food-drug.ts';
import { enterpriseCode, reported } from '../helpers/hazards.ts';
import { liveDomains } from '../helpers/rectification.ts';
import { allDomainsKnown, statusWhere } from '../helpers/status.ts';

const URLS =
  'safety=http://safety.zone.local:3001,environment=http://env.zone.local:3002,food-drug=http://fd.zone.local:3003';

async function get(app: App, url: string) {
  const res = await app.inject({ method: 'GET', url, headers: await as(['risk-office']) });
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res.json();
}

const caseRef = (id: string) => ({ domain: 'food-drug', aggregateType: 'disposal-case', aggregateId: id });

t.test(
  'a disposal case at a school canteen: open → yellow, overdue → red by override with a link to the food-drug service, closed → blue',
  async (t) => {
    const harness = await useAggregator(t, { AGGREGATOR_DOMAIN_URLS: URLS });
    const app = await harness.start();
    await harness.send(...liveDomains());
    await statusWhere(app, (s) => s.level === 'low', 'every domain alive: blue');

    const canteen = { id: 'case-smp-1', enterprise: 12, categories: ['school-canteen' as const] };
    const opened = caseOpened({ ...canteen, version: 1 });
    await harness.send(opened);
    let status = await statusWhere(app, (s) => s.level === 'general', 'an open disposal case: yellow');
    const foodDrug = status.domains['food-drug'];
    t.match(foodDrug, { level: 'general', score: 25, freshness: { stale: false } });
    t.match(
      foodDrug?.contributions.find((c) => c.rule === 'food-drug.case-open'),
      { count: 1, level: 'general', points: 5, items: [caseRef(canteen.id)] },
      'the contribution names the case',
    );
    t.equal(status.domains.safety?.level, 'low', 'safety is untouched');
    t.same(status.overrides, [], 'within its deadline: no override');
    t.match(await app.aggregator.history.get(status.sequence), {
      trigger: 'events',
      causes: [{ id: opened.id, domain: 'food-drug', aggregateId: canteen.id }],
    });

    await harness.send(investigationStarted({ ...canteen, version: 2 }));
    const overdue = caseOverdue({ ...canteen, version: 3 });
    await harness.send(overdue);
    status = await statusWhere(app, (s) => s.level === 'major', 'overdue at a school canteen: red');
    t.equal(status.domains['food-drug']?.level, 'major');
    t.match(status.overrides, [
      {
        rule: 'zone.food-drug.vulnerable-case-overdue',
        level: 'major',
        count: 1,
        items: [caseRef(canteen.id)],
      },
    ]);
    t.same(
      status.overrides.map((o) => o.rule),
      ['zone.food-drug.vulnerable-case-overdue'],
    );
    t.match(await app.aggregator.history.get(status.sequence), {
      causes: [{ id: overdue.id, type: 'zone.food-drug.DisposalCaseBecameOverdue.v1' }],
      status: { level: 'major' },
    });

    const explained = await get(app, '/status/explain?rule=zone.food-drug.vulnerable-case-overdue');
    t.match(explained.items, [
      {
        ...caseRef(canteen.id),
        link: `http://fd.zone.local:3003/disposal-cases/${canteen.id}`,
        open: true,
        level: 'major',
        enterprise: { creditCode: enterpriseCode(12), name: '食品企业12' },
        attributes: {
          status: 'investigating',
          overdue: true,
          kind: 'catering',
          categories: ['school-canteen'],
        },
      },
    ]);
    t.same(
      explained.items[0].rules.sort(),
      [
        'food-drug.case-open',
        'food-drug.case-overdue',
        'food-drug.vulnerable-case-overdue',
        'zone.food-drug.vulnerable-case-overdue',
      ],
      'the case is held by every rule it meets',
    );
    const whole = await get(app, '/status/explain?domain=food-drug');
    t.match(whole.overrides, [
      { items: [{ aggregateId: canteen.id, link: /\/disposal-cases\/case-smp-1$/ }] },
    ]);
    t.match(whole.domains['food-drug'], {
      openItems: 1,
      counters: [{ type: 'disposal-case', values: { status: 'investigating', overdue: true }, count: 1 }],
    });

    const overdueItems = await get(app, '/items?domain=food-drug&overdue=true');
    t.same(
      overdueItems.items.map((i: { aggregateId: string }) => i.aggregateId),
      [canteen.id],
    );
    const enterprise = await get(app, `/enterprises/${enterpriseCode(12)}/risk`);
    t.match(enterprise, { creditCode: enterpriseCode(12), level: 'major' });
    t.same(Object.keys(enterprise.domains), ['food-drug'], 'joined by credit code');

    await harness.send(caseClosed({ ...canteen, version: 4, overdue: true }));
    status = await statusWhere(app, (s) => s.level === 'low', 'closed (结案): back to blue');
    t.same(status.overrides, []);
    t.match(
      status.domains['food-drug']?.contributions.find((c) => c.rule === 'food-drug.case-open'),
      { count: 0, level: null, points: 0 },
    );
  },
);

t.test('a D-grade business behind on its checks makes food-drug and the zone orange', async (t) => {
  const harness = await useAggregator(t, { AGGREGATOR_DOMAIN_URLS: URLS });
  const app = await harness.start();
  const business = { enterprise: 21, grade: 'D' as const };
  await harness.send(...liveDomains(), businessRegisteredEvent({ ...business, version: 1 }));
  let status = await statusWhere(
    app,
    (s) => s.level === 'low' && s.domains['food-drug']?.freshness.lastEventAt !== null,
    'a D-grade business registered, its checks not due yet: blue',
  );

  await harness.send(checkOverdue({ ...business, version: 2 }));
  status = await statusWhere(app, (s) => s.level === 'significant', 'its check overdue: orange');
  t.equal(status.domains['food-drug']?.level, 'significant');
  t.same(status.overrides, [], 'a domain level, not an override');
  const code = businessId(business);
  t.match(
    status.domains['food-drug']?.contributions.find((c) => c.rule === 'food-drug.d-grade-check-overdue'),
    {
      count: 1,
      level: 'significant',
      points: 10,
      items: [{ domain: 'food-drug', aggregateType: 'food-drug-business', aggregateId: code }],
    },
  );
  const explained = await get(app, '/status/explain?rule=food-drug.d-grade-check-overdue');
  t.match(explained.items, [
    {
      aggregateId: code,
      link: `http://fd.zone.local:3003/businesses/${code}`,
      label: '食品企业21',
      enterprise: { creditCode: code },
      attributes: { grade: 'D', checkOverdue: true, seriousViolation: false },
    },
  ]);
});

t.test('unqualified samples of the last 30 days weigh together; the items join across domains', async (t) => {
  const harness = await useAggregator(t, { AGGREGATOR_DOMAIN_URLS: URLS });
  const app = await harness.start();
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  await harness.send(
    ...liveDomains(),
    reported({ id: 'hz-31', version: 1, enterprise: 31 }),
    sampleRecordedEvent({ id: 'smp-31', sampledOn: today, enterprise: 31 }),
    sampleRecordedEvent({ id: 'smp-32', sampledOn: today, enterprise: 32 }),
    sampleRecordedEvent({ id: 'smp-ok', sampledOn: today, verdict: 'qualified', enterprise: 32 }),
  );
  let status = await statusWhere(
    app,
    (s) =>
      allDomainsKnown(s) &&
      s.domains['food-drug']?.contributions.find((c) => c.rule === 'food-drug.unqualified-samples')?.count ===
        2 &&
      s.domains.safety?.contributions[0]?.count === 1,
    'two unqualified samples and a hazard applied',
  );
  t.equal(status.level, 'low', 'two unqualified samples add points, below the level');
  t.equal(status.domains['food-drug']?.score, 6);

  await harness.send(sampleRecordedEvent({ id: 'smp-33', sampledOn: today, enterprise: 33 }));
  status = await statusWhere(app, (s) => s.level === 'general', 'the third in 30 days: yellow');
  t.match(
    status.domains['food-drug']?.contributions.find((c) => c.rule === 'food-drug.unqualified-samples'),
    { count: 3, level: 'general', points: 9 },
  );
  const explained = await get(app, '/status/explain?rule=food-drug.unqualified-samples');
  t.match(explained.items[0], {
    aggregateId: 'smp-31',
    link: 'http://fd.zone.local:3003/samples/smp-31',
    label: '样品 smp-31',
    attributes: { verdict: 'unqualified', sampledOn: today },
  });
  const enterprise = await get(app, `/enterprises/${enterpriseCode(31)}/risk`);
  t.same(Object.keys(enterprise.domains).sort(), ['food-drug', 'safety'], 'one enterprise, two domains');
});
