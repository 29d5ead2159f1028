import { eventually, useTestDatabase } from '@zone-risk/testkit';
import t from 'tap';
import {
  findImportJob,
  type ImportJob,
  INTERRUPTED_MESSAGE,
  importJobModel,
  insertImportJob,
  interruptStaleImports,
} from '../src/jobs.ts';
import { createImportRunner } from '../src/runner.ts';
import { toImportJobView } from '../src/view.ts';
import { ALICE, csv, DEFAULT_OPTIONS, HEADER, importing, silent } from './helpers/things.ts';

const MINUTE = 60_000;

function jobAt(id: string, status: ImportJob['status'], updatedAt: Date): ImportJob {
  return {
    id,
    status,
    filename: 'things.csv',
    format: 'csv',
    size: 10,
    sha256: 'ab',
    total: status === 'running' ? 10 : null,
    processed: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    failed: 0,
    errors: [],
    errorsTruncated: false,
    message: null,
    createdBy: ALICE,
    createdAt: updatedAt,
    updatedAt,
    finishedAt: null,
  };
}

t.test(
  'a job a stopped process left silent for 5 minutes is marked interrupted; a live one and an ended one are not',
  async (t) => {
    // No runner here: its watchdog would race this test's own look.
    const jobs = importJobModel((await useTestDatabase(t, 'imports')).connection);
    await jobs.createIndexes();
    const now = new Date('2026-03-02T02:00:00Z');
    const ago = (minutes: number) => new Date(now.getTime() - minutes * MINUTE);
    await insertImportJob(jobs, jobAt('stale-running', 'running', ago(6)));
    await insertImportJob(jobs, jobAt('stale-queued', 'queued', ago(60)));
    await insertImportJob(jobs, jobAt('live', 'running', ago(4)));
    await insertImportJob(jobs, { ...jobAt('ended', 'completed', ago(60)), finishedAt: ago(60) });

    t.equal(await interruptStaleImports(jobs, now, 5 * MINUTE), 2);
    t.match(await findImportJob(jobs, 'stale-running'), {
      status: 'interrupted',
      finishedAt: now,
      message: INTERRUPTED_MESSAGE,
    });
    t.match(await findImportJob(jobs, 'stale-queued'), { status: 'interrupted' });
    t.match(await findImportJob(jobs, 'live'), { status: 'running', finishedAt: null });
    t.match(await findImportJob(jobs, 'ended'), { status: 'completed' });
    t.equal(await interruptStaleImports(jobs, now, 5 * MINUTE), 0, 'a second look finds nothing left');
  },
);

t.test(
  'the runner’s watchdog looks at start: what a crashed process left running is interrupted',
  async (t) => {
    const ctx = await importing(t);
    const crashed = jobAt('crashed', 'parsing', new Date(ctx.clock.now().getTime() - 10 * MINUTE));
    await insertImportJob(ctx.jobs, crashed);
    // A second replica starting now: its watchdog's first pass runs at once.
    const replica = createImportRunner(
      { jobs: ctx.jobs, clock: ctx.clock, logger: silent },
      ctx.table.spec,
      DEFAULT_OPTIONS,
    );
    t.teardown(() => replica.stop());
    await eventually(async () => {
      if ((await findImportJob(ctx.jobs, 'crashed'))?.status !== 'interrupted') throw new Error('not yet');
    });
    t.match(toImportJobView((await findImportJob(ctx.jobs, 'crashed')) as ImportJob), {
      status: 'interrupted',
      message: INTERRUPTED_MESSAGE,
    });
  },
);

t.test('stopping the runner stops a job after its chunk and marks it interrupted', async (t) => {
  let entered: () => void = () => undefined;
  const inWrite = new Promise<void>((resolve) => {
    entered = resolve;
  });
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const ctx = await importing(t, {
    spec: {
      async write() {
        entered();
        await gate;
        return { outcome: 'created' };
      },
    },
    runner: { chunkRows: 1 },
  });
  const job = await ctx.runner.start(
    { buffer: csv([HEADER, ['A', 'a', ''], ['B', 'b', ''], ['C', 'c', '']]), filename: 'x.csv' },
    ALICE,
  );
  await inWrite;
  const stopped = ctx.runner.stop();
  release();
  await stopped;
  t.match(await findImportJob(ctx.jobs, job.id), {
    status: 'interrupted',
    total: 3,
    processed: 1,
    created: 1,
    message: INTERRUPTED_MESSAGE,
  });
});

t.test(
  'a job stored before `updated` was counted reads as 0 updated; the view computes percent',
  async (t) => {
    const ctx = await importing(t);
    const {
      id,
      updated: _updated,
      ...old
    } = { ...jobAt('old', 'completed', ctx.clock.now()), total: 4, processed: 4 };
    await ctx.jobs.insertOne({ _id: id, ...old });
    const job = (await findImportJob(ctx.jobs, 'old')) as ImportJob;
    t.equal(job.updated, 0);
    const view = toImportJobView(job);
    t.match(view, {
      id: 'old',
      updated: 0,
      percent: 100,
      createdAt: ctx.clock.now().toISOString(),
      finishedAt: null,
    });
    t.notOk('updatedAt' in view, 'the job’s last write time is internal');
    t.equal(toImportJobView({ ...job, total: null }).percent, 0, 'not parsed yet');
    t.equal(toImportJobView({ ...job, total: 0, processed: 0 }).percent, 100, 'an empty table is done');
    t.equal(toImportJobView({ ...job, total: 3, processed: 2 }).percent, 66, 'rounded down');
  },
);

t.test('jobs of another collection are a model of their own', async (t) => {
  const ctx = await importing(t);
  const other = importJobModel(ctx.connection, { collection: 'debt-imports' });
  t.not(other, ctx.jobs);
  t.equal(other.collection.collectionName, 'debt-imports');
  t.equal(importJobModel(ctx.connection), ctx.jobs, 'built once per connection');
});
