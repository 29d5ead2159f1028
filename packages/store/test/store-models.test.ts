// What mongoose sends for our models, checked on whatever store MONGO_URL names: a model built from
// a zod schema by `storeModel`, written and read through mongoose the way the services do.
import { useTestDatabase } from '@zone-risk/testkit';
import { Schema } from 'mongoose';
import t from 'tap';
import { z } from 'zod';
import { storeModel } from '../src/index.ts';
import { mongooseFields } from '../src/schema.ts';

const person = z.object({ id: z.string(), name: z.string().optional() });
const fields = z.object({
  title: z.string(),
  status: z.enum(['open', 'closed']),
  count: z.int(),
  at: z.date(),
  due: z.string().nullable(),
  plan: z.object({ measures: z.string(), by: person, at: z.date() }).nullable(),
  photos: z.array(z.object({ id: z.string(), size: z.int() })),
  tags: z.array(z.string()),
  details: z.record(z.string(), z.unknown()),
  flag: z.boolean().default(false),
});

function things(connection: Parameters<typeof storeModel>[0]) {
  return storeModel(connection, {
    name: 'Thing',
    collection: 'things',
    fields,
    extra: { _version: Number, _outbox: Schema.Types.Mixed },
    indexes: ['status', 'count'],
  });
}

const first = {
  _id: 'a',
  title: '隐患',
  status: 'open',
  count: 1,
  at: new Date('2026-03-02T02:00:00Z'),
  due: null,
  plan: null,
  photos: [],
  tags: ['x'],
  details: {},
  flag: false,
  _version: 1,
};

t.test('the fields of a zod object become the model’s paths, nested objects nested schemas', async (t) => {
  const paths = mongooseFields(fields) as Record<string, { type?: unknown } | unknown[]>;
  t.equal((paths.title as { type: unknown }).type, String);
  t.same((paths.status as { enum: unknown }).enum, ['open', 'closed']);
  t.equal((paths.at as { type: unknown }).type, Date);
  t.type((paths.plan as { type: unknown }).type, Schema, 'a nested object is a schema of its own');
  t.type((paths.photos as unknown[])[0], Schema, 'an array of objects is a document array');
  t.equal((paths.details as { type: unknown }).type, Schema.Types.Mixed, 'a record is Mixed');
});

t.test('insertOne, lean reads and createIndexes through a model', async (t) => {
  const { connection } = await useTestDatabase(t, 'models');
  const model = things(connection);
  await model.createIndexes();
  const names = (await model.collection.indexes()).map((index) => index.name).sort();
  t.same(names, ['_id_', 'count_1', 'status_1'], 'the declared indexes exist');

  await model.insertOne(first);
  const doc = await model.findOne({ _id: 'a' }).lean();
  t.same(doc, first, 'stored as given: no __v, no subdocument _id, empty objects kept');
  t.type(doc?.at, Date, 'dates come back as dates');
  await t.rejects(
    model.insertOne({ ...first, _id: 'b', extra: 1 }),
    /not in schema/,
    'an undeclared field throws',
  );
  await t.rejects(model.insertOne(first), { code: 11000 }, 'a taken _id is a duplicate key');
});

