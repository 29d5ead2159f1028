// The operations our code may use, each checked for the result it must give, on whatever store
// MONGO_URL names. Anything not listed here is not to be used without adding it here first
// (see DEVELOPERS.md for what FerretDB 1.24 gets wrong).
import { useTestDatabase } from '@zone-risk/testkit';
import { mongo } from 'mongoose';
import t from 'tap';

interface OpsDoc {
  _id: string;
  n: number;
  tags: string[];
  list: number[];
  gone?: boolean;
  lo: number;
  hi: number;
  name?: string;
}

t.test('update operators give the documented results', async (t) => {
  const { connection } = await useTestDatabase(t, 'operations');
  const docs = connection.getClient().db(connection.name).collection<OpsDoc>('ops');
  await docs.insertOne({ _id: 'a', n: 5, tags: ['x'], list: [1, 2, 3], gone: true, lo: 10, hi: 10 });
  await docs.updateOne(
    { _id: 'a' },
    {
      $set: { name: '隐患' },
      $inc: { n: 2 },
      $addToSet: { tags: 'y' },
      $unset: { gone: '' },
      $min: { lo: 3 },
      $max: { hi: 30 },
    },
  );
  // No $slice: FerretDB 1.24 ignores it silently (the array keeps growing).
  await docs.updateOne({ _id: 'a' }, { $push: { list: { $each: [4, 5, 6] } } });
  await docs.updateOne({ _id: 'a' }, { $addToSet: { tags: 'x' } });
  await docs.updateOne({ _id: 'a' }, { $pop: { list: -1 } });
  await docs.updateOne({ _id: 'a' }, { $pull: { tags: 'x' } });
  const doc = await docs.findOne({ _id: 'a' });
  t.same(doc, { _id: 'a', n: 7, tags: ['y'], list: [2, 3, 4, 5, 6], lo: 3, hi: 30, name: '隐患' });
});

t.test('updateMany, upserts and insertMany behave as on MongoDB', async (t) => {
  const { connection } = await useTestDatabase(t, 'operations');
  const docs = connection.collection('many');
  const inserted = await docs.insertMany(Array.from({ length: 30 }, (_, i) => ({ i, even: i % 2 === 0 })));
  t.equal(inserted.insertedCount, 30);
  const many = await docs.updateMany({ even: true }, { $set: { tagged: true } });
  t.equal(many.modifiedCount, 15);
  const upsert = await docs.updateOne(
    { _id: 'new' as never },
    { $setOnInsert: { i: -1 }, $set: { seen: 1 } },
    { upsert: true },
  );
  t.equal(upsert.upsertedCount, 1);
  const again = await docs.updateOne(
    { _id: 'new' as never },
    { $setOnInsert: { i: -2 }, $set: { seen: 2 } },
    { upsert: true },
  );
  t.equal(again.upsertedCount, 0);
  t.same(await docs.findOne({ _id: 'new' as never }), { _id: 'new', i: -1, seen: 2 });
  t.equal(await docs.countDocuments({ tagged: true }), 15);
  const removed = await docs.deleteMany({ even: false });
  t.equal(removed.deletedCount, 15);
});

t.test('queries with $in, $or, $regex, $all, sort, skip, limit, countDocuments and distinct', async (t) => {
  const { connection } = await useTestDatabase(t, 'operations');
  const docs = connection.collection('query');
  await docs.insertMany([
    { _id: 1 as never, grade: 'major', status: 'reported', tags: ['fire', 'dust'], name: 'Alpha 化工' },
    { _id: 2 as never, grade: 'general', status: 'closed', tags: ['fire'], name: 'Beta 食品' },
    { _id: 3 as never, grade: 'major', status: 'rectifying', tags: ['dust'], name: 'Gamma 化工' },
    { _id: 4 as never, grade: 'general', status: 'reported', tags: ['fire', 'dust', 'gas'], name: 'Delta' },
  ]);
  const ids = async (filter: mongo.Filter<mongo.Document>) =>
    (await docs.find(filter).sort({ _id: 1 }).toArray()).map((d) => d._id);
  t.same(await ids({ status: { $in: ['reported', 'rectifying'] } }), [1, 3, 4]);
  t.same(await ids({ $or: [{ grade: 'major' }, { status: 'closed' }] }), [1, 2, 3]);
  t.same(await ids({ name: { $regex: '化工$' } }), [1, 3]);
  t.same(await ids({ tags: { $all: ['fire', 'dust'] } }), [1, 4]);
  const page = await docs.find({}).sort({ _id: -1 }).skip(1).limit(2).toArray();
  t.same(
    page.map((d) => d._id),
    [3, 2],
  );
  t.equal(await docs.countDocuments({ grade: 'major' }), 2);
  t.same((await docs.distinct('grade')).sort(), ['general', 'major']);
});

