import type { mongo } from 'mongoose';

/**
 * The most update statements one bulk may carry. The local FerretDB 1.24 holds one PostgreSQL
 * pool connection per statement until the whole command ends, so a bulk of 50 updates deadlocks
 * it for good (the store front refuses such commands). Inserts and deletes are not affected.
 */
export const MAX_UPDATE_STATEMENTS = 10;

// biome-ignore lint/suspicious/noExplicitAny: bulk operations on collections of any document shape
type Operation<T extends mongo.Document = any> = mongo.AnyBulkWriteOperation<T>;

export interface BulkTotals {
  insertedCount: number;
  matchedCount: number;
  modifiedCount: number;
  deletedCount: number;
  upsertedCount: number;
}

function isUpdate(op: Operation): boolean {
  return 'updateOne' in op || 'updateMany' in op || 'replaceOne' in op;
}

/** Splits operations into bulks that each carry at most `limit` update statements. */
export function chunkOperations(
  operations: readonly Operation[],
  limit = MAX_UPDATE_STATEMENTS,
): Operation[][] {
  const chunks: Operation[][] = [];
  let current: Operation[] = [];
  let updates = 0;
  for (const op of operations) {
    if (isUpdate(op) && updates === limit) {
      chunks.push(current);
      current = [];
      updates = 0;
    }
    current.push(op);
    if (isUpdate(op)) updates++;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/**
 * bulkWrite that works on MongoDB and on the local FerretDB: update statements go in chunks of
 * at most ten. Chunks run one after another and in order, so an ordered bulk keeps its meaning up
 * to the first failing chunk (which throws, as bulkWrite does).
 */
export async function bulkWriteInChunks<T extends mongo.Document>(
  collection: mongo.Collection<T>,
  operations: readonly Operation<T>[],
  options: { ordered?: boolean } = {},
): Promise<BulkTotals> {
  const totals: BulkTotals = {
    insertedCount: 0,
    matchedCount: 0,
    modifiedCount: 0,
    deletedCount: 0,
    upsertedCount: 0,
  };
  for (const chunk of chunkOperations(operations)) {
    const result = await collection.bulkWrite(chunk, { ordered: options.ordered ?? true });
    totals.insertedCount += result.insertedCount;
    totals.matchedCount += result.matchedCount;
    totals.modifiedCount += result.modifiedCount;
    totals.deletedCount += result.deletedCount;
    totals.upsertedCount += result.upsertedCount;
  }
  return totals;
}
