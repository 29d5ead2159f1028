import { bearer } from '@zone-risk/testkit';
import t, { type Test } from 'tap';
import { insertCorruptGadget } from './helpers/gadgets.ts';
import { harnessFor, type Trace } from './helpers/service.ts';

const headers = () => bearer(['inspector'], 'insp-wang', '王磊');

async function started(t: Test, trace: Trace = { stopping: [] }) {
  const service = await harnessFor(trace).startService(t);
  const created = await service.app.inject({
    method: 'POST',
    url: '/gadgets/g-1',
    headers: await headers(),
    payload: {},
  });
  t.equal(created.statusCode, 201);
  return service;
}

t.test(
  'a read answers the view with its ETag; an unknown id is a 404 problem in the aggregate’s words',
  async (t) => {
    const { app } = await started(t);
    const read = await app.inject({ method: 'GET', url: '/gadgets/g-1', headers: await headers() });
    t.equal(read.statusCode, 200);
    t.equal(read.headers.etag, '"g-1.v1"');
    t.match(read.json(), { id: 'g-1', label: 'made', status: 'built', version: 1 });

    const missing = await app.inject({ method: 'GET', url: '/gadgets/g-404', headers: await headers() });
    t.equal(missing.statusCode, 404);
    t.match(missing.headers['content-type'], /application\/problem\+json/);
    t.match(missing.json(), { status: 404, detail: 'Gadget g-404 does not exist' });
    const history = await app.inject({
      method: 'GET',
      url: '/gadgets/g-404/history',
      headers: await headers(),
    });
    t.equal(history.statusCode, 404);
  },
);

t.test(
  'an action needs If-Match: 428 without, 412 with an old version, and 200 with the new state, ETag, event and timeline',
  async (t) => {
    const { app, events } = await started(t);
    const tune = (ifMatch?: string, by = 2) =>
      headers().then((h) =>
        app.inject({
          method: 'POST',
          url: '/gadgets/g-1/tune',
          headers: ifMatch ? { ...h, 'if-match': ifMatch } : h,
          payload: { by },
        }),
      );
    const without = await tune();
    t.equal(without.statusCode, 428);
    t.match(without.json(), { currentVersion: 1 });

    const stale = await tune('"g-1.v7"');
    t.equal(stale.statusCode, 412);
    t.equal(stale.headers.etag, '"g-1.v1"', 'the 412 carries the current ETag');

    const done = await tune('"g-1.v1"');
    t.equal(done.statusCode, 200);
    t.equal(done.headers.etag, '"g-1.v3"', 'two steps, two versions');
    t.match(done.json(), { level: 2, status: 'tuned', version: 3 });
    t.match(await events.waitForVersion('g-1', 3), {
      type: 'zone.test.GadgetTuned.v1',
      data: { level: 2, tunedBy: { id: 'insp-wang', name: '王磊' } },
    });
    const history = await app.inject({
      method: 'GET',
      url: '/gadgets/g-1/history',
      headers: await headers(),
    });
    t.match(history.json(), {
      gadgetId: 'g-1',
      entries: [
        { event: 'GadgetBuilt', version: 1 },
        { event: 'GadgetTuned', version: 2, by: { id: 'insp-wang' }, details: { step: 1 } },
        { event: 'GadgetTuned', version: 3 },
      ],
    });
  },
);

t.test(
  'domain errors become problems: 409 with what is allowed, 400 with the field, 403 with the reason',
  async (t) => {
    const trace: Trace = { stopping: [], setOff: [] };
    const { app } = await started(t, trace);
    const post = async (path: string, payload: object) => {
      const read = await app.inject({ method: 'GET', url: '/gadgets/g-1', headers: await headers() });
      return app.inject({
        method: 'POST',
        url: `/gadgets/g-1/${path}`,
        headers: { ...(await headers()), 'if-match': String(read.headers.etag) },
        payload,
      });
    };
    const invalid = await post('tune', { by: 0 });
    t.equal(invalid.statusCode, 400);
    t.match(invalid.json(), {
      detail: 'A tuning must move the level',
      errors: [{ location: 'body', pointer: '/by', message: 'must not be 0' }],
    });
    const forbidden = await post('tune', { by: -1 });
    t.equal(forbidden.statusCode, 403);
    t.match(forbidden.json(), { reason: 'below-zero' });

    t.same(trace.setOff, [], 'refused actions set nothing off');
    t.equal((await post('retire', { reason: '到期报废' })).statusCode, 200);
    t.same(
      trace.setOff,
      [{ status: 'retired', version: 2, by: 'insp-wang' }],
      'a row’s after runs after its write, with the new state',
    );
    const refused = await post('tune', { by: 1 });
    t.equal(refused.statusCode, 409);
    t.match(refused.json(), { currentState: 'retired', action: 'tune', allowed: [] });
    const schema = await post('tune', { by: 'two' });
    t.equal(schema.statusCode, 400, 'the body schema still validates first');
  },
);

t.test(
  'the action table is the OpenAPI document: each action with its body, example and problems',
  async (t) => {
    const { app } = await started(t);
    const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
    const tune = doc.paths['/gadgets/{id}/tune']?.post;
    t.ok(tune, 'the action has its route');
    t.strictSame(tune.tags, ['gadget life cycle']);
    t.match(tune.description, /Requires If-Match\.$/);
    for (const status of ['200', '400', '403', '404', '409', '412', '428']) {
      t.ok(status in tune.responses, `${status} is documented`);
    }
    const body = tune.requestBody?.content?.['application/json'];
    t.match(JSON.stringify(body), /"by":2/, 'with the example');
    t.ok(doc.paths['/gadgets/{id}/history']?.get, 'the timeline has its route');
  },
);

t.test(
  'a stored document that does not fit the schema is answered 500, not blamed on the caller',
  async (t) => {
    const { app, db } = await started(t);
    await insertCorruptGadget(db.connection, 'g-bad');
    const read = await app.inject({ method: 'GET', url: '/gadgets/g-bad', headers: await headers() });
    t.equal(read.statusCode, 500);
    t.match(read.json(), { status: 500, detail: /unexpected error/ });
  },
);