t.test(
  'aggregations with $match, compound $group, $sum, $unwind, $sort, $skip, $limit, $project and $count',
  async (t) => {
    const { connection } = await useTestDatabase(t, 'operations');
    const docs = connection.collection('agg');
    await docs.insertMany([
      { grade: 'major', status: 'reported', funds: 100, tags: ['a', 'b'] },
      { grade: 'major', status: 'reported', funds: 50, tags: ['a'] },
      { grade: 'major', status: 'closed', funds: 10, tags: [] },
      { grade: 'general', status: 'reported', funds: 5, tags: ['b'] },
    ]);
    // One accumulator per $group: FerretDB 1.24 computes only the first and answers 0 for the others.
    const counts = await docs
      .aggregate([
        { $match: { funds: { $gte: 5 } } },
        { $group: { _id: { grade: '$grade', status: '$status' }, count: { $sum: 1 } } },
      ])
      .toArray();
    // Sorted here: FerretDB 1.24 does not reliably apply a $sort on a field inside a compound _id.
    const key = (d: { _id: { grade: string; status: string } }) => `${d._id.grade}/${d._id.status}`;
    t.same(
      counts.sort((a, b) => key(a as never).localeCompare(key(b as never))),
      [
        { _id: { grade: 'general', status: 'reported' }, count: 1 },
        { _id: { grade: 'major', status: 'closed' }, count: 1 },
        { _id: { grade: 'major', status: 'reported' }, count: 2 },
      ],
    );
    const funds = await docs
      .aggregate([{ $group: { _id: '$grade', funds: { $sum: '$funds' } } }, { $sort: { funds: -1 } }])
      .toArray();
    t.same(funds, [
      { _id: 'major', funds: 160 },
      { _id: 'general', funds: 5 },
    ]);
    const tags = await docs
      .aggregate([{ $unwind: '$tags' }, { $group: { _id: '$tags', n: { $sum: 1 } } }, { $sort: { _id: 1 } }])
      .toArray();
    t.same(tags, [
      { _id: 'a', n: 2 },
      { _id: 'b', n: 2 },
    ]);
    const projected = await docs
      .aggregate([{ $sort: { funds: -1 } }, { $skip: 1 }, { $limit: 2 }, { $project: { _id: 0, funds: 1 } }])
      .toArray();
    t.same(projected, [{ funds: 50 }, { funds: 10 }]);
    const counted = await docs.aggregate([{ $match: { grade: 'major' } }, { $count: 'n' }]).toArray();
    t.same(counted, [{ n: 3 }]);
  },
);

t.test('GridFS stores and returns a file byte for byte', async (t) => {
  const { connection } = await useTestDatabase(t, 'operations');
  const db = connection.db;
  if (!db) throw new Error('no database handle');
  const bucket = new mongo.GridFSBucket(db, { bucketName: 'evidence' });
  // Bigger than one 255 KiB chunk, so the file really spans several chunk documents.
  const content = Buffer.alloc(600 * 1024);
  for (let i = 0; i < content.length; i++) content[i] = (i * 31) % 251;
  const id = await new Promise<mongo.ObjectId>((resolve, reject) => {
    const upload = bucket.openUploadStream('photo.jpg', { metadata: { contentType: 'image/jpeg' } });
    upload.once('finish', () => resolve(upload.id));
    upload.once('error', reject);
    upload.end(content);
  });
  const chunks: Buffer[] = [];
  for await (const chunk of bucket.openDownloadStream(id)) chunks.push(chunk as Buffer);
  t.ok(Buffer.concat(chunks).equals(content), 'same bytes back');
  const [file] = await bucket.find({ _id: id }).toArray();
  t.equal(file?.length, content.length);
  t.equal(file?.metadata?.contentType, 'image/jpeg');
  await bucket.delete(id);
  t.equal((await bucket.find({ _id: id }).toArray()).length, 0);
});
