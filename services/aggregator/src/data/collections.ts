import type { Connection, mongo } from 'mongoose';

/** The aggregator's collections, in its own database. */
export const COLLECTIONS = {
  policies: 'policies',
  snapshots: 'snapshots',
  history: 'status_history',
} as const;

export function collection(connection: Connection, name: string): mongo.Collection {
  const db = connection.db;
  if (!db) throw new Error('the store connection is not open');
  return db.collection(name);
}

/**
 * Indexes for the hot lookups. FerretDB only pushes top-level equality down to PostgreSQL, so
 * every query here filters on one top-level field: the history by day (the trend chart, GET
 * /status?at) and by `_outboxPending` (the relay), snapshot chunks by generation.
 */
export async function ensureIndexes(connection: Connection): Promise<void> {
  await collection(connection, COLLECTIONS.history).createIndex({ day: 1 });
  await collection(connection, COLLECTIONS.history).createIndex({ _outboxPending: 1 });
  await collection(connection, COLLECTIONS.snapshots).createIndex({ generation: 1 });
}

/**
 * A consumer position as stored: `{ tp, offset }` objects, because FerretDB refuses nested arrays
 * ("nested arrays are not supported"), so `[topicPartition, offset]` pairs cannot be stored.
 */
export interface StoredPosition {
  tp: string;
  offset: string;
}

export function toStored(positions: readonly [string, string][]): StoredPosition[] {
  return positions.map(([tp, offset]) => ({ tp, offset }));
}

export function fromStored(positions: readonly StoredPosition[] | undefined): [string, string][] {
  return (positions ?? []).map((p) => [p.tp, p.offset]);
}
