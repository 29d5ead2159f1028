import { useTestDatabase } from '@zone-risk/testkit';
import { Schema, Types } from 'mongoose';
import t from 'tap';
import { ValidationError } from '../src/errors.ts';
import { decodeCursor, encodeCursor } from '../src/pagination/cursor.ts';
import { keysetPage, keysetQuery, pageQuerySchema, paginate } from '../src/pagination/keyset.ts';
import { as, testApp } from './helpers/app.ts';

t.test('a cursor round-trips strings, numbers, dates and object ids', async (t) => {
  const id = new Types.ObjectId();
  const at = new Date('2024-05-15T08:00:00.000Z');
  const decoded = decodeCursor(encodeCursor([at, id, 'x', 3, null]));
  t.type(decoded[0], Date, 'a date comes back as a Date');
  t.equal((decoded[0] as Date).getTime(), at.getTime(), 'at the same instant');
  t.type(decoded[1], Types.ObjectId, 'an object id comes back as an ObjectId');
  t.equal(String(decoded[1]), id.toHexString(), 'with the same value');
  t.same(decoded.slice(2), ['x', 3, null]);
  for (const bad of [
    '%%%',
    Buffer.from('{"a":1}').toString('base64url'),
    Buffer.from('[{"z":1}]').toString('base64url'),
  ]) {
    t.throws(() => decodeCursor(bad), ValidationError, 'a 400 validation problem');
  }
});

t.test('120 stored items come back in pages of 50, 50 and 20, each exactly once and in order', async (t) => {
  const { connection } = await useTestDatabase(t, 'platform_pages');
  const items = connection.model('Item', new Schema({ n: Number, deadline: Date }), 'items');
  const base = Date.UTC(2024, 0, 1);
  // Ten items share each deadline, so the _id tie-break is exercised at every page boundary.
  await items.insertMany(
    Array.from({ length: 120 }, (_, i) => ({
      n: i,
      deadline: new Date(base + Math.floor(i / 10) * 86_400_000),
    })),
  );
  const seen: number[] = [];
  const sizes: number[] = [];
  let cursor: string | undefined;
  do {
    const page = await paginate<{ _id: unknown; n: number }>(items, {
      sortField: 'deadline',
      limit: 50,
      ...(cursor ? { cursor } : {}),
    });
    sizes.push(page.items.length);
    seen.push(...page.items.map((item) => item.n));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  t.same(sizes, [50, 50, 20]);
  t.same(
    seen,
    Array.from({ length: 120 }, (_, i) => i),
  );

  const newestFirst = await paginate<{ _id: unknown; deadline: Date }>(items, {
    sortField: 'deadline',
    direction: -1,
    limit: 50,
    filter: { n: { $lt: 60 } },
  });
  t.equal(newestFirst.items[0]?.deadline.getTime(), base + 5 * 86_400_000);
  const rest = await paginate(items, {
    sortField: 'deadline',
    direction: -1,
    limit: 50,
    filter: { n: { $lt: 60 } },
    cursor: newestFirst.nextCursor ?? '',
  });
  t.equal(rest.items.length, 10);
  t.equal(rest.nextCursor, null);

  const edited = encodeCursor(['not a date', 'some-id']);
  await t.rejects(
    paginate(items, { sortField: 'deadline', limit: 50, cursor: edited }),
    ValidationError,
    'a cursor carrying the wrong type for the sort field is a 400, not a 500',
  );
});

t.test(
  'a list route pages with the keyset parts around its own query and refuses a malformed cursor with 400',
  async (t) => {
    const { connection } = await useTestDatabase(t, 'platform_pages');
    const Hazard = connection.model('Hazard', new Schema({ title: String, reportedAt: Date }), 'hazards');
    await Hazard.insertMany(
      Array.from({ length: 7 }, (_, i) => ({ title: `h${i}`, reportedAt: new Date(1_700_000_000_000 + i) })),
    );
    const app = await testApp(t);
    app.get('/hazards', { schema: { querystring: pageQuerySchema } }, async (request) => {
      const options = { sortField: 'reportedAt', limit: request.query.limit, cursor: request.query.cursor };
      const query = keysetQuery(options);
      const docs = await Hazard.find(query.filter).sort(query.sort).limit(query.limit).lean();
      const page = keysetPage(docs, options);
      return { items: page.items.map((doc) => doc.title), nextCursor: page.nextCursor };
    });
    const headers = await as(['inspector']);
    const first = (await app.inject({ method: 'GET', url: '/hazards?limit=4', headers })).json();
    t.same(first.items, ['h0', 'h1', 'h2', 'h3']);
    const second = (
      await app.inject({ method: 'GET', url: `/hazards?limit=4&cursor=${first.nextCursor}`, headers })
    ).json();
    t.same(second, { items: ['h4', 'h5', 'h6'], nextCursor: null });

    const bad = await app.inject({ method: 'GET', url: '/hazards?cursor=bm90LWEtY3Vyc29y', headers });
    t.equal(bad.statusCode, 400);
    t.match(bad.json().errors, [{ location: 'querystring', pointer: '/cursor' }]);
    const tooMany = await app.inject({ method: 'GET', url: '/hazards?limit=500', headers });
    t.equal(tooMany.statusCode, 400);
    t.equal(pageQuerySchema.parse({}).limit, 50, 'limit defaults to 50');
  },
);
