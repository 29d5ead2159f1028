import t from 'tap';
import { enterprise, itemBody } from '../helpers/fixtures.ts';
import { as, inspector, json, riskOffice, staff, startService, stored } from '../helpers/service.ts';

interface ItemView {
  id: string;
  status: string;
  overdue: boolean;
  version: number;
  allowedActions: string[];
}

t.test('registering and listing rectification items', async (t) => {
  const service = await startService(t);
  const { app, events } = service;

  const register = async (body: Record<string, unknown>, headers?: Record<string, string>) =>
    app.inject({ method: 'POST', url: '/items', headers: headers ?? (await staff()), payload: body });

  t.test(
    'env-staff registers an item: 201, stored with its derived fields, RectificationItemRegistered published',
    async (t) => {
      const body = itemBody({ code: 'ZY-001' });
      const response = await register(body);
      t.equal(response.statusCode, 201);
      const item = json<ItemView & Record<string, unknown>>(response);
      t.match(item, {
        status: 'pending',
        source: 'central-inspection',
        provincialAcceptanceRequired: true,
        allowedActions: ['report-progress'],
        registeredBy: { id: 'env-li', name: '李娜' },
        version: 1,
      });
      t.equal(response.headers.location, `/items/${item.id}`);
      t.equal(response.headers.etag, `"${item.id}.v1"`);
      t.match(await stored(service, item.id), {
        status: 'pending',
        enterpriseCode: enterprise.creditCode,
        timerArmed: true,
        overdue: false,
        _version: 1,
      });
      t.match(await events.waitFor('RectificationItemRegistered', item.id), {
        aggregateversion: 1,
        data: {
          source: 'central-inspection',
          batch: body.batch,
          code: 'ZY-001',
          category: 'water',
          severity: 'major',
          responsibleUnit: '开发区生态环境分局',
          enterprise,
          status: 'pending',
          deadline: '2099-12-31',
          overdue: false,
          version: 1,
          via: 'api',
          registeredBy: { id: 'env-li' },
        },
      });

      const again = await register(body);
      t.equal(again.statusCode, 200, 'the same item again: 200, nothing new');
      t.equal(json<ItemView>(again).id, item.id);
      const changed = await register({ ...body, target: '另一个目标' });
      t.equal(changed.statusCode, 409, 'the same code in the batch with other content');
      t.match(json(changed), { existingId: item.id, reason: 'code-taken' });
      t.match(await stored(service, item.id), { _version: 1 });
    },
  );

  t.test('an invalid credit code is a 400 naming /enterprise/creditCode', async (t) => {
    const response = await register(
      itemBody({ enterprise: { creditCode: '91320113MA1MB6AT2X', name: 'x' } }),
    );
    t.equal(response.statusCode, 400);
    t.match(json(response), { errors: [{ pointer: '/enterprise/creditCode' }] });
  });

  t.test(
    'only env-staff registers (403 for risk-office, env-supervisor, inspector); no token is a 401',
    async (t) => {
      for (const headers of [await riskOffice(), await as(['env-supervisor'], 's'), await inspector()]) {
        t.equal((await register(itemBody(), headers)).statusCode, 403);
      }
      t.equal((await app.inject({ method: 'POST', url: '/items', payload: itemBody() })).statusCode, 401);
      t.equal(
        (await app.inject({ method: 'GET', url: '/items', headers: await inspector() })).statusCode,
        403,
      );
    },
  );

  t.test(
    'the list filters by status, source, category, unit, batch, overdue and deadline range, and pages with a cursor',
    async (t) => {
      const batch = '列表测试批次';
      const made: string[] = [];
      for (const [i, extra] of [
        { source: 'self-found', category: 'air', deadline: '2099-01-10' },
        { source: 'public-complaint', category: 'noise', deadline: '2099-02-10', responsibleUnit: '建设局' },
        { source: 'self-found', category: 'air', deadline: '2099-03-10', enterprise: null },
        { source: 'provincial-inspection', category: 'soil', deadline: '2099-04-10' },
      ].entries()) {
        made.push(json<ItemView>(await register(itemBody({ batch, code: `L-${i}`, ...extra }))).id);
      }
      const list = async (query: string) =>
        json<{ items: { id: string; code: string }[]; nextCursor: string | null }>(
          await app.inject({
            method: 'GET',
            url: `/items?batch=${encodeURIComponent(batch)}&${query}`,
            headers: await riskOffice(),
          }),
        );
      t.same((await list('source=self-found')).items.map((i) => i.code).sort(), ['L-0', 'L-2']);
      t.same(
        (await list('category=noise')).items.map((i) => i.code),
        ['L-1'],
      );
      t.same(
        (await list(`unit=${encodeURIComponent('建设局')}`)).items.map((i) => i.code),
        ['L-1'],
      );
      t.same((await list('deadlineFrom=2099-02-01&deadlineTo=2099-03-31')).items.map((i) => i.code).sort(), [
        'L-1',
        'L-2',
      ]);
      t.same((await list('status=pending&overdue=false')).items.length, 4);
      t.same((await list('overdue=true')).items, []);
      const first = await list('limit=3');
      t.equal(first.items.length, 3);
      t.type(first.nextCursor, 'string');
      const second = await list(`limit=3&cursor=${encodeURIComponent(first.nextCursor ?? '')}`);
      t.equal(second.nextCursor, null);
      t.same([...first.items, ...second.items].map((i) => i.id).sort(), [...made].sort(), 'every item once');
      const bad = await app.inject({ method: 'GET', url: '/items?status=done', headers: await riskOffice() });
      t.equal(bad.statusCode, 400);
    },
  );

  t.test('an unknown item is a 404', async (t) => {
    t.equal(
      (await app.inject({ method: 'GET', url: '/items/env-none', headers: await riskOffice() })).statusCode,
      404,
    );
  });
});
