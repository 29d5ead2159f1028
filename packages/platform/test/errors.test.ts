import { Writable } from 'node:stream';
import t from 'tap';
import { z } from 'zod';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  PreconditionFailedError,
  PreconditionRequiredError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../src/errors.ts';
import { createLogger } from '../src/logging.ts';
import { as, testApp } from './helpers/app.ts';

const thrown = {
  validation: () =>
    new ValidationError('bad deadline', [{ location: 'body', pointer: '/deadline', message: 'in the past' }]),
  unauthorized: () => new UnauthorizedError(),
  forbidden: () => new ForbiddenError('only the accepting supervisor may close'),
  'not-found': () => new NotFoundError('hazard h1 does not exist'),
  conflict: () =>
    new ConflictError('cannot accept a hazard that is reported', {
      currentState: 'reported',
      allowed: ['start-rectification'],
    }),
  'precondition-failed': () => new PreconditionFailedError('stale', { extensions: { currentVersion: 3 } }),
  'precondition-required': () => new PreconditionRequiredError(),
  'payload-too-large': () => new PayloadTooLargeError(),
  'unsupported-media-type': () => new UnsupportedMediaTypeError(),
};
const expectedStatus: Record<keyof typeof thrown, number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'precondition-failed': 412,
  'precondition-required': 428,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
};

t.test('each domain error class is answered as problem+json with its status', async (t) => {
  const app = await testApp(t);
  app.get(
    '/throw/:kind',
    { schema: { params: z.object({ kind: z.enum(Object.keys(thrown)) }) } },
    async (request) => {
      throw thrown[request.params.kind as keyof typeof thrown]();
    },
  );
  const headers = await as(['inspector']);
  for (const [kind, status] of Object.entries(expectedStatus)) {
    const res = await app.inject({ method: 'GET', url: `/throw/${kind}`, headers });
    t.equal(res.statusCode, status, kind);
    t.match(res.headers['content-type'], /^application\/problem\+json/);
    const body = res.json();
    t.match(body, { type: `urn:zone-risk:problem:${kind}`, status, instance: `/throw/${kind}` }, kind);
    t.type(body.title, 'string');
    t.type(body.detail, 'string');
  }
  const conflict = (await app.inject({ method: 'GET', url: '/throw/conflict', headers })).json();
  t.same(
    [conflict.currentState, conflict.allowed],
    ['reported', ['start-rectification']],
    '409 extension members',
  );
  const unauthorized = await app.inject({ method: 'GET', url: '/throw/unauthorized', headers });
  t.match(unauthorized.headers['www-authenticate'], /^Bearer/);
});

t.test('when a request body has two bad fields, the 400 problem lists both', async (t) => {
  const app = await testApp(t);
  const body = z.object({
    enterpriseCode: z.string().length(18),
    grade: z.enum(['general', 'major']),
    location: z.object({ building: z.string() }),
  });
  app.post('/hazards', { schema: { body } }, async () => ({ ok: true }));
  const res = await app.inject({
    method: 'POST',
    url: '/hazards',
    headers: await as(['inspector']),
    payload: { enterpriseCode: 'short', grade: 'medium', location: {} },
  });
  t.equal(res.statusCode, 400);
  const problem = res.json();
  t.equal(problem.type, 'urn:zone-risk:problem:validation');
  t.same(
    problem.errors.map((e: { location: string; pointer: string }) => `${e.location}${e.pointer}`).sort(),
    ['body/enterpriseCode', 'body/grade', 'body/location/building'],
  );
  for (const error of problem.errors) t.type(error.message, 'string');
});

t.test('a zod error thrown by a handler is a 400 listing its issues', async (t) => {
  const app = await testApp(t);
  app.get('/parse', async () => z.object({ a: z.number(), b: z.string() }).parse({}));
  const res = await app.inject({ method: 'GET', url: '/parse', headers: await as(['inspector']) });
  t.equal(res.statusCode, 400);
  t.same(
    res.json().errors.map((e: { pointer: string }) => e.pointer),
    ['/a', '/b'],
  );
});

t.test(
  'an unknown error is logged with request id and route, and answered 500 without details',
  async (t) => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const app = await testApp(t, {
      logger: createLogger({ level: 'info', service: 'test', destination: sink }),
    });
    app.get('/boom/:id', async () => {
      throw new Error('connection to 10.0.0.7 refused; password=hunter2');
    });
    const res = await app.inject({
      method: 'GET',
      url: '/boom/1',
      headers: { ...(await as(['inspector'])), 'x-request-id': 'req-42' },
    });
    t.equal(res.statusCode, 500);
    t.equal(res.headers['x-request-id'], 'req-42');
    t.notMatch(res.body, /10\.0\.0\.7|hunter2|Error:|at /);
    t.match(res.json(), {
      status: 500,
      title: 'Internal Server Error',
      requestId: 'req-42',
      instance: '/boom/1',
    });
    const logged = lines.find((line) => line.msg === 'request failed with an unexpected error');
    t.match(logged, { requestId: 'req-42', route: '/boom/:id', err: { message: /10\.0\.0\.7/ } });
    t.notMatch(JSON.stringify(lines), /Bearer /, 'the token never reaches the log');
  },
);

t.test('an unknown route answers 404 problem+json, with or without a token', async (t) => {
  const app = await testApp(t);
  for (const headers of [{}, await as(['inspector'])]) {
    const res = await app.inject({ method: 'GET', url: '/nowhere?x=1', headers });
    t.equal(res.statusCode, 404);
    t.match(res.headers['content-type'], /^application\/problem\+json/);
    t.match(res.json(), { type: 'urn:zone-risk:problem:not-found', status: 404, instance: '/nowhere' });
  }
});

t.test("fastify's own refusals (bad JSON, too large, wrong media type) are problem+json too", async (t) => {
  const app = await testApp(t, { bodyLimit: 100 });
  app.post('/echo', { schema: { body: z.object({ text: z.string() }) } }, async (request) => request.body);
  const headers = await as(['inspector']);
  const badJson = await app.inject({
    method: 'POST',
    url: '/echo',
    headers: { ...headers, 'content-type': 'application/json' },
    payload: '{"text":',
  });
  t.match([badJson.statusCode, badJson.json().type], [400, 'urn:zone-risk:problem:validation']);
  const large = await app.inject({
    method: 'POST',
    url: '/echo',
    headers,
    payload: { text: 'x'.repeat(200) },
  });
  t.match([large.statusCode, large.json().type], [413, 'urn:zone-risk:problem:payload-too-large']);
  const xml = await app.inject({
    method: 'POST',
    url: '/echo',
    headers: { ...headers, 'content-type': 'application/xml' },
    payload: '<text/>',
  });
  t.match([xml.statusCode, xml.json().type], [415, 'urn:zone-risk:problem:unsupported-media-type']);
});
