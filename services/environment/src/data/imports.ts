import type { Person } from '../domain/item.ts';
import type { RowError } from '../domain/ledger.ts';
import type { EnvironmentData } from './collections.ts';

export type ImportStatus = 'queued' | 'parsing' | 'running' | 'completed' | 'failed' | 'interrupted';

/** A ledger import, run as a background job; its record is what GET /imports/{id} shows. */
export interface ImportJob {
  id: string;
  status: ImportStatus;
  filename: string;
  format: 'csv' | 'xlsx';
  size: number;
  sha256: string;
  /** Data rows in the file; null until it is parsed. */
  total: number | null;
  processed: number;
  created: number;
  unchanged: number;
  failed: number;
  /** Per row: line, field, reason — the first MAX_STORED_ERRORS of them. */
  errors: RowError[];
  errorsTruncated: boolean;
  /** Why a failed or interrupted import stopped. */
  message: string | null;
  createdBy: Person;
  createdAt: Date;
  /** Written with every progress update: a running job not updated for long belongs to a dead process. */
  updatedAt: Date;
  finishedAt: Date | null;
}

export interface ImportDocument extends Omit<ImportJob, 'id'> {
  _id: string;
}

/** The report keeps this many row errors; the counts stay exact beyond. */
export const MAX_STORED_ERRORS = 2000;

const toJob = ({ _id, ...rest }: ImportDocument): ImportJob => ({ id: _id, ...rest });

export async function insertImport(data: EnvironmentData, job: ImportJob): Promise<void> {
  const { id, ...fields } = job;
  await data.imports.insertOne({ _id: id, ...fields });
}

export async function findImport(data: EnvironmentData, id: string): Promise<ImportJob | null> {
  const doc = await data.imports.findOne({ _id: id });
  return doc ? toJob(doc) : null;
}

/** One progress write: counts and status set, new row errors appended. */
export async function updateImport(
  data: EnvironmentData,
  id: string,
  set: Partial<Omit<ImportJob, 'id' | 'errors'>>,
  newErrors: RowError[] = [],
): Promise<void> {
  await data.imports.updateOne(
    { _id: id },
    newErrors.length > 0 ? { $set: set, $push: { errors: { $each: newErrors } } } : { $set: set },
  );
}

/**
 * An import runs in the memory of the process that accepted it. One whose record has not moved
 * for `staleMs` belongs to a process that stopped: it is marked interrupted (a live job writes
 * after every chunk). Re-uploading the file finishes it — imports are idempotent.
 */
export async function interruptStaleImports(
  data: EnvironmentData,
  now: Date,
  staleMs: number,
): Promise<number> {
  let count = 0;
  for (const status of ['queued', 'parsing', 'running'] as const) {
    const docs = await data.imports.find({ status }, { projection: { _id: 1, updatedAt: 1 } }).toArray();
    for (const doc of docs) {
      if (now.getTime() - doc.updatedAt.getTime() < staleMs) continue;
      const result = await data.imports.updateOne(
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
