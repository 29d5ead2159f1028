import type { Envelope } from '@zone-risk/contracts';
import type { App } from '@zone-risk/platform';
import t from 'tap';
import { as, riskOffice, useAggregator } from '../helpers/app.ts';
import { accepted, becameOverdue, enterpriseCode, reported } from '../helpers/hazards.ts';
import { drained } from '../helpers/kafka.ts';
import { liveDomains } from '../helpers/rectification.ts';
import { getStatus, statusWhere } from '../helpers/status.ts';

interface ItemView {
  aggregateId: string;
  level: string;
  link: string | null;
  label: string | null;
  enterprise: { creditCode: string } | null;
  attributes: Record<string, unknown>;
  open: boolean;
}

async function get(app: App, url: string, roles: Parameters<typeof as>[0] = ['risk-office']) {
  return app.inject({ method: 'GET', url, headers: await as(roles) });
}

async function allPages(app: App, url: string): Promise<ItemView[]> {
  const items: ItemView[] = [];
  let cursor: string | null = null;
  do {
    const separator = url.includes('?') ? '&' : '?';
    const res = await get(app, cursor ? `${url}${separator}cursor=${cursor}` : url);
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    const page = res.json() as { items: ItemView[]; nextCursor: string | null };
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

t.test('the drill-down answers "why is it red?" down to the items and their links', async (t) => {
  const harness = await useAggregator(t, {
    AGGREGATOR_DOMAIN_URLS: 'safety=http://safety.zone.local:3001/',
  });
  const app = await harness.start();
  const startedAt = new Date();
  await harness.send(...liveDomains());
  await statusWhere(app, (s) => s.level === 'low', 'blue');
  const blueAt = new Date();

  const events: Envelope[] = [
    reported({ id: 'hz-major-1', version: 1, grade: 'major', enterprise: 1 }),
    reported({ id: 'hz-major-2', version: 1, grade: 'major', enterprise: 2 }),
    becameOverdue({ id: 'hz-major-2', version: 2, grade: 'major', enterprise: 2 }),
  ];
  for (let i = 1; i <= 12; i++) {
    const state = { id: `hz-gen-${String(i).padStart(2, '0')}`, enterprise: (i % 3) + 1 };
    events.push(reported({ ...state, version: 1 }));
    if (i <= 2) events.push(becameOverdue({ ...state, version: 2 }));
  }
  events.push(
    reported({ id: 'hz-closed', version: 1, enterprise: 1 }),
    accepted({ id: 'hz-closed', version: 2, enterprise: 1 }),
  );
  await harness.send(...events);
  await statusWhere(app, (s) => s.level === 'major', 'red');
  await drained(app, harness.topics.safety);
  const status = await getStatus(app);

  await t.test('GET /status is open to every role', async (t) => {
    const res = await get(app, '/status', ['inspector']);
    t.equal(res.statusCode, 200);
    t.equal(res.json().level, 'major');
  });

  await t.test('GET /status/explain resolves overrides and contributions to items with links', async (t) => {
    const res = await get(app, '/status/explain');
    t.equal(res.statusCode, 200);
    const body = res.json();
    t.equal(body.sequence, status.sequence);
    t.match(body.overrides, [
      {
        rule: 'zone.safety.major-overdue',
        items: [
          {
            aggregateId: 'hz-major-2',
            link: 'http://safety.zone.local:3001/hazards/hz-major-2',
            label: '隐患 hz-major-2',
            level: 'major',
            enterprise: { creditCode: enterpriseCode(2) },
          },
        ],
      },
    ]);
    const safety = body.domains.safety;
    t.equal(safety.openItems, 14);
    t.ok(
      safety.counters.some(
        (c: { values: Record<string, unknown>; count: number }) =>
          c.values.grade === 'general' && c.values.overdue === false && c.count === 10,
      ),
      'counters by grade, status, overdue and supervision',
    );
    const general = safety.contributions.find((c: { rule: string }) => c.rule === 'safety.general-open');
    t.match(general, { count: 12, level: 'general', more: true });
    t.equal(general.items.length, 10, 'a sample of the items (the smallest ids)');
    t.equal(general.items[0].aggregateId, 'hz-gen-01');

    const onlySafety = await get(app, '/status/explain?domain=safety');
    t.same(Object.keys(onlySafety.json().domains), ['safety']);
    t.equal((await get(app, '/status/explain?domain=stability')).statusCode, 404);
    t.equal((await get(app, '/status/explain?rule=no.such.rule')).statusCode, 404);
    t.equal((await get(app, '/status/explain', ['inspector'])).statusCode, 403);
  });

  await t.test('GET /status/explain?rule= pages through every item of a rule', async (t) => {
    const items = await allPages(app, '/status/explain?rule=safety.general-open&limit=5');
    t.same(
      items.map((i) => i.aggregateId),
      Array.from({ length: 12 }, (_, i) => `hz-gen-${String(i + 1).padStart(2, '0')}`),
      'all twelve, once each, in id order',
    );
    const first = await get(app, '/status/explain?rule=zone.safety.major-overdue');
    t.match(first.json(), { rule: 'zone.safety.major-overdue', level: 'major', count: 1, nextCursor: null });
    t.equal((await get(app, '/status/explain?rule=safety.general-open&cursor=bogus')).statusCode, 400);
  });

  await t.test(
    'GET /items filters by domain, level, overdue, open and enterprise, with cursor pages',
    async (t) => {
      const overdue = await allPages(app, '/items?overdue=true&limit=2');
      t.same(
        overdue.map((i) => i.aggregateId),
        ['hz-gen-01', 'hz-gen-02', 'hz-major-2'],
      );
      const red = await allPages(app, '/items?level=major');
      t.same(
        red.map((i) => i.aggregateId),
        ['hz-major-2'],
      );
      const orange = await allPages(app, '/items?domain=safety&level=significant');
      t.same(
        orange.map((i) => i.aggregateId),
        ['hz-major-1'],
      );
      const closed = await allPages(app, '/items?open=false');
      t.same(
        closed.map((i) => [i.aggregateId, i.open]),
        [['hz-closed', false]],
      );
      const ofOne = await allPages(app, `/items?enterprise=${enterpriseCode(1)}&limit=3`);
      t.ok(ofOne.length > 0);
      t.ok(
        ofOne.every((i) => i.enterprise?.creditCode === enterpriseCode(1)),
        'only that enterprise’s items',
      );
      const all = await allPages(app, '/items?limit=4');
      t.equal(all.length, 15);
      t.equal(new Set(all.map((i) => i.aggregateId)).size, 15, 'no item twice across pages');
      const bad = await get(app, '/items?enterprise=91320100MA1XY2300X');
      t.equal(bad.statusCode, 400);
    },
  );

  await t.test('GET /enterprises/:creditCode/risk shows one enterprise across domains', async (t) => {
    const res = await get(app, `/enterprises/${enterpriseCode(2)}/risk`);
    t.equal(res.statusCode, 200);
    const body = res.json();
    t.match(body, { creditCode: enterpriseCode(2), name: '企业2', level: 'major' });
    t.equal(body.domains.safety.items[0].aggregateId, 'hz-gen-01');
    t.ok(
      body.domains.safety.items.some((i: ItemView) => i.aggregateId === 'hz-major-2' && i.level === 'major'),
    );

    const unknown = await get(app, `/enterprises/${enterpriseCode(99)}/risk`);
    t.match(unknown.json(), { level: 'low', openItems: 0, domains: {} });

    const invalid = await get(app, `/enterprises/${enterpriseCode(2).slice(0, 17)}X/risk`);
    t.equal(invalid.statusCode, 400);
    t.match(invalid.json().errors, [{ location: 'params', message: /check character/ }]);
    const short = await get(app, '/enterprises/12345/risk');
    t.equal(short.statusCode, 400);
    t.match(short.json().errors, [{ message: /18 characters/ }]);
  });

  await t.test('GET /status?at= and /status/history answer from the recorded changes', async (t) => {
    const then = await get(app, `/status?at=${encodeURIComponent(blueAt.toISOString())}`, ['inspector']);
    t.equal(then.statusCode, 200);
    t.match(then.json(), { level: 'low', catchingUp: false });
    const before = await get(app, `/status?at=${new Date(startedAt.getTime() - 3_600_000).toISOString()}`);
    t.equal(before.statusCode, 404, 'nothing was recorded an hour before the start');

    const history = await get(app, `/status/history?from=${encodeURIComponent(startedAt.toISOString())}`);
    t.equal(history.statusCode, 200);
    const body = history.json() as { points: { sequence: number; level: string }[]; initial: unknown };
    t.same(
      body.points.map((p) => p.sequence),
      Array.from({ length: body.points.length }, (_, i) => (body.points[0]?.sequence ?? 0) + i),
      'consecutive changes',
    );
    t.equal(body.points.at(-1)?.level, 'major');
    t.equal(body.points.at(-1)?.sequence, status.sequence);

    const backwards = await get(
      app,
      `/status/history?from=${encodeURIComponent(new Date().toISOString())}&to=${encodeURIComponent(startedAt.toISOString())}`,
    );
    t.equal(backwards.statusCode, 400);
    t.equal((await get(app, '/status/history', ['inspector'])).statusCode, 403);
  });

  await t.test('the OpenAPI document describes the routes', async (t) => {
    const res = await app.inject({ method: 'GET', url: '/docs/json' });
    const doc = res.json();
    for (const path of [
      '/status',
      '/status/history',
      '/status/explain',
      '/items',
      '/enterprises/{creditCode}/risk',
      '/stream',
      '/policy',
      '/admin/rebuild',
    ]) {
      t.ok(doc.paths[path], `${path} is documented`);
    }
    t.match(
      doc.paths['/status'].get.responses['200'].content['application/json'].example,
      { level: 'significant', domains: { safety: { contributions: [{ rule: 'safety.major-open' }] } } },
      'with an example',
    );
    t.match(doc.paths['/policy'].put.requestBody.content['application/json'].example, {
      stalenessSeconds: 120,
    });
  });
  t.ok(await riskOffice());
});
