import { storeModel } from '@zone-risk/store';
import { useTestDatabase } from '@zone-risk/testkit';
import pino from 'pino';
import type { Test } from 'tap';
import { z } from 'zod';
import { type ImportJobs, importJobModel } from '../../src/jobs.ts';
import { createImportRunner, type ImportRunnerOptions } from '../../src/runner.ts';
import type { Column, RowOutcome, RowParse, TableImport } from '../../src/table.ts';

// A small table for the package's tests, declared as a service declares its own: things with a
// code (their identity), a name and an optional count, written to a collection of the test's own.
// A thing whose code starts with LOCKED- is refused, as a service refuses a row it cannot apply.

export interface Thing {
  code: string;
  name: string;
  count: number | null;
}

export const THING_COLUMNS = [
  { key: 'code', zh: '编号', en: 'code', required: true, help: '唯一，不含空格 / unique, no spaces' },
  { key: 'name', zh: '名称', en: 'name', required: true },
  { key: 'count', zh: '数量', en: 'count', required: false, help: '整数 / a whole number' },
] as const satisfies readonly Column[];
export type ThingColumn = (typeof THING_COLUMNS)[number]['key'];

export const HEADER = ['编号 / code', '名称 / name', '数量 / count'];

const thingRow = z.object({
  code: z.string().trim().min(1, 'is required').regex(/^\S*$/, 'must not contain spaces'),
  name: z.string().trim().min(1, 'is required'),
  count: z
    .string()
    .trim()
    .regex(/^\d*$/, 'must be a whole number')
    .transform((v) => (v === '' ? null : Number(v))),
});

export function parseThing(cells: Partial<Record<ThingColumn, string>>, line: number): RowParse<Thing> {
  const result = thingRow.safeParse({ count: '', ...cells });
  if (result.success) return { ok: true, row: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => ({
      line,
      field: String(issue.path[0]),
      reason: issue.message,
    })),
  };
}

const thingFields = z.object({ name: z.string(), count: z.int().nullable(), importId: z.string() });

export interface Things {
  spec: TableImport<ThingColumn, Thing>;
  /** What was written, by code. */
  stored(code: string): Promise<(z.infer<typeof thingFields> & { _id: string }) | null>;
  /** Who each write was made by, in order. */
  callers: { actor: { id: string }; correlationId: string }[];
}

export function things(
  connection: Parameters<typeof importJobModel>[0],
  override: Partial<TableImport<ThingColumn, Thing>> = {},
): Things {
  const model = storeModel(connection, { name: 'Thing', collection: 'things', fields: thingFields });
  const callers: Things['callers'] = [];
  const spec: TableImport<ThingColumn, Thing> = {
    noun: 'thing list',
    columns: THING_COLUMNS,
    parseRow: parseThing,
    keyOf: (thing) => ({ key: thing.code, field: 'code' }),
    async write(thing, caller, job): Promise<RowOutcome> {
      callers.push(caller);
      if (thing.code.startsWith('LOCKED-'))
        return { outcome: 'refused', field: 'code', reason: `${thing.code} is locked` };
      const existing = await model.findOne({ _id: thing.code }).lean<z.infer<typeof thingFields>>();
      if (existing === null) {
        await model.insertOne({ _id: thing.code, name: thing.name, count: thing.count, importId: job.id });
        return { outcome: 'created' };
      }
      if (existing.name === thing.name && existing.count === thing.count) return { outcome: 'unchanged' };
      await model.updateOne(
        { _id: thing.code },
        { $set: { name: thing.name, count: thing.count, importId: job.id } },
      );
      return { outcome: 'updated' };
    },
    template: {
      examples: [
        ['A-1', '甲', '3'],
        ['B-2', '乙, "丙"', ''],
      ],
      filename: { zh: '物品清单模板', en: 'thing-template' },
    },
    ...override,
  };
  return {
    spec,
    callers,
    stored: (code) => model.findOne({ _id: code }).lean(),
  };
}

export const silent = pino({ level: 'silent' });

/** A clock the test moves by hand. */
export function handClock(start = new Date('2026-03-02T02:00:00Z')) {
  let now = start;
  return {
    now: () => now,
    set(to: Date) {
      now = to;
    },
  };
}

export const DEFAULT_OPTIONS: ImportRunnerOptions = {
  chunkRows: 2,
  maxRows: 100,
  watchIntervalMs: 3_600_000,
  templateUrl: '/things/import/template',
};

/** A database of the test's own with its jobs model, the things table, and a runner stopped at the end. */
export async function importing(
  t: Test,
  options: { spec?: Partial<TableImport<ThingColumn, Thing>>; runner?: Partial<ImportRunnerOptions> } = {},
) {
  const { connection } = await useTestDatabase(t, 'imports');
  const jobs: ImportJobs = importJobModel(connection);
  await jobs.createIndexes();
  const table = things(connection, options.spec);
  const clock = handClock();
  const runner = createImportRunner({ jobs, clock, logger: silent }, table.spec, {
    ...DEFAULT_OPTIONS,
    ...options.runner,
  });
  t.teardown(() => runner.stop());
  return { connection, jobs, table, clock, runner };
}

export const csv = (rows: readonly (readonly string[])[]) =>
  Buffer.from(`${rows.map((row) => row.join(',')).join('\r\n')}\r\n`);

export const ALICE = { id: 'u-alice', name: '李娜' };
