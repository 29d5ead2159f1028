import { addDays, zoneDay } from '@zone-risk/calendar';
import t from 'tap';
import { creditCodeFor } from '../helpers/fixtures.ts';
import { inspector, json, riskOffice, startService, stored } from '../helpers/service.ts';

const chemicals = { creditCode: creditCodeFor(201), name: '南京华泰危险化学品储运有限公司' };
const dusty = { creditCode: creditCodeFor(202), name: '南京木森家具制造有限公司' };

const codes = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix}-${String(i + 1).padStart(2, '0')}`);

t.test('inspections', async (t) => {
  const service = await startService(t);
  const { app, events, clock } = service;
  const today = zoneDay(clock.now());
  const team = [
    { id: 'insp-wang', name: '王磊' },
    { id: 'insp-liu', name: '刘芳' },
  ];

  function body(overrides: Record<string, unknown> = {}) {
    return {
      enterprise: dusty,
      type: 'special',
      date: today,
      inspectors: team,
      templateId: 'dust-explosion@1',
      location: '木工车间',
      results: codes('DE', 10).map((itemCode) =>
        itemCode === 'DE-03'
          ? { itemCode, result: 'fail', note: '布袋除尘器未设泄爆口', location: '木工车间 除尘器' }
          : itemCode === 'DE-10'
            ? { itemCode, result: 'fail', note: '新员工未经粉尘防爆培训', deadline: addDays(today, 30) }
            : { itemCode, result: itemCode === 'DE-04' ? 'not-applicable' : 'pass' },
      ),
      ...overrides,
    };
  }

  t.test(
    'an inspection with failed items raises one hazard per failure, linked to it, and publishes both',
    async (t) => {
      const response = await app.inject({
        method: 'POST',
        url: '/inspections',
        headers: await inspector(),
        payload: body(),
      });
      t.equal(response.statusCode, 201);
      const { inspection, hazards } = json<{
        inspection: { id: string; counts: object; hazardIds: string[] };
        hazards: {
          id: string;
          grade: string;
          inspectionId: string;
          checklistItemCode: string;
          basis: object | null;
        }[];
      }>(response);
      t.same(inspection.counts, { pass: 7, fail: 2, notApplicable: 1 });
      t.match(hazards, [
        {
          checklistItemCode: 'DE-03',
          grade: 'major',
          inspectionId: inspection.id,
          basis: { clause: /泄爆/ },
          location: '木工车间 除尘器',
        },
        {
          checklistItemCode: 'DE-10',
          grade: 'general',
          inspectionId: inspection.id,
          deadline: addDays(today, 30),
        },
      ]);
      t.same(
        inspection.hazardIds,
        hazards.map((h) => h.id),
      );
      for (const hazard of hazards) {
        t.match(await stored(service, hazard.id), {
          inspectionId: inspection.id,
          inspectors: team,
          status: 'reported',
        });
        t.match(await events.waitFor('HazardReported', hazard.id), { data: { inspectionId: inspection.id } });
      }
      t.match(await events.waitFor('InspectionRecorded', inspection.id), {
        data: {
          enterprise: dusty,
          type: 'special',
          template: { id: 'dust-explosion@1', version: 1 },
          counts: { fail: 2 },
          failedItems: [
            { itemCode: 'DE-03', grade: 'major' },
            { itemCode: 'DE-10', grade: 'general' },
          ],
        },
      });
    },
  );

  t.test(
    'a retried POST with the same Idempotency-Key records once and raises each hazard once',
    async (t) => {
      const headers = { ...(await inspector()), 'idempotency-key': 'inspection-retry-1' };
      const payload = body({
        enterprise: chemicals,
        templateId: 'hazardous-chemicals-storage@1',
        results: codes('HC', 10).map((itemCode) =>
          itemCode === 'HC-06'
            ? { itemCode, result: 'fail', note: '2号罐区紧急切断阀未投用' }
            : { itemCode, result: 'pass' },
        ),
      });
      const first = await app.inject({ method: 'POST', url: '/inspections', headers, payload });
      const retry = await app.inject({ method: 'POST', url: '/inspections', headers, payload });
      t.equal(first.statusCode, 201);
      t.equal(retry.headers['idempotent-replayed'], 'true');
      t.same(json(retry), json(first));
      const list = json<{ items: unknown[] }>(
        await app.inject({
          method: 'GET',
          url: `/hazards?enterprise=${chemicals.creditCode}`,
          headers: await riskOffice(),
        }),
      );
      t.equal(list.items.length, 1);
      const inspections = json<{ items: unknown[] }>(
        await app.inject({
          method: 'GET',
          url: `/inspections?enterprise=${chemicals.creditCode}`,
          headers: await riskOffice(),
        }),
      );
      t.equal(inspections.items.length, 1);
    },
  );

  t.test(
    'an official inspection with one inspector is a 400 at /inspectors; a self-check is fine',
    async (t) => {
      const alone = await app.inject({
        method: 'POST',
        url: '/inspections',
        headers: await inspector(),
        payload: body({ inspectors: [team[0]] }),
      });
      t.equal(alone.statusCode, 400);
      t.match(json(alone), { errors: [{ pointer: '/inspectors' }] });
      const selfCheck = await app.inject({
        method: 'POST',
        url: '/inspections',
        headers: await inspector(),
        payload: body({
          type: 'self-check',
          inspectors: [team[0]],
          results: codes('DE', 10).map((itemCode) => ({ itemCode, result: 'pass' })),
        }),
      });
      t.equal(selfCheck.statusCode, 201);
    },
  );

  t.test('an invalid credit code or an unknown template is a 400 and writes nothing', async (t) => {
    const badCode = await app.inject({
      method: 'POST',
      url: '/inspections',
      headers: await inspector(),
      payload: body({ enterprise: { creditCode: '9132011', name: 'x' } }),
    });
    t.match(json(badCode), {
      status: 400,
      errors: [{ pointer: '/enterprise/creditCode', message: /18 characters/ }],
    });
    const noTemplate = await app.inject({
      method: 'POST',
      url: '/inspections',
      headers: await inspector(),
      payload: body({ templateId: 'nope@1' }),
    });
    t.match(json(noTemplate), { status: 400, errors: [{ pointer: '/templateId' }] });
  });

  t.test('listing filters by enterprise, type and date range, with a cursor', async (t) => {
    const all = async (query: string) => {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: { id: string; date: string }[]; nextCursor: string | null } = json(
          await app.inject({
            method: 'GET',
            url: `/inspections?${query}&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
            headers: await riskOffice(),
          }),
        );
        ids.push(...page.items.map((i) => i.date));
        cursor = page.nextCursor;
      } while (cursor);
      return ids;
    };
    const routine = body({
      type: 'routine',
      results: codes('DE', 10).map((itemCode) => ({ itemCode, result: 'pass' })),
    });
    for (const date of [addDays(today, -40), addDays(today, -20)]) {
      await app.inject({
        method: 'POST',
        url: '/inspections',
        headers: await inspector(),
        payload: { ...routine, date },
      });
    }
    t.same(await all(`enterprise=${dusty.creditCode}&type=routine`), [
      addDays(today, -20),
      addDays(today, -40),
    ]);
    t.same(await all(`enterprise=${dusty.creditCode}&from=${addDays(today, -30)}&to=${addDays(today, -1)}`), [
      addDays(today, -20),
    ]);
    t.equal((await all(`enterprise=${dusty.creditCode}`)).length, 4);
  });
});
