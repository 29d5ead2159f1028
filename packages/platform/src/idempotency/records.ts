import { storeModel } from '@zone-risk/store';
import type { Connection, Model } from 'mongoose';
import { z } from 'zod';

export const IDEMPOTENCY_COLLECTION = 'idempotency_keys';

/** The stored first response that a retry replays. */
export const storedResponseSchema = z.object({
  status: z.int(),
  headers: z.record(z.string(), z.string()),
  body: z.string(),
});
export type StoredResponse = z.infer<typeof storedResponseSchema>;

/**
 * One Idempotency-Key use. `_id` is a hash of (key, caller, method, URL): its uniqueness is the
 * lock, so two concurrent first requests cannot both insert it (the loser gets E11000). This works
 * on FerretDB, which has no transactions.
 */
export const idempotencyRecordSchema = z.object({
  _id: z.string(),
  key: z.string(),
  sub: z.string(),
  method: z.string(),
  url: z.string(),
  requestHash: z.string(),
  state: z.enum(['in-progress', 'completed']),
  /** Random per attempt, so a request whose lock was taken over cannot overwrite the new owner's result. */
  owner: z.string(),
  createdAt: z.date(),
  lockedAt: z.date(),
  response: storedResponseSchema.optional(),
});
export type IdempotencyRecord = z.infer<typeof idempotencyRecordSchema>;

/**
 * The records' model on `connection` (built once per connection). Its one index, on `createdAt`,
 * is for the sweep: build it with `createIndexes()` at start.
 */
export function idempotencyModel(connection: Connection): Model<IdempotencyRecord> {
  return storeModel(connection, {
    name: 'IdempotencyRecord',
    collection: IDEMPOTENCY_COLLECTION,
    fields: idempotencyRecordSchema.omit({ _id: true }),
    indexes: ['createdAt'],
  });
}

export function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 11000;
}

/**
 * Deletes records older than `retentionMs`. FerretDB has no TTL indexes, so this runs on a timer.
 * @returns how many were deleted.
 */
export async function sweepIdempotencyRecords(connection: Connection, retentionMs: number): Promise<number> {
  const cutoff = new Date(Date.now() - retentionMs);
  const result = await idempotencyModel(connection).deleteMany({ createdAt: { $lt: cutoff } });
  return result.deletedCount;
}
