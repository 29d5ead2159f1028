import { zoneDay } from '@zone-risk/calendar';
import t from 'tap';
import { creditCodeFor } from '../helpers/fixtures.ts';
import { admin, inspector, json, riskOffice, startService } from '../helpers/service.ts';

const paintShop = {
  code: 'paint-shop',
  title: '涂装车间专项检查表',
  description: '喷漆房通风与防爆',
  items: [
    {
      code: 'PS-01',
      text: '喷漆房机械通风设施运行正常',
      category: 'environment',
      basis: { standard: 'GB 6514-2008 涂装作业安全规程 涂漆工艺安全及其通风净化' },
    },
    {
      code: 'PS-02',
      text: '喷漆房电气设备符合防爆要求',
      category: 'electrical',
      basis: { standard: 'GB 50058-2014 爆炸危险环境电力装置设计规范' },
    },
  ],
};

t.test('checklist templates', async (t) => {
  const { app, clock } = await startService(t);

  t.test('the five built-in templates are there, each item citing its standard', async (t) => {
    const page = json<{
      items: { id: string; builtIn: boolean; items: { basis: { standard: string } }[] }[];
    }>(await app.inject({ method: 'GET', url: '/checklist-templates', headers: await inspector() }));
    t.same(page.items.map((tpl) => tpl.id).sort(), [
      'confined-spaces@1',
      'dust-explosion@1',
      'fire-safety@1',
      'general-workplace@1',
      'hazardous-chemicals-storage@1',
    ]);
    t.ok(page.items.every((tpl) => tpl.builtIn && tpl.items.every((item) => item.basis.standard.length > 0)));
  });

  t.test(
    'an admin adds a template; an inspector may not (403); a major item without a clause is a 400',
    async (t) => {
      t.equal(
        (
          await app.inject({
            method: 'POST',
            url: '/checklist-templates',
            headers: await inspector(),
            payload: paintShop,
          })
        ).statusCode,
        403,
      );
      const invalid = await app.inject({
        method: 'POST',
        url: '/checklist-templates',
        headers: await admin(),
        payload: { ...paintShop, code: 'bad-one', items: [{ ...paintShop.items[0], majorIfFailed: true }] },
      });
      t.equal(invalid.statusCode, 400);
      t.match(json(invalid), { errors: [{ pointer: '/items/0/basis/clause' }] });
      const created = await app.inject({
        method: 'POST',
        url: '/checklist-templates',
        headers: await admin(),
        payload: paintShop,
      });
      t.equal(created.statusCode, 201);
      t.match(json(created), { id: 'paint-shop@1', version: 1, used: false, builtIn: false });
      t.equal(
        (
          await app.inject({
            method: 'POST',
            url: '/checklist-templates',
            headers: await admin(),
            payload: paintShop,
          })
        ).statusCode,
        409,
      );
    },
  );

  t.test('an unused version is revised in place; once used, a revision is a new version', async (t) => {
    const { code: _code, ...content } = paintShop;
    const revised = await app.inject({
      method: 'PUT',
      url: '/checklist-templates/paint-shop',
      headers: await admin(),
      payload: { ...content, title: '涂装车间检查表（修订）' },
    });
    t.equal(revised.statusCode, 200);
    t.match(json(revised), { id: 'paint-shop@1', title: '涂装车间检查表（修订）' });

    const inspection = await app.inject({
      method: 'POST',
      url: '/inspections',
      headers: await inspector(),
      payload: {
        enterprise: { creditCode: creditCodeFor(301), name: '南京金陵汽车零部件有限公司' },
        type: 'self-check',
        date: zoneDay(clock.now()),
        inspectors: [{ id: 'insp-wang' }],
        templateId: 'paint-shop@1',
        results: [
          { itemCode: 'PS-01', result: 'pass' },
          { itemCode: 'PS-02', result: 'pass' },
        ],
      },
    });
    t.equal(inspection.statusCode, 201);

    const next = await app.inject({
      method: 'PUT',
      url: '/checklist-templates/paint-shop',
      headers: await admin(),
      payload: { ...content, title: '第二版' },
    });
    t.equal(next.statusCode, 201);
    t.match(json(next), { id: 'paint-shop@2', version: 2, title: '第二版' });
    const first = json(
      await app.inject({
        method: 'GET',
        url: '/checklist-templates/paint-shop@1',
        headers: await riskOffice(),
      }),
    );
    t.match(first, { title: '涂装车间检查表（修订）', used: true }, 'the used version is unchanged');
    t.match(
      json(
        await app.inject({
          method: 'GET',
          url: '/checklist-templates/paint-shop',
          headers: await riskOffice(),
        }),
      ),
      { version: 2 },
    );
    const builtIn = await app.inject({
      method: 'PUT',
      url: '/checklist-templates/fire-safety',
      headers: await admin(),
      payload: content,
    });
    t.equal(builtIn.statusCode, 409);
  });
});
