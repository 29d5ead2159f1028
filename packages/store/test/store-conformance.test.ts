// What our code relies on from the document store, checked against whatever MONGO_URL names:
// the local FerretDB front or a real MongoDB 7+. A store that loses concurrent updates, misses
// a unique index or hangs on a bulk fails here loudly instead of corrupting data later.
import { useTestDatabase } from '@zone-risk/testkit';
import { mongo } from 'mongoose';
import t from 'tap';
import { bulkWriteInChunks } from '../src/bulk.ts';

t.test('of 20 concurrent compare-and-set updates on the same version, exactly one wins', async (t) => {
  const { connection } = await useTestDatabase(t, 'conformance');
  const docs = connection.collection('cas');
  await docs.insertOne({ _id: 'doc' as never, version: 0, owner: null });
  const results = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      docs.updateOne({ _id: 'doc' as never, version: 0 }, { $set: { version: 1, owner: `writer-${i}` } }),
    ),
  );
  t.equal(results.filter((r) => r.modifiedCount === 1).length, 1, 'one winner');
  const stored = await docs.findOne({ _id: 'doc' as never });
  t.equal(stored?.version, 1);
  t.match(stored?.owner, /^writer-\d+$/);
});

t.test('200 concurrent $inc from four connections add up to 200', async (t) => {
  const { dbName, url } = await useTestDatabase(t, 'conformance');
  const clients = await Promise.all(
    Array.from({ length: 4 }, () => new mongo.MongoClient(url, { maxPoolSize: 50 }).connect()),
  );
  t.teardown(() => Promise.all(clients.map((c) => c.close())));
  const first = clients[0]?.db(dbName).collection('counters');
  await first?.insertOne({ _id: 'c' as never, n: 0 });
  await Promise.all(
    Array.from({ length: 200 }, (_, i) =>
      clients[i % clients.length]
        ?.db(dbName)
        .collection('counters')
        .updateOne({ _id: 'c' as never }, { $inc: { n: 1 } }),
    ),
  );
  const stored = await first?.findOne({ _id: 'c' as never });
  t.equal(stored?.n, 200);
});

t.test('a unique index rejects a duplicate with E11000', async (t) => {
  const { connection } = await useTestDatabase(t, 'conformance');
  const docs = connection.collection('unique');
  await docs.createIndex({ code: 1, batch: 1 }, { unique: true, name: 'code_batch_unique' });
  await docs.insertOne({ code: 'A-1', batch: 'b1' });
  await docs.insertOne({ code: 'A-1', batch: 'b2' });
  const error = await docs.insertOne({ code: 'A-1', batch: 'b1' }).catch((e: unknown) => e);
  t.type(error, mongo.MongoServerError);
  t.equal((error as mongo.MongoServerError).code, 11000);
  t.equal(await docs.countDocuments(), 2);
});

t.test('a bulk of ten updates completes', async (t) => {
  const { connection } = await useTestDatabase(t, 'conformance');
  const docs = connection.collection('bulk');
  await docs.insertMany(Array.from({ length: 10 }, (_, i) => ({ _id: i as never, n: 0 })));
  const result = await docs.bulkWrite(
    Array.from({ length: 10 }, (_, i) => ({
      updateOne: { filter: { _id: i as never }, update: { $set: { n: i } } },
    })),
  );
  t.equal(result.modifiedCount, 9, 'document 0 already had n = 0');
  t.equal(result.matchedCount, 10);
});

