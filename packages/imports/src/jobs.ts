import { personRef } from '@zone-risk/contracts';
import { storeModel } from '@zone-risk/store';
import type { Connection, Model } from 'mongoose';
import { z } from 'zod';
import type { RowError } from './table.ts';

export const IMPORT_STATUSES = [
  'queued',
  'parsing',
  'running',
  'completed',
  'failed',
  'interrupted',
] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** The statuses of a job still running somewhere: what the watchdog looks at. */
export const ACTIVE_STATUSES = ['queued', 'parsing', 'running'] as const satisfies readonly ImportStatus[];

/** The report keeps this many row errors; the counts stay exact beyond. */
export const MAX_STORED_ERRORS = 2000;

/** An import, run as a background job; its record is what GET {jobsPath}/{id} shows. */
export const importJobSchema = z.object({
  id: z.string(),
  status: z.enum(IMPORT_STATUSES),
  filename: z.string(),
  format: z.enum(['csv', 'xlsx']),
  size: z.int(),
  sha256: z.string(),
  /** Data rows in the file; null until it is parsed. */
  total: z.int().nullable(),
  processed: z.int(),
  created: z.int(),
  /** Absent from jobs stored before it was counted: read as 0. */
  updated: z.int(),
  unchanged: z.int(),
  failed: z.int(),
  /** Per row: line, field, reason — the first MAX_STORED_ERRORS of them. */
  errors: z.array(z.object({ line: z.int(), field: z.string(), reason: z.string() })),
  errorsTruncated: z.boolean(),
  /** Why a failed or interrupted import stopped. */
  message: z.string().nullable(),
  createdBy: personRef,
  createdAt: z.date(),
  /** Written with every progress update: a running job not updated for long belongs to a dead process. */
  updatedAt: z.date(),
  finishedAt: z.date().nullable(),
});
export type ImportJob = z.infer<typeof importJobSchema>;

export interface ImportJobDocument extends Omit<ImportJob, 'id'> {
  _id: string;
}

export type ImportJobs = Model<ImportJobDocument>;

/**
 * The import jobs' model on `connection`, in collection `imports` unless told otherwise (a service
 * with two tables to import may keep their jobs apart). Build its indexes with `createIndexes()`.
 */
export function importJobModel(
  connection: Connection,
  options: { name?: string; collection?: string } = {},
): ImportJobs {
  const collection = options.collection ?? 'imports';
  return storeModel(connection, {
    // Models are cached per connection by name: another collection needs another name.
    name: options.name ?? (collection === 'imports' ? 'ImportJob' : `ImportJob_${collection}`),
    collection,
    fields: importJobSchema.omit({ id: true }),
    // `errors` is the report's name in the API and the stored documents; mongoose reserves it on
    // hydrated documents for their validation errors, which nothing here reads (reads are lean).
    options: { suppressReservedKeysWarning: true },
    indexes: ['status'],
  });
}

const toJob = ({ _id, ...rest }: ImportJobDocument): ImportJob => ({
  id: _id,
  ...rest,
  updated: rest.updated ?? 0,
});

export async function insertImportJob(jobs: ImportJobs, job: ImportJob): Promise<void> {
  const { id, ...fields } = job;
  await jobs.insertOne({ _id: id, ...fields });
}

export async function findImportJob(jobs: ImportJobs, id: string): Promise<ImportJob | null> {
  const doc = await jobs.findOne({ _id: id }).lean<ImportJobDocument>();
  return doc ? toJob(doc) : null;
}

/** One progress write: counts and status set, new row errors appended. */
export async function updateImportJob(
  jobs: ImportJobs,
  id: string,
  set: Partial<Omit<ImportJob, 'id' | 'errors'>>,
  newErrors: readonly RowError[] = [],
): Promise<void> {
  await jobs.updateOne(
    { _id: id },
    newErrors.length > 0 ? { $set: set, $push: { errors: { $each: newErrors } } } : { $set: set },
  );
}

export const INTERRUPTED_MESSAGE =
  'The service stopped during the import; upload the file again to finish it (rows already imported stay unchanged)';

/**
 * An import runs in the memory of the process that accepted it. One whose record has not moved
 * for `staleMs` belongs to a process that stopped: it is marked interrupted (a live job writes
 * after every chunk). Re-uploading the file finishes it — imports are idempotent. Each job is
 * marked by a write conditional on the status and time read, so a job that moved meanwhile, or
 * another replica marking it first, is left alone. @returns how many were marked.
 */
export async function interruptStaleImports(jobs: ImportJobs, now: Date, staleMs: number): Promise<number> {
  let count = 0;
  // One equality per status: pushed down (and indexed) on FerretDB, where `$in` is not.
  for (const status of ACTIVE_STATUSES) {
    const docs = await jobs
      .find({ status }, { _id: 1, updatedAt: 1 })
      .lean<Pick<ImportJobDocument, '_id' | 'updatedAt'>[]>();
    for (const doc of docs) {
      if (now.getTime() - doc.updatedAt.getTime() < staleMs) continue;
      const result = await jobs.updateOne(
        { _id: doc._id, status, updatedAt: doc.updatedAt },
        { $set: { status: 'interrupted', finishedAt: now, message: INTERRUPTED_MESSAGE } },
      );
      count += result.modifiedCount;
    }
  }
  return count;
}
