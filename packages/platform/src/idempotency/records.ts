import type { Connection, mongo } from 'mongoose';

export const IDEMPOTENCY_COLLECTION = 'idempotency_keys';

/** The stored first response that a retry replays. */
export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * One Idempotency-Key use. `_id` is a hash of (key, caller, method, URL): its uniqueness is the
 * lock, so two concurrent first requests cannot both insert it (the loser gets E11000). This works
 * on FerretDB, which has no transactions.
 */
export interface IdempotencyRecord {
  _id: string;
  key: string;
  sub: string;
  method: string;
  url: string;
  requestHash: string;
  state: 'in-progress' | 'completed';
  /** Random per attempt, so a request whose lock was taken over cannot overwrite the new owner's result. */
  owner: string;
  createdAt: Date;
  lockedAt: Date;
  response?: StoredResponse;
}

export function idempotencyCollection(connection: Connection): mongo.Collection<IdempotencyRecord> {
  const db = connection.db;
  if (!db) throw new Error('The store connection is not open');
  return db.collection<IdempotencyRecord>(IDEMPOTENCY_COLLECTION);
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
  const result = await idempotencyCollection(connection).deleteMany({ createdAt: { $lt: cutoff } });
  return result.deletedCount;
}
