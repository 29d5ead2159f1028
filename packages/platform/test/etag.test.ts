import t from 'tap';
import { z } from 'zod';
import { etagFor, requireIfMatch, versionFromEtag } from '../src/etag.ts';
import { as, testApp } from './helpers/app.ts';

t.test('an entity tag names the version and reads back', async (t) => {
  t.equal(etagFor('h1', 4), '"h1.v4"');
  t.equal(versionFromEtag('"h1.v4"'), 4);
  t.equal(versionFromEtag('W/"4"'), 4);
  t.equal(versionFromEtag('h1.v4'), undefined, 'unquoted is not a tag');
});

t.test('If-Match: missing is 428, stale is 412 with the current version, fresh passes', async (t) => {
  const app = await testApp(t);
  let version = 3;
  app.patch('/hazards/:id', { schema: { params: z.object({ id: z.string() }) } }, async (request, reply) => {
    requireIfMatch(request, version, { id: request.params.id });
    version += 1;
    reply.header('etag', etagFor(request.params.id, version));
    return { version };
  });
  const headers = await as(['inspector']);
  const missing = await app.inject({ method: 'PATCH', url: '/hazards/h1', headers, payload: {} });
  t.equal(missing.statusCode, 428);
  t.match(missing.json(), { type: 'urn:zone-risk:problem:precondition-required', currentVersion: 3 });

  const stale = await app.inject({
    method: 'PATCH',
    url: '/hazards/h1',
    headers: { ...headers, 'if-match': '"h1.v2"' },
  });
  t.equal(stale.statusCode, 412);
  t.match(stale.json(), { type: 'urn:zone-risk:problem:precondition-failed', currentVersion: 3 });
  t.equal(stale.headers.etag, '"h1.v3"');

  const fresh = await app.inject({
    method: 'PATCH',
    url: '/hazards/h1',
    headers: { ...headers, 'if-match': '"h1.v3"' },
  });
  t.same([fresh.statusCode, fresh.json(), fresh.headers.etag], [200, { version: 4 }, '"h1.v4"']);
  t.equal(version, 4, 'only the fresh write went through');
});

t.test('when If-Match is optional, a request without it passes', async (t) => {
  const app = await testApp(t);
  app.put('/settings', async (request) => {
    requireIfMatch(request, 1, { required: false });
    return { ok: true };
  });
  const res = await app.inject({
    method: 'PUT',
    url: '/settings',
    headers: await as(['admin']),
    payload: {},
  });
  t.equal(res.statusCode, 200);
});
