import { baseConfigSchema } from '@zone-risk/platform';
import { useTestDatabase } from '@zone-risk/testkit';
import type { Test } from 'tap';
import t from 'tap';
import { runSeed, type SeedRun } from '../src/index.ts';

const DAY_MS = 86_400_000;

/** What the seed printed, and the runs it was given. */
async function seedTwice(t: Test, seed: (run: SeedRun<{ MONGO_DB: string }>) => Promise<string>) {
  const db = await useTestDatabase(t, 'domain_seed');
  const printed: string[] = [];
  const log = console.log;
  console.log = (line: string) => printed.push(line);
  t.teardown(() => {
    console.log = log;
  });
  const options = {
    name: 'gadgets',
    marker: 'demo-v1',
    config: baseConfigSchema,
    env: { NODE_ENV: 'test', MONGO_URL: db.url, MONGO_DB: db.dbName },
    seed,
  } as const;
  await runSeed(options);
  await runSeed(options);
  console.log = log;
  return { db, printed };
}

t.test('a seed runs once: its marker is recorded after it, and the next run adds nothing', async (t) => {
  let runs = 0;
  const { db, printed } = await seedTwice(t, async ({ config, store }) => {
    runs += 1;
    t.equal(store.db?.databaseName, config.MONGO_DB, 'it writes to the store its config names');
    await store.db?.collection('gadgets').insertOne({ label: 'demo' });
    return '1 gadget';
  });
  t.equal(runs, 1);
  t.strictSame(printed, ['gadgets seed: 1 gadget', 'gadgets seed: already done (demo-v1); nothing to add']);
  const native = db.connection.db;
  t.equal(await native?.collection('gadgets').countDocuments(), 1);
  t.match(await native?.collection('seed_runs').findOne({ _id: 'demo-v1' as never }), { at: Date });
});

t.test('a seed that fails records no marker, so the next run tries again', async (t) => {
  const db = await useTestDatabase(t, 'domain_seed');
  const options = {
    name: 'gadgets',
    marker: 'demo-v1',
    config: baseConfigSchema,
    env: { NODE_ENV: 'test', MONGO_URL: db.url, MONGO_DB: db.dbName },
  };
  await t.rejects(
    runSeed({
      ...options,
      seed: async () => {
        throw new Error('half way');
      },
    }),
    { message: 'half way' },
  );
  t.equal(await db.connection.db?.collection('seed_runs').countDocuments(), 0);
});

t.test("a seed's clock starts at the real now and steps to days in the past, then back", async (t) => {
  const before = Date.now();
  const seen: number[] = [];
  await seedTwice(t, async ({ clock }) => {
    const start = clock.now().getTime();
    seen.push(start);
    clock.at(30);
    seen.push(clock.now().getTime() - start);
    clock.at(0);
    seen.push(clock.now().getTime() - start);
    return 'done';
  });
  const start = seen[0] ?? 0;
  t.ok(start >= before, 'the seed clock starts no earlier than the run');
  t.ok(start <= Date.now(), 'and no later than now');
  t.strictSame(seen.slice(1), [-30 * DAY_MS, 0], 'the clock stands still between steps');
});
