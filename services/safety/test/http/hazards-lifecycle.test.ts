import { addDays, zoneDay } from '@zone-risk/calendar';
import t from 'tap';
import { hazardBody, majorBasis, plan } from '../helpers/fixtures.ts';
import {
  act,
  as,
  inspector,
  json,
  riskOffice,
  startService,
  stored,
  supervisor,
} from '../helpers/service.ts';

t.test('the hazard life cycle', async (t) => {
  const service = await startService(t);
  const { app, events, clock } = service;
  const today = zoneDay(clock.now());

  async function report(overrides: Record<string, unknown> = {}, headers?: Record<string, string>) {
    const response = await app.inject({
      method: 'POST',
      url: '/hazards',
      headers: headers ?? (await inspector()),
      payload: hazardBody({ grade: 'major', basis: majorBasis, ...overrides }),
    });
    return json<{ id: string }>(response).id;
  }

  t.test(
    'plan → submit → accept closes the loop, each step stored and published with the new state',
    async (t) => {
      const id = await report();
      const planned = await act(app, id, 'plan', plan(addDays(today, 20)), await inspector());
      t.equal(planned.statusCode, 200);
      t.match(json(planned), {
        status: 'rectifying',
        deadline: addDays(today, 20),
        plan: { funds: 1_250_000 },
        version: 2,
      });
      t.equal(planned.headers.etag, `"${id}.v2"`);
      t.match(await events.waitFor('HazardRectificationPlanned', id), {
        aggregateversion: 2,
        data: {
          status: 'rectifying',
          deadline: addDays(today, 20),
          plan: { responsiblePerson: { name: '赵刚' } },
          revised: false,
        },
      });

      const submitted = await act(app, id, 'submit', { note: '已加装泄爆片' }, await inspector());
      t.match(json(submitted), {
        status: 'awaiting-acceptance',
        allowedActions: ['accept', 'reject', 'list-supervision', 'add-evidence'],
      });
      t.match(await events.waitFor('HazardSubmittedForAcceptance', id), {
        data: { status: 'awaiting-acceptance', note: '已加装泄爆片' },
      });

      const accepted = await act(app, id, 'accept', { note: '整改到位' }, await supervisor());
      t.equal(accepted.statusCode, 200);
      t.match(json(accepted), { status: 'closed', allowedActions: [], version: 4 });
      t.match(await stored(service, id), {
        status: 'closed',
        closed: true,
        deadlineArmed: false,
        overdue: false,
      });
      t.match(await events.waitFor('HazardAccepted', id), {
        aggregateversion: 4,
        data: {
          status: 'closed',
          acceptedBy: { id: 'sup-chen' },
          grade: 'major',
          enterprise: { name: '南京瑞丰精细化工有限公司' },
        },
      });

      const history = json<{ entries: { event: string; by: { id: string }; version: number }[] }>(
        await app.inject({ method: 'GET', url: `/hazards/${id}/history`, headers: await riskOffice() }),
      );
      t.same(
        history.entries.map((e) => [e.event, e.by.id, e.version]),
        [
          ['HazardReported', 'insp-wang', 1],
          ['HazardRectificationPlanned', 'insp-wang', 2],
          ['HazardSubmittedForAcceptance', 'insp-wang', 3],
          ['HazardAccepted', 'sup-chen', 4],
        ],
      );
    },
  );

  t.test('a rejected rectification goes back to rectifying with the reason', async (t) => {
    const id = await report();
    await act(app, id, 'plan', plan(addDays(today, 20)), await inspector());
    await act(app, id, 'submit', {}, await inspector());
    const rejected = await act(app, id, 'reject', { reason: '泄爆口朝向人员通道' }, await supervisor());
    t.match(json(rejected), { status: 'rectifying', rejections: 1 });
    t.match(await events.waitFor('HazardRejected', id), {
      data: { status: 'rectifying', reason: '泄爆口朝向人员通道' },
    });
  });

  t.test('an extension, approved, moves the deadline; refused, keeps it', async (t) => {
    const id = await report();
    await act(app, id, 'plan', plan(addDays(today, 10)), await inspector());
    const requested = await act(
      app,
      id,
      'extension-request',
      { requestedDeadline: addDays(today, 40), reason: '设备到货延迟' },
      await inspector(),
    );
    t.match(json(requested), {
      status: 'extension-requested',
      extension: { requestedDeadline: addDays(today, 40) },
    });
    t.match(await events.waitFor('HazardExtensionRequested', id), {
      data: { status: 'extension-requested', requestedDeadline: addDays(today, 40) },
    });
    const approved = await act(app, id, 'extension-request/approve', { note: '同意' }, await supervisor());
    t.match(json(approved), { status: 'rectifying', deadline: addDays(today, 40), extension: null });
    t.match(await events.waitFor('HazardDeadlineExtended', id), {
      data: { deadline: addDays(today, 40), previousDeadline: addDays(today, 10) },
    });

    await act(
      app,
      id,
      'extension-request',
      { requestedDeadline: addDays(today, 90), reason: '再次延期' },
      await inspector(),
    );
    const refused = await act(
      app,
      id,
      'extension-request/refuse',
      { reason: '可先停用该工段' },
      await supervisor(),
    );
    t.match(json(refused), { status: 'rectifying', deadline: addDays(today, 40) });
    t.match(await events.waitFor('HazardExtensionRefused', id), {
      data: { requestedDeadline: addDays(today, 90), deadline: addDays(today, 40) },
    });
  });

  t.test(
    'a major hazard is listed for supervision with its own deadline; a general one cannot be',
    async (t) => {
      const id = await report();
      const listed = await act(
        app,
        id,
        'supervision',
        { deadline: addDays(today, 15), authority: '开发区安委办', reference: '开安委办〔2026〕3号' },
        await supervisor(),
      );
      t.match(json(listed), { status: 'reported', supervision: { deadline: addDays(today, 15) } });
      t.match(await stored(service, id), { supervised: true });
      t.match(await events.waitFor('HazardSupervisionListed', id), {
        data: { supervised: true, supervisionDeadline: addDays(today, 15), authority: '开发区安委办' },
      });
      const general = await report({ grade: 'general', basis: undefined });
      const refused = await act(
        app,
        general,
        'supervision',
        { deadline: addDays(today, 15), authority: '安委办' },
        await supervisor(),
      );
      t.equal(refused.statusCode, 409);
      t.match(json(refused), { currentState: 'reported', grade: 'general' });
    },
  );

  t.test('a forbidden transition is a 409 that says the current state and what is allowed', async (t) => {
    const id = await report();
    const response = await act(app, id, 'accept', {}, await supervisor());
    t.equal(response.statusCode, 409);
    t.match(json(response), {
      type: 'urn:zone-risk:problem:conflict',
      currentState: 'reported',
      action: 'accept',
      allowed: ['plan', 'list-supervision', 'add-evidence'],
    });
    t.match(await stored(service, id), { status: 'reported', _version: 1 }, 'nothing written');
  });

  t.test('roles: an inspector cannot accept, a supervisor cannot plan (403)', async (t) => {
    const id = await report();
    t.equal((await act(app, id, 'accept', {}, await inspector())).statusCode, 403);
    t.equal((await act(app, id, 'plan', plan(addDays(today, 5)), await supervisor())).statusCode, 403);
  });

  t.test('a supervisor who reported the hazard cannot accept it: 403 saying why', async (t) => {
    const both = await as(['inspector', 'safety-supervisor'], 'sup-li', '李强');
    const id = await report({}, both);
    await act(app, id, 'plan', plan(addDays(today, 5)), both);
    await act(app, id, 'submit', {}, both);
    const response = await act(app, id, 'accept', {}, both);
    t.equal(response.statusCode, 403);
    t.match(json(response), { detail: /You reported or inspected/, reason: 'own-hazard' });
    t.equal((await act(app, id, 'accept', {}, await supervisor())).statusCode, 200, 'another supervisor may');
  });

  t.test('state changes need If-Match: 428 without, 412 when stale (with the current ETag)', async (t) => {
    const id = await report();
    const missing = await app.inject({
      method: 'POST',
      url: `/hazards/${id}/plan`,
      headers: await inspector(),
      payload: plan(addDays(today, 5)),
    });
    t.equal(missing.statusCode, 428);
    t.match(json(missing), { currentVersion: 1 });
    await act(app, id, 'plan', plan(addDays(today, 5)), await inspector());
    const stale = await app.inject({
      method: 'POST',
      url: `/hazards/${id}/submit`,
      headers: { ...(await inspector()), 'if-match': `"${id}.v1"` },
      payload: {},
    });
    t.equal(stale.statusCode, 412);
    t.equal(stale.headers.etag, `"${id}.v2"`);
    t.match(json(stale), { currentVersion: 2 });
  });

  t.test('an action on an unknown hazard is a 404', async (t) => {
    const response = await app.inject({
      method: 'POST',
      url: '/hazards/hz-missing/submit',
      headers: { ...(await inspector()), 'if-match': '"hz-missing.v1"' },
      payload: {},
    });
    t.equal(response.statusCode, 404);
  });
});
