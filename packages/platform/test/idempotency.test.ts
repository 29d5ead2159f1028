import { eventually, useTestDatabase } from '@zone-risk/testkit';
import type { Connection } from 'mongoose';
import t, { type Test } from 'tap';
import { z } from 'zod';
import type { IdempotencyOptions } from '../src/idempotency/hooks.ts';
import { IDEMPOTENCY_COLLECTION, sweepIdempotencyRecords } from '../src/idempotency/records.ts';
import { as, testApp } from './helpers/app.ts';

// A route with a side effect we can count in the real database: one inspection per handler run.
async function inspectionsApp(t: Test, idempotency: IdempotencyOptions = {}) {
  const { connection } = await useTestDatabase(t, 'platform_idem');
  const app = await testApp(t, { store: connection, idempotency });
  const inspections = () => db(connection).collection('inspections');
  let failuresLeft = 0;
  app.post(
    '/inspections',
    { schema: { body: z.object({ enterpriseCode: z.string(), delayMs: z.number().default(0) }) } },
    async (request, reply) => {
      await new Promise((resolve) => setTimeout(resolve, request.body.delayMs));
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        throw new Error('store hiccup');
      }
      const { insertedId } = await inspections().insertOne({ enterpriseCode: request.body.enterpriseCode });
      reply.code(201).header('location', `/inspections/${insertedId}`);
      return { id: String(insertedId), enterpriseCode: request.body.enterpriseCode };
    },
  );
  const post = async (key: string | undefined, body: Record<string, unknown>, sub = 'inspector-1') =>
    app.inject({
      method: 'POST',
      url: '/inspections',
      headers: { ...(await as(['inspector'], sub)), ...(key ? { 'idempotency-key': key } : {}) },
      payload: body,
    });
  return {
    app,
    connection,
    post,
    count: () => inspections().countDocuments(),
    failNext: (n: number) => {
      failuresLeft = n;
    },
  };
}

function db(connection: Connection) {
  if (!connection.db) throw new Error('store not connected');
  return connection.db;
}

const body = { enterpriseCode: '91110000100000000A' };

t.test(
  'when a client retries with the same key, it gets the first response and the handler ran once',
  async (t) => {
    const { post, count } = await inspectionsApp(t);
    const first = await post('key-1', body);
    const retry = await post('key-1', body);
    t.equal(first.statusCode, 201);
    t.same([retry.statusCode, retry.json()], [201, first.json()]);
    t.equal(retry.headers.location, first.headers.location);
    t.equal(retry.headers['idempotent-replayed'], 'true');
    t.notOk(first.headers['idempotent-replayed']);
    t.equal(await count(), 1);
  },
);

t.test('without the header, every POST runs', async (t) => {
  const { post, count } = await inspectionsApp(t);
  await post(undefined, body);
  await post(undefined, body);
  t.equal(await count(), 2);
});

t.test('the same key with a different body is refused with 422 and creates nothing', async (t) => {
  const { post, count } = await inspectionsApp(t);
  await post('key-2', body);
  const reused = await post('key-2', { enterpriseCode: '91110000100000000B' });
  t.equal(reused.statusCode, 422);
  t.match(reused.json(), { type: 'urn:zone-risk:problem:unprocessable', detail: /different request body/ });
  t.equal(await count(), 1);
});

t.test('keys are scoped to the caller: two users with one key each get their own result', async (t) => {
  const { post, count } = await inspectionsApp(t);
  const a = await post('shared', body, 'inspector-a');
  const b = await post('shared', body, 'inspector-b');
  t.not(a.json().id, b.json().id);
  t.equal(await count(), 2);
});

t.test(
  'when two requests with one key arrive together, the handler runs once and both get its body',
  async (t) => {
    const { post, count } = await inspectionsApp(t);
    const [one, two] = await Promise.all([
      post('race', { ...body, delayMs: 300 }),
      post('race', { ...body, delayMs: 300 }),
    ]);
    t.equal(await count(), 1);
    t.same([one.statusCode, two.statusCode], [201, 201]);
    t.same(one.json(), two.json());
    t.same(
      [one.headers['idempotent-replayed'], two.headers['idempotent-replayed']].sort(),
      ['true', undefined].sort(),
      'exactly one is the replay',
    );
  },
);

t.test('a duplicate that waits longer than the bound gets 409 "still in progress"', async (t) => {
  const { post, count } = await inspectionsApp(t, { waitMs: 200 });
  const slow = post('slow', { ...body, delayMs: 1_000 });
  await new Promise((resolve) => setTimeout(resolve, 100));
  const impatient = await post('slow', { ...body, delayMs: 1_000 });
  t.equal(impatient.statusCode, 409);
  t.match(impatient.json(), { detail: /still in progress/, idempotencyKey: 'slow' });
  t.equal((await slow).statusCode, 201);
  t.equal(await count(), 1);
});

t.test('a 5xx is not stored: the retry with the same key runs the handler again', async (t) => {
  const { post, count, failNext } = await inspectionsApp(t);
  failNext(1);
  const failed = await post('flaky', body);
  t.equal(failed.statusCode, 500);
  const retry = await post('flaky', body);
  t.equal(retry.statusCode, 201);
  t.notOk(retry.headers['idempotent-replayed']);
  t.equal(await count(), 1);
});

t.test('a malformed key is a 400 naming the header', async (t) => {
  const { post } = await inspectionsApp(t);
  const res = await post('x'.repeat(300), body);
  t.equal(res.statusCode, 400);
  t.match(res.json().errors, [{ location: 'headers', pointer: '/idempotency-key' }]);
});

t.test('sweeping deletes records older than the retention and keeps recent ones', async (t) => {
  const { post, connection } = await inspectionsApp(t);
  const records = db(connection).collection(IDEMPOTENCY_COLLECTION);
  await post('fresh', body);
  const old = new Date(Date.now() - 25 * 3_600_000);
  await records.insertOne({ _id: 'old-1' as never, createdAt: old, lockedAt: old, state: 'completed' });
  t.equal(await sweepIdempotencyRecords(connection, 24 * 3_600_000), 1);
  t.equal(await records.countDocuments({ key: 'fresh' }), 1);
});

t.test('the sweeper runs on its interval while the app is up', async (t) => {
  const { app, connection } = await inspectionsApp(t, { sweepIntervalMs: 100, retentionMs: 60_000 });
  await app.ready(); // the sweeper starts with the app
  const records = db(connection).collection(IDEMPOTENCY_COLLECTION);
  const old = new Date(Date.now() - 120_000);
  await records.insertOne({ _id: 'old-2' as never, createdAt: old, lockedAt: old, state: 'completed' });
  await eventually(async () => {
    if ((await records.countDocuments({ _id: 'old-2' as never })) !== 0) throw new Error('not swept yet');
  });
  t.pass('swept');
});

t.test(
  'a lock older than staleLockMs (its process presumed dead) is taken over, and the new owner result is kept',
  async (t) => {
    const { post, count } = await inspectionsApp(t, { staleLockMs: 200 });
    const stuck = post('stuck', { ...body, delayMs: 800 });
    await new Promise((resolve) => setTimeout(resolve, 400));
    const same = await post('stuck', { ...body, delayMs: 800 });
    t.equal(same.statusCode, 201);
    await stuck;
    const replay = await post('stuck', { ...body, delayMs: 800 });
    t.equal(replay.headers['idempotent-replayed'], 'true');
    t.same(replay.json(), same.json(), "the late first request did not overwrite the new owner's response");
    t.equal(await count(), 2);
  },
);
