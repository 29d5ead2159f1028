import { personRef } from '@zone-risk/contracts';
import { storeModel } from '@zone-risk/store';
import type { Connection, Model } from 'mongoose';
import { z } from 'zod';
import type { RowError } from '../domain/ledger.ts';

const importStatus = z.enum(['queued', 'parsing', 'running', 'completed', 'failed', 'interrupted']);
export type ImportStatus = z.infer<typeof importStatus>;

/** A ledger import, run as a background job; its record is what GET /imports/{id} shows. */
const importJob = z.object({
  id: z.string(),
  status: importStatus,
  filename: z.string(),
  format: z.enum(['csv', 'xlsx']),
  size: z.int(),
  sha256: z.string(),
  /** Data rows in the file; null until it is parsed. */
  total: z.int().nullable(),
  processed: z.int(),
  created: z.int(),
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
export type ImportJob = z.infer<typeof importJob>;

export interface ImportDocument extends Omit<ImportJob, 'id'> {
  _id: string;
}

export type Imports = Model<ImportDocument>;

export const importModel = (connection: Connection): Imports =>
  storeModel(connection, {
    name: 'LedgerImport',
    collection: 'imports',
    fields: importJob.omit({ id: true }),
    // `errors` is the report's name in the API and the stored documents; mongoose reserves it on
    // hydrated documents for their validation errors, which nothing here reads (reads are lean).
    options: { suppressReservedKeysWarning: true },
    indexes: ['status'],
  });

/** The report keeps this many row errors; the counts stay exact beyond. */
export const MAX_STORED_ERRORS = 2000;

const toJob = ({ _id, ...rest }: ImportDocument): ImportJob => ({ id: _id, ...rest });

export async function insertImport(imports: Imports, job: ImportJob): Promise<void> {
  const { id, ...fields } = job;
  await imports.insertOne({ _id: id, ...fields });
}

export async function findImport(imports: Imports, id: string): Promise<ImportJob | null> {
  const doc = await imports.findOne({ _id: id }).lean<ImportDocument>();
  return doc ? toJob(doc) : null;
}

/** One progress write: counts and status set, new row errors appended. */
export async function updateImport(
  imports: Imports,
  id: string,
  set: Partial<Omit<ImportJob, 'id' | 'errors'>>,
  newErrors: RowError[] = [],
): Promise<void> {
  await imports.updateOne(
    { _id: id },
    newErrors.length > 0 ? { $set: set, $push: { errors: { $each: newErrors } } } : { $set: set },
  );
}

/**
 * An import runs in the memory of the process that accepted it. One whose record has not moved
 * for `staleMs` belongs to a process that stopped: it is marked interrupted (a live job writes
 * after every chunk). Re-uploading the file finishes it — imports are idempotent.
 */
export async function interruptStaleImports(imports: Imports, now: Date, staleMs: number): Promise<number> {
  let count = 0;
  for (const status of ['queued', 'parsing', 'running'] as const) {
    const docs = await imports
      .find({ status }, { _id: 1, updatedAt: 1 })
      .lean<Pick<ImportDocument, '_id' | 'updatedAt'>[]>();
    for (const doc of docs) {
      if (now.getTime() - doc.updatedAt.getTime() < staleMs) continue;
      const result = await imports.updateOne(
        { _id: doc._id, status, updatedAt: doc.updatedAt },
        {
          $set: {
            status: 'interrupted',
            finishedAt: now,
            message:
              'The service stopped during the import; upload the file again to finish it (rows already imported stay unchanged)',
          },
        },
      );
      count += result.modifiedCount;
    }
  }
  return count;
}
