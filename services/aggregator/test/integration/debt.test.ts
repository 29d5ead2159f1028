// Debt events as the contracts define them, produced to the debt topic and consumed by the same group
// as the other domains', move the zone status as the default policy says, with links to the debt
// service for the drill-down.
import type { App } from '@zone-risk/platform';
import t from 'tap';
import { as, useAggregator } from '../helpers/app.ts';
import { indicatorsChanged, instrumentRegistered, overdueCleared, paymentOverdue } from '../helpers/debt.ts';
import { enterpriseCode, ZONE } from '../helpers/hazards.ts';
import { liveDomains } from '../helpers/rectification.ts';
import { statusWhere } from '../helpers/status.ts';

const URLS =
  'safety=http://safety.zone.local:3001,environment=http://env.zone.local:3002,food-drug=http://fd.zone.local:3003,debt=http://debt.zone.local:3004';

async function get(app: App, url: string) {
  const res = await app.inject({ method: 'GET', url, headers: await as(['risk-office']) });
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res.json();
}

const indicatorsRef = { domain: 'debt', aggregateType: 'debt-indicators', aggregateId: ZONE };
const instrumentRef = (id: string) => ({ domain: 'debt', aggregateType: 'debt-instrument', aggregateId: id });

t.test(
  'the debt ratio: 150 % → yellow, 320 % → the zone red by override with a link to the debt service, 90 % → blue',
  async (t) => {
    const harness = await useAggregator(t, { AGGREGATOR_DOMAIN_URLS: URLS });
    const app = await harness.start();
    await harness.send(...liveDomains());
    await statusWhere(app, (s) => s.level === 'low', 'every domain alive: blue');

    const yellow = indicatorsChanged({ version: 1, debtRatioBp: 15_000 });
    await harness.send(yellow);
    let status = await statusWhere(app, (s) => s.level === 'general', 'a debt ratio of 150 %: yellow');
    t.match(status.domains.debt, { level: 'general', score: 37.5, freshness: { stale: false } });
    t.match(
      status.domains.debt?.contributions.find((c) => c.rule === 'debt.ratio'),
      { count: 1, value: 15_000, level: 'general', points: 37.5, items: [indicatorsRef] },
      'the contribution names the zone’s indicators',
    );
    t.same(status.overrides, []);
    t.match(await app.aggregator.history.get(status.sequence), {
      trigger: 'events',
      causes: [
        { id: yellow.id, type: 'zone.debt.DebtIndicatorsChanged.v1', domain: 'debt', aggregateId: ZONE },
      ],
    });

    const red = indicatorsChanged({
      version: 2,
      debtRatioBp: 32_000,
      level: 'major',
      previousLevel: 'general',
    });
    await harness.send(red);
    status = await statusWhere(app, (s) => s.level === 'major', 'a debt ratio of 320 %: red');
    t.equal(status.domains.debt?.level, 'major');
    t.equal(status.domains.safety?.level, 'low', 'the red is debt’s alone');
    t.match(status.overrides, [
      { rule: 'zone.debt.red', kind: 'domain-level', level: 'major', count: 1, items: [indicatorsRef] },
    ]);
    t.match(await app.aggregator.history.get(status.sequence), {
      causes: [{ id: red.id }],
      status: { level: 'major' },
    });

    const link = `http://debt.zone.local:3004/indicators/${ZONE}`;
    const byRule = await get(app, '/status/explain?rule=debt.ratio');
    t.match(byRule, { rule: 'debt.ratio', level: 'major', count: 1 });
    t.match(byRule.items, [
      {
        ...indicatorsRef,
        link,
        open: true,
        level: 'major',
        enterprise: null,
        attributes: {
          debtRatioBp: 32_000,
          unfundedAlerts: 0,
          behindBp: 0,
          overduePayments: 0,
          level: 'major',
        },
      },
    ]);
    const whole = await get(app, '/status/explain?domain=debt');
    t.match(whole.overrides, [{ rule: 'zone.debt.red', items: [{ ...indicatorsRef, link }] }]);
    t.match(whole.domains.debt, { level: 'major', openItems: 1 });

    await harness.send(indicatorsChanged({ version: 3, debtRatioBp: 9_000, previousLevel: 'major' }));
    status = await statusWhere(app, (s) => s.level === 'low', 'the ratio back to 90 %: blue');
    t.same(status.overrides, []);
    t.match(status.domains.debt, { level: 'low', score: 22.5 });
  },
);

