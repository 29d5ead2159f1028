import t from 'tap';
import { chunkOperations, MAX_UPDATE_STATEMENTS } from '../src/bulk.ts';

const update = (n: number) => ({ updateOne: { filter: { _id: n }, update: { $set: { n } } } });
const insert = (n: number) => ({ insertOne: { document: { _id: n } } });

t.test('update bulks are cut so that no chunk carries more than ten update statements', async (t) => {
  const ops = Array.from({ length: 25 }, (_, i) => update(i));
  const chunks = chunkOperations(ops);
  t.same(
    chunks.map((c) => c.length),
    [10, 10, 5],
  );
  t.same(chunks.flat(), ops, 'order and content are kept');
  t.equal(MAX_UPDATE_STATEMENTS, 10);
});

t.test('inserts do not count against the update limit and stay in place', async (t) => {
  const ops = [
    ...Array.from({ length: 30 }, (_, i) => insert(i)),
    ...Array.from({ length: 12 }, (_, i) => update(i)),
  ];
  const chunks = chunkOperations(ops);
  t.same(
    chunks.map((c) => c.length),
    [40, 2],
  );
  t.same(chunks.flat(), ops);
});

t.test('an empty list gives no chunk at all', async (t) => {
  t.same(chunkOperations([]), []);
});