t.test('updateOne through a model: nested $set, null and back, $push $each of objects', async (t) => {
  const { connection } = await useTestDatabase(t, 'models');
  const model = things(connection);
  await model.insertOne(first);
  const plan = {
    measures: '加装泄爆片',
    by: { id: 'p-1', name: '赵刚' },
    at: new Date('2026-03-03T00:00:00Z'),
  };
  const set = await model.updateOne(
    { _id: 'a', _version: 1 },
    {
      $set: { plan, status: 'closed', '_outbox.2': { id: 'e-2' }, _version: 2 },
      $push: { photos: { $each: [{ id: 'ph-1', size: 10 }] } },
    },
  );
  t.equal(set.matchedCount, 1);
  const stale = await model.updateOne({ _id: 'a', _version: 1 }, { $set: { count: 9 } });
  t.equal(stale.matchedCount, 0, 'a condition on the version that no longer holds matches nothing');
  let doc = await model.findOne({ _id: 'a' }).lean();
  t.same(doc?.plan, plan, 'a nested object is stored whole');
  t.same(doc?.photos, [{ id: 'ph-1', size: 10 }], 'pushed without an _id');
  t.same(doc?._outbox, { 2: { id: 'e-2' } }, 'a path inside a Mixed field');
  t.equal(doc?.count, 1);

  await model.updateOne({ _id: 'a' }, { $set: { plan: null } });
  doc = await model.findOne({ _id: 'a' }).lean();
  t.equal(doc?.plan, null, 'a nested object can be null again');
  await t.rejects(
    model.updateOne({ _id: 'a' }, { $set: { nowhere: 1 } }),
    /not in schema/,
    'an update of an undeclared field throws',
  );
  const projected = await model.findOne({ _id: 'a' }, { photos: 0, _outbox: 0 }).lean();
  t.notOk(projected && 'photos' in projected, 'an exclusion projection leaves the field out');
  t.equal(projected?.title, '隐患');
});

t.test('find with sort and limit, distinct and deleteMany through a model', async (t) => {
  const { connection } = await useTestDatabase(t, 'models');
  const model = things(connection);
  for (let i = 1; i <= 5; i++) {
    await model.insertOne({ ...first, _id: `t${i}`, count: i, status: i % 2 ? 'open' : 'closed' });
  }
  const page = await model.find({ status: 'open' }).sort({ count: -1, _id: -1 }).limit(2).lean();
  t.same(
    page.map((doc) => doc._id),
    ['t5', 't3'],
  );
  t.same((await model.distinct('status')).sort(), ['closed', 'open']);
  const deleted = await model.deleteMany({ status: 'closed' });
  t.equal(deleted.deletedCount, 2);
  t.equal(await model.countDocuments({}), 3);
});

t.test('upserts with $setOnInsert, exists, $in and a $lt range through a model', async (t) => {
  const { connection } = await useTestDatabase(t, 'models');
  const model = things(connection);
  const now = new Date('2026-03-02T02:00:00Z');
  const upsert = (title: string) =>
    model.updateOne(
      { _id: 'u' },
      { $set: { title }, $setOnInsert: { ...first, _id: undefined, title: undefined, at: now } },
      { upsert: true },
    );
  t.equal((await upsert('first')).upsertedCount, 1, 'inserted the first time');
  t.equal((await upsert('second')).upsertedCount, 0, 'updated the second');
  t.match(await model.findOne({ _id: 'u' }).lean(), { title: 'second', at: now, status: 'open' });
  t.ok(await model.exists({ _id: 'u' }), 'exists finds it');
  t.equal(await model.exists({ _id: 'none' }), null, 'and not what is not there');

  await model.insertOne({ ...first, _id: 'old', at: new Date('2020-01-01T00:00:00Z') });
  t.same(
    (await model.find({ _id: { $in: ['u', 'old', 'none'] } }, { _id: 1 }).lean())
      .map((doc) => doc._id)
      .sort(),
    ['old', 'u'],
  );
  const deleted = await model.deleteMany({ at: { $lt: new Date('2021-01-01T00:00:00Z') } });
  t.equal(deleted.deletedCount, 1, 'a range delete takes only the old one');
  t.equal(await model.countDocuments({ status: 'open' }), 1);
});

t.test(
  'an upsert conditioned on an older version: the newer stands, a stale one meets the unique _id',
  async (t) => {
    const { connection } = await useTestDatabase(t, 'models');
    const model = things(connection);
    const write = (count: number) =>
      model.updateOne(
        { _id: 'v', count: { $lt: count } },
        { $set: { ...first, _id: undefined, count } },
        { upsert: true },
      );
    t.equal((await write(2)).upsertedCount, 1, 'inserted');
    t.equal((await write(3)).modifiedCount, 1, 'a newer version replaces it');
    await t.rejects(write(1), { code: 11000 }, 'an older one is refused by the unique _id, not written');
    t.equal((await model.findOne({ _id: 'v' }).lean<{ count: number }>())?.count, 3);
  },
);