t.test(
  'an overdue payment makes debt and the zone orange, the instrument linked and joined by its debtor; cleared → blue',
  async (t) => {
    const harness = await useAggregator(t, { AGGREGATOR_DOMAIN_URLS: URLS });
    const app = await harness.start();
    const bond = { id: 'bond-2025-07', debtor: 5 };
    await harness.send(
      ...liveDomains(),
      indicatorsChanged({ version: 1, debtRatioBp: 8_000, unfundedAlerts: 1, behindBp: 1_200 }),
      instrumentRegistered({ ...bond, version: 1 }),
    );
    let status = await statusWhere(
      app,
      (s) => s.level === 'general' && app.aggregator.model().items.has(`debt|debt-instrument|${bond.id}`),
      'an unfunded maturity and a task behind time: yellow; the instrument registered',
    );
    const contribution = (rule: string) => status.domains.debt?.contributions.find((c) => c.rule === rule);
    t.match(contribution('debt.unfunded-maturity'), { value: 1, level: 'general', points: 5 });
    t.match(contribution('debt.behind-schedule'), { value: 1_200, level: 'general', points: 12 });
    t.match(contribution('debt.ratio'), { value: 8_000, level: null, points: 20 });
    t.match(contribution('debt.overdue'), { count: 0, level: null });
    t.equal(status.domains.debt?.score, 37, 'the points of every rule, added');

    await harness.send(
      paymentOverdue({ ...bond, version: 2 }),
      indicatorsChanged({
        version: 2,
        debtRatioBp: 8_000,
        unfundedAlerts: 1,
        behindBp: 1_200,
        overduePayments: 1,
      }),
    );
    status = await statusWhere(
      app,
      (s) =>
        s.level === 'significant' &&
        app.aggregator.model().items.get(`debt|debt-indicators|${ZONE}`)?.attributes.overduePayments === 1,
      'an overdue payment: orange',
    );
    t.equal(status.domains.debt?.level, 'significant');
    t.same(status.overrides, [], 'orange is a domain level, not an override');
    t.match(
      status.domains.debt?.contributions.find((c) => c.rule === 'debt.overdue'),
      {
        count: 1,
        level: 'significant',
        points: 15,
        items: [instrumentRef(bond.id)],
      },
    );
    t.equal(status.domains.debt?.score, 52);

    const explained = await get(app, '/status/explain?rule=debt.overdue');
    t.match(explained.items, [
      {
        ...instrumentRef(bond.id),
        link: `http://debt.zone.local:3004/instruments/${bond.id}`,
        label: `2025年开发区专项债券 ${bond.id}`,
        level: 'significant',
        enterprise: { creditCode: enterpriseCode(5), name: '开发区投资发展集团5' },
        attributes: { type: 'special-bond', status: 'active', overdue: true },
      },
    ]);
    const whole = await get(app, '/status/explain?domain=debt');
    t.match(whole.domains.debt, {
      openItems: 2,
      counters: [{ type: 'debt-instrument', values: { type: 'special-bond', overdue: true }, count: 1 }],
    });
    const overdueItems = await get(app, '/items?domain=debt&overdue=true');
    t.same(
      overdueItems.items.map((i: { aggregateId: string }) => i.aggregateId),
      [bond.id],
    );
    const debtor = await get(app, `/enterprises/${enterpriseCode(5)}/risk`);
    t.match(debtor, { creditCode: enterpriseCode(5), level: 'significant' });
    t.same(Object.keys(debtor.domains), ['debt'], 'joined by the debtor’s credit code');

    await harness.send(
      overdueCleared({ ...bond, version: 3 }),
      indicatorsChanged({ version: 3, debtRatioBp: 8_000 }),
    );
    status = await statusWhere(app, (s) => s.level === 'low', 'paid, funded and on schedule: blue');
    t.match(
      status.domains.debt?.contributions.find((c) => c.rule === 'debt.overdue'),
      { count: 0 },
    );
  },
);
