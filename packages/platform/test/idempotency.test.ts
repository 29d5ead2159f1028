import { eventually, useTestDatabase } from '@zone-risk/testkit';
import type { Connection } from 'mongoose';
import { pino } from 'pino';
import t, { type Test } from 'tap';
import { z } from 'zod';
import type { IdempotencyOptions } from '../src/idempotency/hooks.ts';
import { IDEMPOTENCY_COLLECTION, sweepIdempotencyRecords } from '../src/idempotency/records.ts';
import { as, testApp } from './helpers/app.ts';

// A handler run the test holds: `entered` resolves once it runs (the key is then locked), and it
// finishes only when the test calls `release()`. This makes "while the first is in flight" a fact.
interface Hold {
  entered: Promise<void>;
  release(): void;
}

// A route with a side effect we can count in the real database: one inspection per handler run.
async function inspectionsApp(t: Test, idempotency: IdempotencyOptions = {}) {
  const { connection } = await useTestDatabase(t, 'platform_idem');
  // The app's log lines, to see a duplicate start waiting for the request in progress.
  const waits: (() => void)[] = [];
  const logger = pino(
    { level: 'info' },
    {
      write(line: string) {
        if (line.includes('waiting for its answer')) for (const seen of waits.splice(0)) seen();
      },
    },
  );
  const app = await testApp(t, { store: connection, idempotency, logger });
  const inspections = () => db(connection).collection('inspections');
  let failuresLeft = 0;
  const holds: { enter(): void; released: Promise<void> }[] = [];
  const arrivalWaiters: (() => void)[] = [];
  app.post(
    '/inspections',
    {
      schema: { body: z.object({ enterpriseCode: z.string() }) },
      // Route hooks run after the root's; preValidation comes before the idempotency preHandler.
      preValidation: async () => {
        for (const arrived of arrivalWaiters.splice(0)) arrived();
      },
    },
    async (request, reply) => {
      const hold = holds.shift();
      if (hold) {
        hold.enter();
        await hold.released;
      }
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
    /** Holds the next handler run until the test releases it. */
    holdNext: (): Hold => {
      const entered = Promise.withResolvers<void>();
      const released = Promise.withResolvers<void>();
      holds.push({ enter: entered.resolve, released: released.promise });
      return { entered: entered.promise, release: released.resolve };
    },
    /** Resolves when the next request reaches the route (before the idempotency check). Call before sending it. */
    nextArrival: () => new Promise<void>((resolve) => arrivalWaiters.push(resolve)),
    /** Resolves when the next duplicate has found the key in progress and waits. Call before sending it. */
    nextWait: () => new Promise<void>((resolve) => waits.push(resolve)),
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
    const { post, count, holdNext, nextArrival, nextWait } = await inspectionsApp(t);
    const first = holdNext();
    const sending = post('race', body);
    await first.entered; // the first holds the key, inside its handler
    const arrived = nextArrival();
    const waits = nextWait();
    const duplicate = post('race', body);
    await arrived; // the duplicate has reached the route while the first is held
    await waits; // and found the key in progress: it waits for the first's answer
    first.release();
    const [one, two] = await Promise.all([sending, duplicate]);
    t.equal(await count(), 1, 'the handler ran once');
    t.equal(one.statusCode, 201);
    t.notOk(one.headers['idempotent-replayed'], 'the first ran the handler');
    t.equal(two.statusCode, 201);
    t.equal(two.headers['idempotent-replayed'], 'true', 'the duplicate is the replay');
    t.same(two.json(), one.json());
  },
);

t.test('a duplicate that waits longer than the bound gets 409 "still in progress"', async (t) => {
  const { post, count, holdNext } = await inspectionsApp(t, { waitMs: 200 });
  const first = holdNext();
  const slow = post('slow', body);
  await first.entered;
  // The first stays held until the duplicate is answered: it cannot finish in time by luck.
  const impatient = await post('slow', body);
  first.release();
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
  t.equal(await records.countDocuments({}), 2, 'given one old and one fresh record');
  t.equal(await sweepIdempotencyRecords(connection, 24 * 3_600_000), 1, 'one deleted');
  t.equal(await records.countDocuments({ _id: 'old-1' as never }), 0, 'the old one is gone');
  t.equal(await records.countDocuments({ key: 'fresh' }), 1, 'the fresh one is kept');
  t.equal(await records.countDocuments({}), 1, 'and nothing else is left');
});

t.test('the sweeper runs on its interval while the app is up', async (t) => {
  const { app, connection, post } = await inspectionsApp(t, { sweepIntervalMs: 100, retentionMs: 60_000 });
  await app.ready(); // the sweeper starts with the app
  const records = db(connection).collection(IDEMPOTENCY_COLLECTION);
  await post('fresh', body);
  const keysAfterSweeping = async (oldKey: string) => {
    const old = new Date(Date.now() - 120_000);
    await records.insertOne({
      _id: oldKey as never,
      key: oldKey,
      createdAt: old,
      lockedAt: old,
      state: 'completed',
    });
    return eventually(async () => {
      const keys = (await records.find({}).toArray()).map((record) => record.key as string);
      if (keys.includes(oldKey)) throw new Error(`${oldKey} not swept yet`);
      return keys;
    });
  };
  // The sweeper only runs on its timer, so a sweep at all is the interval firing; two are it repeating.
  t.strictSame(await keysAfterSweeping('old-2'), ['fresh'], 'the expired record is gone, the fresh one kept');
  t.strictSame(await keysAfterSweeping('old-3'), ['fresh'], 'and the next one on a later run');
});

t.test(
  'a lock older than staleLockMs (its process presumed dead) is taken over, and the new owner result is kept',
  async (t) => {
    const { post, count, holdNext, connection } = await inspectionsApp(t, { staleLockMs: 60_000 });
    const first = holdNext();
    const stuck = post('stuck', body);
    await first.entered; // the first holds the lock, inside its handler
    // Its lock ages past staleLockMs: the store says so, no clock has to run for it.
    const aged = await db(connection)
      .collection(IDEMPOTENCY_COLLECTION)
      .updateOne(
        { key: 'stuck', state: 'in-progress' },
        { $set: { lockedAt: new Date(Date.now() - 120_000) } },
      );
    t.equal(aged.modifiedCount, 1, 'the first request holds the lock');
    const same = await post('stuck', body);
    t.equal(same.statusCode, 201);
    t.notOk(same.headers['idempotent-replayed'], 'the new owner ran the handler');
    first.release();
    const late = await stuck;
    t.equal(late.statusCode, 201, 'the presumed-dead first request still finishes');
    t.not(late.json().id, same.json().id);
    const replay = await post('stuck', body);
    t.equal(replay.headers['idempotent-replayed'], 'true');
    t.same(replay.json(), same.json(), "the late first request did not overwrite the new owner's response");
    t.equal(await count(), 2);
  },
);