t.test(
  'a compare-and-set on a date field, found by equality and projected to _id and that date',
  async (t) => {
    const { connection } = await useTestDatabase(t, 'models');
    const model = things(connection);
    const at = new Date('2026-03-02T02:00:00.123Z');
    await model.insertOne({ ...first, _id: 'd1', at });
    await model.insertOne({ ...first, _id: 'd2', at, status: 'closed' });
    const found = await model.find({ status: 'open' }, { _id: 1, at: 1 }).lean();
    t.same(found, [{ _id: 'd1', at }], 'an inclusion projection keeps _id and the named field only');
    t.type(found[0]?.at, Date, 'the projected date comes back as a date');

    const moved = new Date(at.getTime() + 1);
    const won = await model.updateOne({ _id: 'd1', status: 'open', at }, { $set: { at: moved, count: 2 } });
    t.equal(won.modifiedCount, 1, 'the date read matches: the write wins');
    const lost = await model.updateOne({ _id: 'd1', status: 'open', at }, { $set: { count: 3 } });
    t.equal(lost.matchedCount, 0, 'the date moved since: the write matches nothing');
    t.match(await model.findOne({ _id: 'd1' }).lean(), { at: moved, count: 2 });
  },
);

t.test(
  'a field named errors (reserved by mongoose on hydrated documents): stored, pushed to, read lean',
  async (t) => {
    const { connection } = await useTestDatabase(t, 'models');
    const reports = storeModel(connection, {
      name: 'Report',
      collection: 'reports',
      fields: z.object({
        status: z.string(),
        errors: z.array(z.object({ line: z.int(), field: z.string(), reason: z.string() })),
      }),
      options: { suppressReservedKeysWarning: true },
    });
    await reports.insertOne({ _id: 'r', status: 'running', errors: [] });
    await reports.updateOne(
      { _id: 'r' },
      { $set: { status: 'done' }, $push: { errors: { $each: [{ line: 2, field: 'code', reason: 'bad' }] } } },
    );
    await reports.updateOne(
      { _id: 'r' },
      { $push: { errors: { $each: [{ line: 3, field: 'name', reason: 'empty' }] } } },
    );
    t.same(await reports.findOne({ _id: 'r' }).lean(), {
      _id: 'r',
      status: 'done',
      errors: [
        { line: 2, field: 'code', reason: 'bad' },
        { line: 3, field: 'name', reason: 'empty' },
      ],
    });
  },
);

t.test(
  'range and membership filters on top-level fields: a day string that may be null, a number, a list of values',
  async (t) => {
    const { connection } = await useTestDatabase(t, 'models');
    const model = things(connection);
    await model.insertOne({ ...first, _id: 'r1', due: '2026-05-02', count: 1 });
    await model.insertOne({ ...first, _id: 'r2', due: '2026-12-31', count: 2, status: 'closed' });
    await model.insertOne({ ...first, _id: 'r3', due: null, count: 3 });
    const ids = (docs: { _id: unknown }[]) => docs.map((doc) => doc._id).sort();
    // The food-drug service's `due=behind`: a day on or before today, never a null one.
    t.same(ids(await model.find({ due: { $lte: '2026-11-30' } }, { _id: 1 }).lean()), ['r1']);
    t.same(
      ids(await model.find({ due: { $lte: '9999-12-31' } }, { _id: 1 }).lean()),
      ['r1', 'r2'],
      'null never compares',
    );
    // The re-grader: a number below the current version, a batch at a time.
    t.same(
      ids(
        await model
          .find({ count: { $lt: 3 } }, { _id: 1 })
          .limit(1)
          .lean(),
      ).length,
      1,
    );
    // A draw's filter: one of several values, with an equality beside it.
    t.same(ids(await model.find({ status: { $in: ['open'] }, count: { $lt: 5 } }, { _id: 1 }).lean()), [
      'r1',
      'r3',
    ]);
  },
);
