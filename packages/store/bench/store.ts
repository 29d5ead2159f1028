// pnpm bench:store [--documents 20000] [--small 100] [--samples 15]
// Uses MONGO_URL (default: the local store); works in a database of its own, dropped at the end.
// Find and update by _id on a large collection, against two baselines measured in the same run:
// the same operations on a small collection (an index makes them cost about the same) and a find by
// an unindexed field on the large one (a full scan: what a lost _id index would cost). Then 60
// updates by _id through `bulkWriteInChunks` (six bulks of ten; the store front refuses one bulk of
// 60, which would hang FerretDB) against the same 60 as single updateOne calls.
import { randomBytes } from 'node:crypto';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import type { mongo } from 'mongoose';
import { bulkWriteInChunks, connectStore, MAX_UPDATE_STATEMENTS } from '../src/index.ts';

const { values } = parseArgs({
  options: {
    documents: { type: 'string', default: '20000' },
    small: { type: 'string', default: '100' },
    samples: { type: 'string', default: '15' },
  },
});
const large = Number(values.documents);
const small = Number(values.small);
const samples = Number(values.samples);
const mongoUrl = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017';

console.log(
  `machine: ${availableParallelism()} cpus (${cpus()[0]?.model ?? '?'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString()}`,
);
console.log(`store ${mongoUrl}; ${samples} samples of each operation\n`);

type Doc = { _id: string; n: number; pad: string };

async function fill(collection: mongo.Collection<Doc>, count: number): Promise<void> {
  for (let start = 0; start < count; start += 2_000) {
    const size = Math.min(2_000, count - start);
    await collection.insertMany(
      Array.from({ length: size }, (_, i) => ({
        _id: `item-${start + i}`,
        n: start + i,
        pad: 'x'.repeat(100),
      })),
    );
  }
}

function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Median milliseconds of `run(i)` over the samples; each run must report that it hit its document. */
async function timed(run: (i: number) => Promise<boolean>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    const hit = await run(i);
    times.push(performance.now() - started);
    if (!hit) throw new Error(`sample ${i} missed its document`);
  }
  return median(times);
}

// Spread over the collection; 1,297 is prime, so the ids do not repeat within the samples.
const idIn = (count: number, i: number) => `item-${(i * 1_297) % count}`;

async function measure(collection: mongo.Collection<Doc>, count: number) {
  const find = await timed(async (i) => (await collection.findOne({ _id: idIn(count, i) })) !== null);
  const update = await timed(
    async (i) =>
      (await collection.updateOne({ _id: idIn(count, i) }, { $inc: { n: 1 } })).modifiedCount === 1,
  );
  return { find, update };
}

const store = await connectStore({ url: mongoUrl, dbName: `bench_store_${randomBytes(4).toString('hex')}` });
try {
  const db = store.db;
  if (!db) throw new Error('store not connected');
  const big = db.collection<Doc>('big');
  const little = db.collection<Doc>('little');
  const started = performance.now();
  await fill(big, large);
  console.log(`filled ${large} documents in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  await fill(little, small);

  const atSmall = await measure(little, small);
  const atLarge = await measure(big, large);
  // Values near the end of the insertion order: even a store that stops at the first match reads
  // (almost) the whole collection.
  const scan = await timed(async (i) => (await big.findOne({ n: large - 1 - i })) !== null);
  // Each sample updates 60 documents no other sample touches, and must modify every one of them.
  const BULK = 60;
  const bulkOf = (sample: number, offset: number) =>
    Array.from({ length: BULK }, (_, k) => idIn(large, offset + sample * BULK + k));
  const chunked = await timed(async (i) => {
    const ops = bulkOf(i, 0).map((_id) => ({ updateOne: { filter: { _id }, update: { $inc: { n: 1 } } } }));
    return (await bulkWriteInChunks(big, ops)).modifiedCount === BULK;
  });
  const singles = await timed(async (i) => {
    let modified = 0;
    for (const _id of bulkOf(i, samples * BULK)) {
      modified += (await big.updateOne({ _id }, { $inc: { n: 1 } })).modifiedCount;
    }
    return modified === BULK;
  });

  const ms = (x: number) => `${x.toFixed(1).padStart(7)} ms`;
  console.log(
    `\nmedians                            ${String(small).padStart(7)} docs ${String(large).padStart(7)} docs  ratio`,
  );
  console.log(
    `find by _id                        ${ms(atSmall.find)}   ${ms(atLarge.find)}   ${(atLarge.find / atSmall.find).toFixed(2)}x`,
  );
  console.log(
    `update by _id                      ${ms(atSmall.update)}   ${ms(atLarge.update)}   ${(atLarge.update / atSmall.update).toFixed(2)}x`,
  );
  console.log(`find by an unindexed field (scan)             ${ms(scan)}`);
  console.log(
    `${`${BULK} updates by _id, bulkWriteInChunks (${Math.ceil(BULK / MAX_UPDATE_STATEMENTS)} bulks)`.padEnd(46)}${ms(chunked)}   ${(chunked / BULK).toFixed(2)} ms per update`,
  );
  console.log(
    `${`${BULK} updates by _id, one updateOne each`.padEnd(46)}${ms(singles)}   ${(singles / BULK).toFixed(2)} ms per update`,
  );
  console.log(
    `\nscan / find by _id at ${large}: ${(scan / atLarge.find).toFixed(1)}x. With the _id index, find and update by _id cost about the same at ${large} as at ${small} documents (ratio near 1) and a fraction of the scan; without it they cost about the scan.`,
  );
} finally {
  await store.dropDatabase().catch(() => undefined);
  await store.close();
}
