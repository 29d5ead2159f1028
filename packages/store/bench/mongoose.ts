// pnpm bench:mongoose [--ops 200] [--bulks 40] [--imports 2] [--rounds 5]
// Uses MONGO_URL (default: the local store); works in a database of its own, dropped at the end.
// The same operations through a strict mongoose model built by `storeModel` and through the driver's
// `model.collection`, on one collection: median latency per operation, and the Node process's CPU
// time per operation — what the relay and an import pay on the service's event loop, while the
// store front serialises requests anyway. Rounds alternate which side goes first.
import { randomBytes, randomUUID } from 'node:crypto';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { type Model, Schema } from 'mongoose';
import { z } from 'zod';
import { connectStore, MAX_UPDATE_STATEMENTS, storeModel } from '../src/index.ts';

const { values } = parseArgs({
  options: {
    ops: { type: 'string', default: '200' },
    bulks: { type: 'string', default: '40' },
    imports: { type: 'string', default: '2' },
    rounds: { type: 'string', default: '5' },
  },
});
const ops = Number(values.ops);
const bulks = Number(values.bulks);
const imports = Number(values.imports);
const rounds = Number(values.rounds);
const IMPORT_SIZE = 1_000;
const mongoUrl = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017';

console.log(
  `machine: ${availableParallelism()} cpus (${cpus()[0]?.model ?? '?'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString()}`,
);
console.log(
  `store ${mongoUrl}; ${rounds} rounds after a warm-up, each: ${ops} updates and finds, ${bulks} bulks of ${MAX_UPDATE_STATEMENTS} updates, ${imports} insertMany of ${IMPORT_SIZE} per side\n`,
);

// An aggregate's stored shape: scalars, a nested object (which may be null), an array of small
// objects, and the outbox fields.
const person = z.object({ id: z.string(), name: z.string() });
const fields = z.object({
  title: z.string(),
  status: z.enum(['reported', 'planned', 'closed']),
  grade: z.enum(['general', 'major']),
  count: z.int(),
  deadline: z.string().nullable(),
  reportedAt: z.date(),
  plan: z.object({ measures: z.string(), by: person, at: z.date() }).nullable(),
  photos: z.array(z.object({ id: z.string(), size: z.int(), at: z.date() })),
});
const extra = {
  _version: Number,
  _outbox: Schema.Types.Mixed,
  _outboxPending: Boolean,
  _outboxLease: Schema.Types.Mixed,
};

type Side = 'model' | 'driver';
const SIDES: readonly Side[] = ['model', 'driver'];

function aggregate(id: string) {
  return {
    _id: id,
    title: `储罐区泄爆片缺失 ${id}`,
    status: 'reported',
    grade: 'general',
    count: 0,
    deadline: '2026-12-31',
    reportedAt: new Date(),
    plan: { measures: '加装泄爆片', by: { id: 'p-1', name: '赵刚' }, at: new Date() },
    photos: Array.from({ length: 3 }, (_, i) => ({ id: `ph-${i}`, size: 1_000 + i, at: new Date() })),
    _version: 0,
    _outboxPending: false,
  };
}

// An event as the outbox holds it (Mixed: mongoose does not cast inside it).
function event(id: string, version: number) {
  return {
    specversion: '1.0',
    id: randomUUID(),
    source: '/services/safety',
    type: 'zone.safety.HazardPlanned.v1',
    time: new Date().toISOString(),
    subject: id,
    datacontenttype: 'application/json',
    zoneid: 'demo-zone',
    aggregatetype: 'hazard',
    aggregateid: id,
    aggregateversion: version,
    correlationid: randomUUID(),
    data: { id, status: 'planned', grade: 'general', description: '储罐区泄爆片缺失', version },
  };
}

function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

interface Sample {
  /** Wall-clock milliseconds of each operation. */
  latencies: number[];
  /** Process CPU (user + system) milliseconds per operation, one value per round. */
  cpuPerOp: number[];
}

const emptySample = (): Sample => ({ latencies: [], cpuPerOp: [] });

/** Runs `count` operations one after another, recording each one's latency and the loop's CPU. */
async function loop(sample: Sample, count: number, run: (i: number) => Promise<void>): Promise<void> {
  const cpu = process.cpuUsage();
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await run(i);
    sample.latencies.push(performance.now() - started);
  }
  const used = process.cpuUsage(cpu);
  sample.cpuPerOp.push((used.user + used.system) / 1_000 / count);
}

interface Operation {
  name: string;
  /** Operations per side per round. */
  count: number;
  /** What one operation carries (an insertMany's documents, a bulk's updates): also shown per item. */
  per?: { count: number; what: string };
  run(side: Side, i: number): Promise<void>;
}

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`bench operation went wrong: ${what}`);
}

