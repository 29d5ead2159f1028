import { createHash } from 'node:crypto';
import t from 'tap';
import { itemBody, jpeg, pdf } from '../helpers/fixtures.ts';
import {
  act,
  json,
  multipart,
  riskOffice,
  staff,
  startService,
  stored,
  supervisor,
} from '../helpers/service.ts';

interface ItemView {
  id: string;
  status: string;
  version: number;
  progress: number;
  allowedActions: string[];
  reports: { id: string; evidence: { id: string; sha256: string; url: string; contentType: string }[] }[];
  acceptances: {
    city: { by: { id: string }; at: string } | null;
    province: { by: { id: string }; at: string } | null;
  };
  notice: { endsAt: string; workingDays: number } | null;
}

const MAX = 64 * 1024;

t.test('the rectification life cycle', async (t) => {
  const service = await startService(t, { env: { EVIDENCE_MAX_BYTES: String(MAX) } });
  const { app, events } = service;

  async function register(overrides: Record<string, unknown> = {}): Promise<string> {
    const response = await app.inject({
      method: 'POST',
      url: '/items',
      headers: await staff(),
      payload: itemBody(overrides),
    });
    return json<ItemView>(response).id;
  }
  const progress = async (id: string, percent: number) =>
    app.inject({
      method: 'POST',
      url: `/items/${id}/progress`,
      headers: await staff(),
      payload: { percent, note: `完成${percent}%` },
    });

  t.test(
    'a central-inspection item: progress → acceptance (city, then province) → notice → objection → back, each stored and published',
    async (t) => {
      const id = await register();
      const first = await progress(id, 40);
      t.equal(first.statusCode, 201);
      t.match(json(first), { status: 'in-progress', progress: 40, reports: [{ id: 'r1', percent: 40 }] });
      t.match(await events.waitFor('RectificationProgressReported', id), {
        data: { status: 'in-progress', progress: 40, report: { id: 'r1', percent: 40, evidence: [] } },
      });

      const early = await act(app, id, 'request-acceptance', {}, await staff());
      t.equal(early.statusCode, 409, 'not before 100 %');
      t.match(json(early), { reason: 'progress-incomplete', progress: 40 });

      const photo = jpeg(5000);
      const report = pdf(3000);
      const form = multipart({ percent: '100', note: '提标改造完成' }, [
        { filename: '现场.jpg', contentType: 'image/jpeg', content: photo },
        { filename: '监测报告.pdf', contentType: 'application/pdf', content: report },
      ]);
      const done = await app.inject({
        method: 'POST',
        url: `/items/${id}/progress`,
        headers: { ...(await staff()), ...form.headers },
        payload: form.payload,
      });
      t.equal(done.statusCode, 201);
      const withEvidence = json<ItemView>(done);
      const files = withEvidence.reports[1]?.evidence ?? [];
      t.same(
        files.map((f) => [f.contentType, f.sha256]),
        [
          ['image/jpeg', createHash('sha256').update(photo).digest('hex')],
          ['application/pdf', createHash('sha256').update(report).digest('hex')],
        ],
      );
      t.match(await events.waitForVersion(id, 3), {
        type: 'zone.environment.RectificationProgressReported.v1',
        data: {
          progress: 100,
          report: { id: 'r2', evidence: [{ contentType: 'image/jpeg' }, { contentType: 'application/pdf' }] },
        },
      });
      const download = await app.inject({
        method: 'GET',
        url: files[1]?.url ?? '',
        headers: await riskOffice(),
      });
      t.equal(download.statusCode, 200);
      t.equal(download.headers['content-type'], 'application/pdf');
      t.equal(
        createHash('sha256').update(download.rawPayload).digest('hex'),
        files[1]?.sha256,
        'same bytes back',
      );

      const requested = await act(app, id, 'request-acceptance', { note: '申请验收' }, await staff());
      t.match(json(requested), { status: 'acceptance-requested', allowedActions: ['accept-city', 'return'] });
      t.match(await events.waitFor('RectificationAcceptanceRequested', id), {
        data: { status: 'acceptance-requested', note: '申请验收' },
      });

      const early2 = await act(app, id, 'accept', { level: 'province' }, await supervisor());
      t.equal(early2.statusCode, 409, 'the province accepts after the city');
      t.match(json(early2), {
        currentState: 'acceptance-requested',
        action: 'accept-province',
        allowed: ['accept-city', 'return'],
      });

      const city = await act(app, id, 'accept', { level: 'city', note: '市级验收通过' }, await supervisor());
      t.match(json(city), {
        status: 'city-accepted',
        acceptances: { city: { by: { id: 'env-zhou' } }, province: null },
      });
      t.match(await events.waitFor('RectificationAccepted', id), {
        data: {
          status: 'city-accepted',
          level: 'city',
          final: false,
          acceptedBy: { id: 'env-zhou', name: '周强' },
        },
      });
      const province = await act(app, id, 'accept', { level: 'province' }, await supervisor());
      const accepted = json<ItemView>(province);
      t.equal(accepted.status, 'accepted');
      t.match(await stored(service, id), {
        status: 'accepted',
        acceptances: { province: { by: { id: 'env-zhou' } } },
        timerArmed: false,
      });
      const acceptedEvent = await events.waitForVersion(id, 6);
      t.match(acceptedEvent, {
        data: {
          level: 'province',
          final: true,
          status: 'accepted',
          acceptedAt: accepted.acceptances.province?.at,
        },
      });

      const published = await act(
        app,
        id,
        'publish-notice',
        { channel: '开发区管委会门户网站' },
        await supervisor(),
      );
      t.match(json(published), {
        status: 'public-notice',
        notice: { workingDays: 7, channel: '开发区管委会门户网站' },
      });
      t.match(await stored(service, id), { timerArmed: true });
      t.match(await events.waitFor('RectificationNoticePublished', id), {
        data: { status: 'public-notice', notice: { workingDays: 7 } },
      });

      const objected = await act(
        app,
        id,
        'objection',
        { objection: '夜间仍有异味', objector: '群众来电' },
        await supervisor(),
      );
      t.match(json(objected), {
        status: 'in-progress',
        notice: null,
        acceptances: { city: null, province: null },
        objections: 1,
      });
      t.match(await events.waitFor('RectificationObjectionRaised', id), {
        data: { status: 'in-progress', objection: '夜间仍有异味', recordedBy: { id: 'env-zhou' } },
      });

      const history = json<{ entries: { event: string; by: { id: string } }[] }>(
        await app.inject({ method: 'GET', url: `/items/${id}/history`, headers: await riskOffice() }),
      );
      t.same(
        history.entries.map((e) => e.event),
        [
          'RectificationItemRegistered',
          'RectificationProgressReported',
          'RectificationProgressReported',
          'RectificationAcceptanceRequested',
          'RectificationAccepted',
          'RectificationAccepted',
          'RectificationNoticePublished',
          'RectificationObjectionRaised',
        ],
      );
    },
  );

  t.test(
    'a self-found item is accepted by the city alone; a return sends it back with the reason',
    async (t) => {
      const id = await register({ source: 'self-found' });
      await progress(id, 100);
      await act(app, id, 'request-acceptance', {}, await staff());
      const returned = await act(app, id, 'return', { reason: '监测数据不足' }, await supervisor());
      t.match(json(returned), { status: 'in-progress', returns: 1 });
      t.match(await events.waitFor('RectificationReturned', id), {
        data: { level: 'city', reason: '监测数据不足', returnedBy: { id: 'env-zhou' } },
      });
      await act(app, id, 'request-acceptance', {}, await staff());
      const accepted = await act(app, id, 'accept', { level: 'city' }, await supervisor());
      t.match(json(accepted), {
        status: 'accepted',
        provincialAcceptanceRequired: false,
        allowedActions: ['publish-notice'],
      });
    },
  );

  t.test(
    'a closed item recurs (反弹): reopened with a new deadline, RectificationItemRecurred published',
    async (t) => {
      const id = await register({ source: 'public-complaint' });
      await progress(id, 100);
      await act(app, id, 'request-acceptance', {}, await staff());
      await act(app, id, 'accept', { level: 'city' }, await supervisor());
      await act(app, id, 'publish-notice', {}, await supervisor());
      service.clock.set(new Date(Date.now() + 30 * 86_400_000));
      t.equal(await app.domain.sweepOnce(), 1);
      t.match(await events.waitFor('RectificationItemClosed', id), { data: { status: 'closed' } });
      const reopened = await act(
        app,
        id,
        'recur',
        { reason: '再次出现噪声扰民', deadline: '2099-06-30' },
        await staff(),
      );
      t.match(json(reopened), { status: 'in-progress', recurrences: 1, deadline: '2099-06-30', progress: 0 });
      t.match(await events.waitFor('RectificationItemRecurred', id), {
        data: { status: 'in-progress', recurrences: 1, deadline: '2099-06-30', reason: '再次出现噪声扰民' },
      });
      service.clock.set(new Date());
    },
  );

  t.test(
    'roles: staff cannot accept, a supervisor cannot report progress or request acceptance (403)',
    async (t) => {
      const id = await register();
      t.equal((await act(app, id, 'accept', { level: 'city' }, await staff())).statusCode, 403);
      t.equal((await act(app, id, 'request-acceptance', {}, await supervisor())).statusCode, 403);
      const response = await app.inject({
        method: 'POST',
        url: `/items/${id}/progress`,
        headers: await supervisor(),
        payload: { percent: 10, note: 'x' },
      });
      t.equal(response.statusCode, 403);
    },
  );

  t.test('state changes need If-Match: 428 without, 412 when stale (with the current ETag)', async (t) => {
    const id = await register();
    await progress(id, 100);
    const missing = await app.inject({
      method: 'POST',
      url: `/items/${id}/request-acceptance`,
      headers: await staff(),
      payload: {},
    });
    t.equal(missing.statusCode, 428);
    t.match(json(missing), { currentVersion: 2 });
    const stale = await app.inject({
      method: 'POST',
      url: `/items/${id}/request-acceptance`,
      headers: { ...(await staff()), 'if-match': `"${id}.v1"` },
      payload: {},
    });
    t.equal(stale.statusCode, 412);
    t.equal(stale.headers.etag, `"${id}.v2"`);
    t.match(json(stale), { currentVersion: 2 });
    t.match(await stored(service, id), { status: 'in-progress', _version: 2 }, 'nothing written');
  });

  t.test('a forbidden transition is a 409 with the current state and what is allowed', async (t) => {
    const id = await register();
    const response = await act(app, id, 'publish-notice', {}, await supervisor());
    t.equal(response.statusCode, 409);
    t.match(json(response), {
      currentState: 'pending',
      action: 'publish-notice',
      allowed: ['report-progress'],
    });
  });

  t.test('evidence: over the size limit is a 413, another type a 415, and nothing is kept', async (t) => {
    const id = await register();
    const upload = async (content: Buffer, contentType: string) => {
      const form = multipart({ percent: '10', note: 'n' }, [{ filename: 'f', contentType, content }]);
      return app.inject({
        method: 'POST',
        url: `/items/${id}/progress`,
        headers: { ...(await staff()), ...form.headers },
        payload: form.payload,
      });
    };
    const files = () =>
      service.db.connection.db?.collection('evidence.files').countDocuments({ 'metadata.itemId': id });
    const big = await upload(jpeg(MAX + 1), 'image/jpeg');
    t.equal(big.statusCode, 413);
    t.match(json(big), { maxBytes: MAX });
    const word = await upload(Buffer.from('PK\x03\x04 a word document'), 'application/msword');
    t.equal(word.statusCode, 415);
    const renamed = await upload(Buffer.from('<html>not a pdf at all</html>'), 'application/pdf');
    t.equal(renamed.statusCode, 415);
    t.match(json(renamed), {
      accepted: ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'application/pdf'],
    });
    t.equal(await files(), 0, 'no file left behind');
    t.match(await stored(service, id), { status: 'pending', _version: 1 });
    const missingNote = await app.inject({
      method: 'POST',
      url: `/items/${id}/progress`,
      headers: await staff(),
      payload: { percent: 101 },
    });
    t.equal(missingNote.statusCode, 400);
    t.same(
      json<{ errors: { pointer: string }[] }>(missingNote)
        .errors.map((e) => e.pointer)
        .sort(),
      ['/note', '/percent'],
    );
  });
});
