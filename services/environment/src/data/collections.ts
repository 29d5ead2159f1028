import { EVIDENCE_TYPES, type EvidenceBucket, evidenceBucket } from '@zone-risk/evidence';
import type { Connection, mongo } from 'mongoose';

import type { ImportDocument } from './imports.ts';
import type { ItemDocument } from './item-documents.ts';

/** The environment service's collections (native driver: the outbox works on plain collections). */
export interface EnvironmentData {
  items: mongo.Collection<ItemDocument>;
  imports: mongo.Collection<ImportDocument>;
  evidence: EvidenceBucket;
}

export function environmentData(connection: Connection): EnvironmentData {
  const db = connection.db;
  if (!db) throw new Error('the store connection is not open');
  return {
    items: db.collection<ItemDocument>('items'),
    imports: db.collection<ImportDocument>('imports'),
    evidence: evidenceBucket(db, { bucketName: 'evidence', accepted: EVIDENCE_TYPES, noun: 'evidence' }),
  };
}

/**
 * One index per top-level field a hot query filters on by equality: on FerretDB only those are
 * pushed down to PostgreSQL. Ranges (the deadline filter), `$in`, `$or` and sorts are evaluated
 * after reading what the equality filters selected.
 */
export async function ensureIndexes(data: EnvironmentData): Promise<void> {
  await Promise.all([
    ...[
      'status',
      'source',
      'category',
      'batch',
      'responsibleUnit',
      'enterpriseCode',
      'overdue',
      'timerArmed',
    ].map((field) => data.items.createIndex({ [field]: 1 })),
    data.items.createIndex({ _outboxPending: 1 }),
    data.imports.createIndex({ status: 1 }),
  ]);
}
