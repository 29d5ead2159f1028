import { ManualClock } from '@zone-risk/calendar';
import t from 'tap';
import { type BusinessView, pdf, register, sampleBody } from '../helpers/fixtures.ts';
import {
  act,
  colleague,
  inspector,
  json,
  multipart,
  officer,
  riskOffice,
  startService,
  stored,
  supervisor,
  workingSupervisor,
} from '../helpers/service.ts';

interface CaseView {
  id: string;
  status: string;
  overdue: boolean;
  deadline: string;
  retestUntil: string | null;
  officer: { id: string } | null;
  closedAs: string | null;
  allowedActions: string[];
  evidence: { id: string; sha256: string; url: string }[];
}

t.test('sampling and disposal (抽检 → 核查处置)', async (t) => {
  // A Tuesday morning in the zone.
  const clock = new ManualClock('2026-03-10T02:00:00Z');
  const service = await startService(t, { clock });
  const { app, events } = service;
  let serial = 100;

  async function unqualifiedSample(): Promise<{ business: BusinessView; sampleId: string; caseId: string }> {
    serial += 1;
    const business = await register(app, serial, { categories: ['school-canteen'] });
    const response = await app.inject({
      method: 'POST',
      url: '/samples',
      headers: { ...(await officer()), 'idempotency-key': `sample-${serial}` },
      payload: sampleBody(business.creditCode, false, {
        sampledOn: '2026-03-09',
        productionDate: '2026-03-08',
      }),
    });
    t.equal(response.statusCode, 201, 'sample recorded');
    const sample = json<{ id: string; verdict: string; caseId: string }>(response);
    t.equal(sample.verdict, 'unqualified');
    return { business, sampleId: sample.id, caseId: sample.caseId };
  }
  const read = async (id: string) =>
    json<CaseView>(
      await app.inject({ method: 'GET', url: `/disposal-cases/${id}`, headers: await riskOffice() }),
    );
  const businessOf = async (code: string) =>
    json<BusinessView>(
      await app.inject({ method: 'GET', url: `/businesses/${code}`, headers: await riskOffice() }),
    );

  t.test(
    'an unqualified sample opens a case, feeds the business’s record at once and a retry records it once',
    async (t) => {
      const { business, sampleId, caseId } = await unqualifiedSample();
      t.match(await events.waitFor('SampleRecorded', sampleId), { data: { verdict: 'unqualified', caseId } });
      t.match(await events.waitFor('DisposalCaseOpened', caseId), {
        data: {
          status: 'opened',
          cause: { kind: 'sample', ref: sampleId },
          deadline: '2026-06-08',
          retestUntil: '2026-03-19',
        },
      });
      const after = await businessOf(business.creditCode);
      t.match(after.record, [{ kind: 'sample', ref: sampleId, result: 'unqualified', void: false }]);
      t.ok(after.score > business.score, 'the dynamic risk rose');
      t.match(await events.waitFor('BusinessRecordAdded', business.creditCode), {
        data: { entry: { ref: sampleId } },
      });

      const again = await app.inject({
        method: 'POST',
        url: '/samples',
        headers: { ...(await officer()), 'idempotency-key': `sample-${serial}` },
        payload: sampleBody(business.creditCode, false, {
          sampledOn: '2026-03-09',
          productionDate: '2026-03-08',
        }),
      });
      t.equal(again.statusCode, 201, 'the retry is answered as the first request was');
      t.equal(json<{ id: string }>(again).id, sampleId);
      t.equal((await businessOf(business.creditCode)).record.length, 1, 'counted once');
    },
  );

  t.test('a qualified sample opens nothing', async (t) => {
    serial += 1;
    const business = await register(app, serial);
    const response = await app.inject({
      method: 'POST',
      url: '/samples',
      headers: await officer(),
      payload: sampleBody(business.creditCode, true),
    });
    t.match(json(response), { verdict: 'qualified', caseId: null });
    t.same((await businessOf(business.creditCode)).record, []);
  });

  t.test(
    'investigation → measures → closed by a supervisor who is not the officer; the penalty feeds the grade',
    async (t) => {
      const { business, caseId } = await unqualifiedSample();
      t.equal(
        (
          await act(
            app,
            '/disposal-cases',
            caseId,
            'start-investigation',
            { note: '约谈' },
            await workingSupervisor(),
          )
        ).statusCode,
        200,
      );
      const measures = await act(
        app,
        '/disposal-cases',
        caseId,
        'record-measures',
        { taken: ['stop-sale', 'penalty'], detail: '宁市监罚〔2026〕88号' },
        await officer(),
      );
      t.match(json(measures), { status: 'measures-recorded', allowedActions: ['record-measures', 'close'] });
      const own = await act(
        app,
        '/disposal-cases',
        caseId,
        'close',
        { outcome: '已处罚' },
        await workingSupervisor(),
      );
      t.equal(own.statusCode, 403, 'the case officer cannot close their own case');
      t.match(json(own), { reason: 'officer-cannot-close' });
      t.equal(
        (await act(app, '/disposal-cases', caseId, 'close', { outcome: 'x' }, await colleague())).statusCode,
        403,
        'an officer is not a supervisor',
      );
      const before = await businessOf(business.creditCode);
      const closed = await act(
        app,
        '/disposal-cases',
        caseId,
        'close',
        { outcome: '下架召回，立案处罚' },
        await supervisor(),
      );
      t.equal(closed.statusCode, 200);
      t.match(json(closed), { status: 'closed', closedAs: 'handled', allowedActions: [] });
      t.match(await events.waitFor('DisposalCaseClosed', caseId), {
        data: { status: 'closed', measures: ['stop-sale', 'penalty'] },
      });
      const after = await businessOf(business.creditCode);
      t.match(
        after.record.map((e) => e.kind),
        ['sample', 'penalty'],
        'the penalty entered the record',
      );
      t.ok(after.score > before.score, 'and raised the score');
      const history = json<{ entries: { event: string; by: { id: string } }[] }>(
        await app.inject({
          method: 'GET',
          url: `/disposal-cases/${caseId}/history`,
          headers: await riskOffice(),
        }),
      );
      t.same(
        history.entries.map((e) => e.event),
        [
          'DisposalCaseOpened',
          'DisposalInvestigationStarted',
          'DisposalMeasuresRecorded',
          'DisposalCaseClosed',
        ],
      );
      t.equal(history.entries.at(-1)?.by.id, 'fd-gao');
    },
  );

  t.test('a qualified retest closes the case as unfounded and the sample no longer counts', async (t) => {
    const { business, sampleId, caseId } = await unqualifiedSample();
    await act(app, '/disposal-cases', caseId, 'start-investigation', {}, await officer());
    t.equal(
      (await act(app, '/disposal-cases', caseId, 'request-retest', { lab: '省检院' }, await officer()))
        .statusCode,
      200,
    );
    const byOfficer = await act(
      app,
      '/disposal-cases',
      caseId,
      'record-retest',
      { qualified: true },
      await officer(),
    );
    t.equal(byOfficer.statusCode, 403, 'a qualified result closes the case: a supervisor records it');
    const result = await act(
      app,
      '/disposal-cases',
      caseId,
      'record-retest',
      { qualified: true, report: 'FJ-2026-118' },
      await supervisor(),
    );
    t.match(json(result), { status: 'closed', closedAs: 'unfounded' });
    const after = await businessOf(business.creditCode);
    t.match(after.record, [{ kind: 'sample', ref: sampleId, void: true }]);
    t.equal(after.score, business.score, 'back to the score it had before the sample');
  });

  t.test(
    'an unqualified retest sends the case back to investigation; the window closes after its working days',
    async (t) => {
      const { caseId } = await unqualifiedSample();
      await act(app, '/disposal-cases', caseId, 'start-investigation', {}, await officer());
      await act(app, '/disposal-cases', caseId, 'request-retest', { lab: '省检院' }, await officer());
      const back = await act(
        app,
        '/disposal-cases',
        caseId,
        'record-retest',
        { qualified: false },
        await supervisor(),
      );
      t.match(json(back), { status: 'investigating' });
      const wrong = await act(app, '/disposal-cases', caseId, 'close', { outcome: 'x' }, await supervisor());
      t.equal(wrong.statusCode, 409);
      t.match(json(wrong), {
        currentState: 'investigating',
        action: 'close',
        allowed: ['request-retest', 'record-measures'],
      });

      const { caseId: late } = await unqualifiedSample();
      await act(app, '/disposal-cases', late, 'start-investigation', {}, await officer());
      clock.set('2026-03-19T16:00:00Z'); // the 20th in the zone: past 7 working days
      const refused = await act(
        app,
        '/disposal-cases',
        late,
        'request-retest',
        { lab: '省检院' },
        await officer(),
      );
      t.equal(refused.statusCode, 409);
      t.match(json(refused), { reason: 'retest-window-closed', retestUntil: '2026-03-19' });
      clock.set('2026-03-10T02:00:00Z');
    },
  );

  t.test('a case not closed by its deadline becomes overdue by time alone, once', async (t) => {
    const { caseId } = await unqualifiedSample();
    clock.set('2026-06-08T15:00:00Z');
    await app.domain.sweepOnce();
    t.equal((await read(caseId)).overdue, false, 'not during the deadline day');
    clock.set('2026-06-08T16:00:01Z');
    await app.domain.sweepOnce();
    t.match(await events.waitFor('DisposalCaseBecameOverdue', caseId), {
      data: { overdue: true, dueDate: '2026-06-08' },
    });
    await app.domain.sweepOnce();
    // A marker after the second sweep: a qualified sample's event comes after anything it published.
    serial += 1;
    const marker = await register(app, serial);
    await events.waitFor('BusinessRegistered', marker.creditCode);
    t.equal(
      events.all().filter((e) => e.type.includes('DisposalCaseBecameOverdue') && e.aggregateid === caseId)
        .length,
      1,
      'published once',
    );
    t.equal((await stored(service, caseId))?.timerArmed, false, 'the timer is disarmed');
    clock.set('2026-03-10T02:00:00Z');
  });

  t.test(
    'evidence files are stored with their SHA-256 and served back; a closed case takes none',
    async (t) => {
      const { caseId } = await unqualifiedSample();
      const form = multipart({}, [
        { filename: '处罚决定书.pdf', contentType: 'application/pdf', content: pdf(4000) },
      ]);
      const response = await app.inject({
        method: 'POST',
        url: `/disposal-cases/${caseId}/evidence`,
        headers: { ...(await officer()), ...form.headers },
        payload: form.payload,
      });
      t.equal(response.statusCode, 201);
      const file = json<CaseView>(response).evidence[0];
      t.match(file, { sha256: /^[0-9a-f]{64}$/ });
      const download = await app.inject({ method: 'GET', url: file?.url ?? '', headers: await riskOffice() });
      t.equal(download.statusCode, 200);
      t.equal(download.rawPayload.length, 4000);
      t.match(await events.waitFor('DisposalEvidenceAdded', caseId), {
        data: { files: [{ sha256: file?.sha256 }] },
      });
    },
  );

  t.test(
    'roles: an inspector of another domain reads nothing, the risk office reads but does not act',
    async (t) => {
      const { caseId } = await unqualifiedSample();
      t.equal(
        (await app.inject({ method: 'GET', url: `/disposal-cases/${caseId}`, headers: await inspector() }))
          .statusCode,
        403,
      );
      t.equal(
        (await act(app, '/disposal-cases', caseId, 'start-investigation', {}, await riskOffice())).statusCode,
        403,
      );
      const list = await app.inject({
        method: 'GET',
        url: '/disposal-cases?status=opened',
        headers: await riskOffice(),
      });
      t.ok(json<{ items: { id: string }[] }>(list).items.some((c) => c.id === caseId));
    },
  );
});