const store = await connectStore({
  url: mongoUrl,
  dbName: `bench_mongoose_${randomBytes(4).toString('hex')}`,
});
try {
  // biome-ignore lint/suspicious/noExplicitAny: the bench's models, documents of one known shape
  const things: Model<any> = storeModel(store, { name: 'Thing', collection: 'things', fields, extra });
  // biome-ignore lint/suspicious/noExplicitAny: as above
  const imported: Model<any> = storeModel(store, { name: 'Imported', collection: 'imported', fields, extra });
  const collection = things.collection;
  await things.createIndexes();

  // Each side works on its own documents of the one collection, so neither sees the other's writes.
  const docsPerSide = Math.max(ops, MAX_UPDATE_STATEMENTS * 10);
  const idOf = (side: Side, i: number) => `${side}-${i % docsPerSide}`;
  for (const side of SIDES) {
    await collection.insertMany(
      Array.from({ length: docsPerSide }, (_, i) => aggregate(idOf(side, i))) as never[],
    );
  }
  const versions = new Map<string, number>();
  const nextVersion = (id: string) => {
    const next = (versions.get(id) ?? 0) + 1;
    versions.set(id, next);
    return next;
  };
  let importSeq = 0;

  const operations: Operation[] = [
    {
      // A commit's update (fields, an outbox entry, the version) with the $unset of a trim.
      name: '(a) updateOne by _id: $set 5 paths + _outbox.<n>, $unset',
      count: ops,
      async run(side, i) {
        const id = idOf(side, i);
        const version = nextVersion(id);
        const filter = { _id: id, _version: version - 1 };
        const update = {
          $set: {
            status: version % 2 ? 'planned' : 'reported',
            count: version,
            plan: { measures: `措施 ${version}`, by: { id: 'p-2', name: '钱敏' }, at: new Date() },
            [`_outbox.${version}`]: event(id, version),
            _version: version,
            _outboxPending: true,
          },
          $unset: { [`_outbox.${version - 1}`]: '', _outboxLease: '' },
        };
        const result =
          side === 'model'
            ? await things.updateOne(filter, update)
            : await collection.updateOne(filter as never, update);
        check(result.modifiedCount === 1, `update of ${id} at ${version}`);
      },
    },
    {
      // The relay's trim: one bulk of at most ten conditional updates.
      name: `(b) bulkWrite of ${MAX_UPDATE_STATEMENTS} updateOne (the relay's trim)`,
      count: bulks,
      per: { count: MAX_UPDATE_STATEMENTS, what: 'update' },
      async run(side, i) {
        const batch = Array.from({ length: MAX_UPDATE_STATEMENTS }, (_, j) => {
          const id = idOf(side, i * MAX_UPDATE_STATEMENTS + j);
          const version = nextVersion(id);
          return {
            updateOne: {
              filter: { _id: id, _version: version - 1 },
              update: {
                $set: { _outboxPending: false, _version: version },
                $unset: { _outbox: '', _outboxLease: '' },
              },
            },
          };
        });
        const result =
          side === 'model'
            ? await things.bulkWrite(batch, { ordered: false })
            : await collection.bulkWrite(batch as never, { ordered: false });
        check(result.modifiedCount === MAX_UPDATE_STATEMENTS, `bulk ${i}`);
      },
    },
    {
      name: `(c) insertMany of ${IMPORT_SIZE} documents (an import)`,
      count: imports,
      per: { count: IMPORT_SIZE, what: 'document' },
      async run(side) {
        const docs = Array.from({ length: IMPORT_SIZE }, () => aggregate(`import-${importSeq++}`));
        if (side === 'model') await imported.insertMany(docs);
        else await imported.collection.insertMany(docs as never[]);
      },
    },
    {
      name: '(d) findOne({ _id }): .lean() vs collection.findOne',
      count: ops,
      async run(side, i) {
        const id = idOf(side, i * 7);
        const doc =
          side === 'model'
            ? await things.findOne({ _id: id }).lean<{ _id: string }>()
            : await collection.findOne({ _id: id } as never);
        check(doc?._id === id, `find of ${id}`);
      },
    },
  ];

  // Warm-up: JIT, the driver's pool, mongoose's schema caches; a tenth of a round, not recorded.
  for (const op of operations) {
    for (const side of SIDES)
      await loop(emptySample(), Math.max(1, Math.ceil(op.count / 10)), (i) => op.run(side, i));
  }

  const results = new Map(operations.map((op) => [op.name, { model: emptySample(), driver: emptySample() }]));
  for (let round = 0; round < rounds; round++) {
    const order: readonly Side[] = round % 2 === 0 ? SIDES : [...SIDES].reverse();
    for (const op of operations) {
      const result = results.get(op.name);
      if (!result) continue;
      for (const side of order) await loop(result[side], op.count, (i) => op.run(side, i));
    }
  }

  const cell = (x: number) => x.toFixed(x >= 100 ? 0 : x >= 10 ? 1 : x >= 1 ? 2 : 3).padStart(8);
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`.padStart(7);
  const row = (name: string, latency: Record<Side, number>, cpu: Record<Side, number>) =>
    `${name.padEnd(58)}${cell(latency.model)}${cell(latency.driver)}${ratio(latency.model, latency.driver)}  ${cell(cpu.model)}${cell(cpu.driver)}${ratio(cpu.model, cpu.driver)}${cell(cpu.model - cpu.driver)}`;
  console.log(`${''.padEnd(58)}   median latency, ms            CPU per operation, ms`);
  console.log(`${'operation'.padEnd(58)}   model  driver  ratio     model  driver  ratio   added`);
  for (const op of operations) {
    const result = results.get(op.name);
    if (!result) continue;
    const latency = { model: median(result.model.latencies), driver: median(result.driver.latencies) };
    const cpu = { model: median(result.model.cpuPerOp), driver: median(result.driver.cpuPerOp) };
    console.log(row(op.name, latency, cpu));
    if (op.per) {
      const { count, what } = op.per;
      const each = (x: Record<Side, number>) => ({ model: x.model / count, driver: x.driver / count });
      console.log(row(`    per ${what}`, each(latency), each(cpu)));
    }
  }
  console.log(
    `\nCPU is process.cpuUsage() (user + system, every thread: GC included) over each loop, divided by its operations; median over ${rounds} rounds. Latency: median of every operation of every round.`,
  );
} finally {
  await store.dropDatabase().catch(() => undefined);
  await store.close();
}
