import { addDays, zoneDay } from '@zone-risk/calendar';
import t from 'tap';
import { creditCodeFor, enterprise, hazardBody, majorBasis } from '../helpers/fixtures.ts';
import { admin, as, inspector, json, riskOffice, startService, stored } from '../helpers/service.ts';

t.test('reporting hazards', async (t) => {
  const service = await startService(t);
  const { app, events, clock } = service;
  const inFuture = addDays(zoneDay(clock.now()), 30);

  t.test(
    'when an inspector reports a major hazard with its basis, it is stored and HazardReported is published',
    async (t) => {
      const response = await app.inject({
        method: 'POST',
        url: '/hazards',
        headers: await inspector(),
        payload: hazardBody({ grade: 'major', basis: majorBasis, deadline: inFuture }),
      });
      t.equal(response.statusCode, 201);
      const body = json<{ id: string; status: string; version: number; allowedActions: string[] }>(response);
      t.match(body, {
        status: 'reported',
        grade: 'major',
        basis: majorBasis,
        deadline: inFuture,
        version: 1,
      });
      t.same(body.allowedActions, ['plan', 'list-supervision', 'add-evidence']);
      t.equal(response.headers.location, `/hazards/${body.id}`);
      t.equal(response.headers.etag, `"${body.id}.v1"`);

      const doc = await stored(service, body.id);
      t.match(doc, {
        status: 'reported',
        enterpriseCode: enterprise.creditCode,
        deadlineArmed: true,
        overdue: false,
        _version: 1,
      });
      t.match(doc?.history, [{ event: 'HazardReported', version: 1, by: { id: 'insp-wang', name: '王磊' } }]);

      const event = await events.waitFor('HazardReported', body.id);
      t.match(event, {
        type: 'zone.safety.HazardReported.v1',
        aggregateversion: 1,
        correlationid: response.headers['x-request-id'],
        data: {
          enterprise,
          grade: 'major',
          status: 'reported',
          deadline: inFuture,
          supervised: false,
          overdue: false,
          version: 1,
          basis: majorBasis,
          reportedBy: { id: 'insp-wang' },
        },
      });
    },
  );

  t.test('the enterprise is recorded on first use', async (t) => {
    const response = await app.inject({
      method: 'GET',
      url: `/enterprises/${enterprise.creditCode}`,
      headers: await riskOffice(),
    });
    t.match(json(response), { creditCode: enterprise.creditCode, name: enterprise.name });
  });

  t.test('an invalid credit code is a 400 naming the field and the problem', async (t) => {
    const response = await app.inject({
      method: 'POST',
      url: '/hazards',
      headers: await inspector(),
      payload: hazardBody({ enterprise: { creditCode: '91320113MA0000001X', name: 'x' } }),
    });
    t.equal(response.statusCode, 400);
    t.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8');
    t.match(json(response), { errors: [{ pointer: '/enterprise/creditCode', message: /check character/ }] });
  });

  t.test('a major hazard without its determination basis is a 400 at /basis', async (t) => {
    const response = await app.inject({
      method: 'POST',
      url: '/hazards',
      headers: await inspector(),
      payload: hazardBody({ grade: 'major' }),
    });
    t.equal(response.statusCode, 400);
    t.match(json(response), { errors: [{ pointer: '/basis' }] });
  });

  t.test('a deadline in the past is a 400 at /deadline', async (t) => {
    const response = await app.inject({
      method: 'POST',
      url: '/hazards',
      headers: await inspector(),
      payload: hazardBody({ deadline: addDays(zoneDay(clock.now()), -1) }),
    });
    t.equal(response.statusCode, 400);
    t.match(json(response), { errors: [{ pointer: '/deadline' }] });
  });

  t.test('only inspectors report: a risk-office token gets 403', async (t) => {
    const response = await app.inject({
      method: 'POST',
      url: '/hazards',
      headers: await riskOffice(),
      payload: hazardBody(),
    });
    t.equal(response.statusCode, 403);
  });

  t.test('a retried POST with the same Idempotency-Key creates one hazard', async (t) => {
    const code = creditCodeFor(77);
    const headers = { ...(await inspector()), 'idempotency-key': 'mobile-retry-1' };
    const payload = hazardBody({ enterprise: { creditCode: code, name: '南京永固金属制品有限公司' } });
    const first = await app.inject({ method: 'POST', url: '/hazards', headers, payload });
    const retry = await app.inject({ method: 'POST', url: '/hazards', headers, payload });
    t.equal(first.statusCode, 201);
    t.equal(retry.statusCode, 201);
    t.equal(retry.headers['idempotent-replayed'], 'true');
    t.equal(json(retry).id, json(first).id);
    const list = await app.inject({
      method: 'GET',
      url: `/hazards?enterprise=${code}`,
      headers: await riskOffice(),
    });
    t.equal(json<{ items: unknown[] }>(list).items.length, 1, 'one hazard stored');
  });

  t.test('a GET answers the hazard with its ETag; an unknown id is a 404', async (t) => {
    const created = json<{ id: string }>(
      await app.inject({
        method: 'POST',
        url: '/hazards',
        headers: await inspector(),
        payload: hazardBody(),
      }),
    );
    const response = await app.inject({
      method: 'GET',
      url: `/hazards/${created.id}`,
      headers: await riskOffice(),
    });
    t.equal(response.statusCode, 200);
    t.equal(response.headers.etag, `"${created.id}.v1"`);
    const missing = await app.inject({ method: 'GET', url: '/hazards/hz-nope', headers: await riskOffice() });
    t.equal(missing.statusCode, 404);
    t.match(json(missing), { status: 404, detail: /hz-nope/ });
  });

  t.test('lists filter by grade and enterprise and page with a cursor', async (t) => {
    const code = creditCodeFor(88);
    const other = { creditCode: code, name: '南京鑫达物流有限公司' };
    for (let i = 0; i < 5; i++) {
      clock.advanceDays(0.01);
      await app.inject({
        method: 'POST',
        url: '/hazards',
        headers: await inspector(),
        payload: hazardBody({ enterprise: other, description: `第${i}项` }),
      });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/hazards?enterprise=${code}&grade=general&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = json<{ items: { description: string }[]; nextCursor: string | null }>(
        await app.inject({ method: 'GET', url: query, headers: await admin() }),
      );
      seen.push(...page.items.map((item) => item.description));
      cursor = page.nextCursor;
    } while (cursor);
    t.same(seen, ['第4项', '第3项', '第2项', '第1项', '第0项'], 'newest first, each once');
    const majors = json<{ items: unknown[] }>(
      await app.inject({
        method: 'GET',
        url: `/hazards?enterprise=${code}&grade=major`,
        headers: await admin(),
      }),
    );
    t.equal(majors.items.length, 0);
    const bad = await app.inject({ method: 'GET', url: '/hazards?status=lost', headers: await admin() });
    t.equal(bad.statusCode, 400);
  });

  t.test('a token with no safety role cannot read', async (t) => {
    const response = await app.inject({
      method: 'GET',
      url: '/hazards',
      headers: await as(['debt-officer'], 'debt-1'),
    });
    t.equal(response.statusCode, 403);
  });
});
