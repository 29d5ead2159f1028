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

t.test('a bulk of 60 updates completes or fails fast, and the store answers right after', async (t) => {
  const { connection } = await useTestDatabase(t, 'conformance');
  const docs = connection.collection('bulk60');
  await docs.insertMany(Array.from({ length: 60 }, (_, i) => ({ _id: i as never, n: 0 })));
  const started = Date.now();
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
  const elapsed = Date.now() - started;
  t.comment(`bulk of 60 updates: ${outcome} in ${elapsed} ms`);
  t.ok(elapsed < 5_000, `answered in ${elapsed} ms`);
  t.match(
    outcome,
    /^(completed: 60 modified|refused: .*chunk)/,
    'either all applied or refused with advice to chunk',
  );
  const ping = await connection.db?.command({ ping: 1 });
  t.equal(ping?.ok, 1, 'the store still answers');
  // The data layer's chunked bulk gets the same 60 updates through on any store.
  const totals = await bulkWriteInChunks(
    docs,
    Array.from({ length: 60 }, (_, i) => ({
      updateOne: { filter: { _id: i as never }, update: { $set: { n: 2 } } },
    })),
  );
  t.equal(totals.modifiedCount, 60);
  t.equal(await docs.countDocuments({ n: 2 }), 60);
});

t.test('find and update by _id stay fast on a 20,000-document collection', async (t) => {
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
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
  const findTimes: number[] = [];
  const updateTimes: number[] = [];
  for (let i = 0; i < 15; i++) {
    const id = `item-${(i * 1_297) % 20_000}`;
    let started = performance.now();
    const found = await docs.findOne({ _id: id as never });
    findTimes.push(performance.now() - started);
    t.equal(found?._id, id);
    started = performance.now();
    const updated = await docs.updateOne({ _id: id as never }, { $inc: { n: 1 } });
    updateTimes.push(performance.now() - started);
    t.equal(updated.modifiedCount, 1);
  }
  const find = median(findTimes);
  const update = median(updateTimes);
  t.comment(
    `20,000 docs: find by _id median ${find.toFixed(1)} ms, update by _id median ${update.toFixed(1)} ms`,
  );
  // Generous bound: a store that scans the collection per write (FerretDB on SQLite) is far slower.
  t.ok(find < 50, `find by _id ${find.toFixed(1)} ms < 50 ms`);
  t.ok(update < 50, `update by _id ${update.toFixed(1)} ms < 50 ms`);
});
