import { type EvidenceBucket, evidenceBucket } from '@zone-risk/evidence';
import type { Connection, mongo } from 'mongoose';
import { PHOTO_TYPES } from '../domain/photo-types.ts';
import type { EnterpriseDocument } from './enterprises.ts';
import type { HazardDocument } from './hazard-documents.ts';
import type { InspectionDocument } from './inspections.ts';
import type { TemplateDocument } from './templates.ts';

/** The safety service's collections (native driver: the outbox works on plain collections). */
export interface SafetyData {
  hazards: mongo.Collection<HazardDocument>;
  inspections: mongo.Collection<InspectionDocument>;
  templates: mongo.Collection<TemplateDocument>;
  enterprises: mongo.Collection<EnterpriseDocument>;
  photos: EvidenceBucket;
}

export function safetyData(connection: Connection): SafetyData {
  const db = connection.db;
  if (!db) throw new Error('the store connection is not open');
  return {
    hazards: db.collection<HazardDocument>('hazards'),
    inspections: db.collection<InspectionDocument>('inspections'),
    templates: db.collection<TemplateDocument>('templates'),
    enterprises: db.collection<EnterpriseDocument>('enterprises'),
    photos: evidenceBucket(db, { bucketName: 'photos', accepted: PHOTO_TYPES, noun: 'evidence photos' }),
  };
}

/**
 * One index per top-level field a hot query filters on by equality: on FerretDB only those are
 * pushed down to PostgreSQL (and the store's GIN twins serve them). Ranges, `$in`, `$or`, dotted
 * paths and sorts are evaluated after reading what the equality filters selected.
 */
export async function ensureIndexes(data: SafetyData): Promise<void> {
  await Promise.all([
    ...[
      'status',
      'grade',
      'enterpriseCode',
      'overdue',
      'supervised',
      'deadlineArmed',
      'reportedMonth',
      'inspectionId',
    ].map((field) => data.hazards.createIndex({ [field]: 1 })),
    data.hazards.createIndex({ _outboxPending: 1 }),
    data.inspections.createIndex({ enterpriseCode: 1 }),
    data.inspections.createIndex({ type: 1 }),
    data.inspections.createIndex({ _outboxPending: 1 }),
    data.templates.createIndex({ code: 1 }),
  ]);
}