// How long the chunked bulk takes is `pnpm bench:store`; here, that it completes and lands whole.
t.test(
  'a bulk of 60 updates is applied whole or refused with advice to chunk; through bulkWriteInChunks every update lands',
  async (t) => {
    const { connection } = await useTestDatabase(t, 'conformance');
    const docs = connection.collection('bulk60');
    await docs.insertMany(Array.from({ length: 60 }, (_, i) => ({ _id: i as never, n: 0 })));
    const outcome = await docs
      .bulkWrite(
        Array.from({ length: 60 }, (_, i) => ({
          updateOne: { filter: { _id: i as never }, update: { $set: { n: 1 } } },
        })),
      )
      .then(
        (r) => `completed: ${r.modifiedCount} modified`,
        (e: Error) => `refused: ${e.message}`,
      );
    t.comment(`bulk of 60 updates: ${outcome}`);
    t.match(
      outcome,
      /^(completed: 60 modified|refused: .*chunk)/,
      'either all applied or refused with advice to chunk',
    );
    const ping = await connection.db?.command({ ping: 1 });
    t.equal(ping?.ok, 1, 'the store still answers');

    // The data layer's chunked bulk gets the same 60 updates through on any store, each its own value.
    const totals = await bulkWriteInChunks(
      docs,
      Array.from({ length: 60 }, (_, i) => ({
        updateOne: { filter: { _id: i as never }, update: { $set: { n: 100 + i } } },
      })),
    );
    t.same(
      totals,
      { insertedCount: 0, matchedCount: 60, modifiedCount: 60, deletedCount: 0, upsertedCount: 0 },
      'every update matched and modified its document, none inserted one',
    );
    const stored = await docs.find({}).sort({ _id: 1 }).toArray();
    t.same(
      stored.map((doc) => [doc._id, doc.n]),
      Array.from({ length: 60 }, (_, i) => [i, 100 + i]),
      'each of the 60 documents holds its own update, and there are no others',
    );
  },
);

// The plan's node names: MongoDB's stages (IDHACK, EXPRESS_IXSCAN, IXSCAN, COLLSCAN…) or, through
// FerretDB, PostgreSQL's node types (Bitmap Index Scan, Index Scan, Seq Scan…).
function planNodes(plan: unknown): string[] {
  if (Array.isArray(plan)) return plan.flatMap(planNodes);
  if (plan === null || typeof plan !== 'object') return [];
  return Object.entries(plan).flatMap(([key, value]) =>
    (key === 'stage' || key === 'Node Type') && typeof value === 'string' ? [value] : planNodes(value),
  );
}
const fullScan = /^(?:COLLSCAN|Seq Scan)$/;
const indexScan = /IDHACK|IXSCAN|Index Scan/;

// How fast these are is `pnpm bench:store`; here, that they hit the right document and that the
// store plans a find by _id on its _id index (the speed follows from that, not from luck).
t.test(
  'on a 20,000-document collection, find and update by _id hit their document and the _id index',
  async (t) => {
    const { connection } = await useTestDatabase(t, 'conformance');
    const docs = connection.collection('big');
    for (let start = 0; start < 20_000; start += 2_000) {
      await docs.insertMany(
        Array.from({ length: 2_000 }, (_, i) => ({
          _id: `item-${start + i}` as never,
          n: start + i,
          pad: 'x'.repeat(100),
        })),
      );
    }
    t.equal(await docs.countDocuments(), 20_000);
    for (let i = 0; i < 15; i++) {
      const n = (i * 1_297) % 20_000;
      const id = `item-${n}`;
      const found = await docs.findOne({ _id: id as never });
      t.equal(found?._id, id);
      const updated = await docs.updateOne({ _id: id as never }, { $inc: { n: 1 } });
      t.equal(updated.modifiedCount, 1);
      t.equal((await docs.findOne({ _id: id as never }))?.n, n + 1, `the update reached ${id}`);
    }

    const explain = (filter: Record<string, unknown>) =>
      connection.db?.command({ explain: { find: 'big', filter }, verbosity: 'queryPlanner' });
    const byId = planNodes(await explain({ _id: 'item-5000' }));
    t.notOk(
      byId.some((node) => fullScan.test(node)),
      `a find by _id scans no collection (plan: ${byId.join(' > ')})`,
    );
    t.ok(
      byId.some((node) => indexScan.test(node)),
      `a find by _id is served by an index (plan: ${byId.join(' > ')})`,
    );
    // The control: the same explain reports a full scan where there is no index, so the check above
    // tells the two apart instead of passing on a plan it cannot read.
    const byUnindexed = planNodes(await explain({ n: 5000 }));
    t.ok(
      byUnindexed.some((node) => fullScan.test(node)),
      `a find by an unindexed field scans (plan: ${byUnindexed.join(' > ')})`,
    );
  },
);
