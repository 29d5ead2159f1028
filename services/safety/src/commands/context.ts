import { createHash, randomBytes } from 'node:crypto';
import type { DomainContext } from '@zone-risk/domain-service';
import { type EvidenceBucket, evidenceBucket } from '@zone-risk/evidence';
import type { Model } from 'mongoose';
import { type EnterpriseDocument, enterpriseModel } from '../data/enterprises.ts';
import type { hazards } from '../data/hazards.ts';
import type { inspections } from '../data/inspections.ts';
import { type Templates, templateModel } from '../data/templates.ts';
import { PHOTO_TYPES } from '../domain/photo-types.ts';

export type SafetyAggregates = { hazards: typeof hazards; inspections: typeof inspections };

/** What the commands work with: the kit's context (time, zone, the two aggregates) and the rest of the store. */
export type SafetyContext = DomainContext<SafetyAggregates> & {
  templates: Templates;
  enterprises: Model<EnterpriseDocument>;
  photos: EvidenceBucket;
};

export function safetyContext(base: DomainContext<SafetyAggregates>): SafetyContext {
  return {
    ...base,
    templates: templateModel(base.store),
    enterprises: enterpriseModel(base.store),
    photos: evidenceBucket(base.store, {
      bucketName: 'photos',
      accepted: PHOTO_TYPES,
      noun: 'evidence photos',
    }),
  };
}

/**
 * An aggregate id. With a seed (the caller's Idempotency-Key, or the inspection and item a hazard
 * comes from) the id is derived from it, so a request re-run after a crash finds what its first
 * run created instead of creating it twice.
 */
export function newId(prefix: string, seed?: string): string {
  const body =
    seed === undefined
      ? randomBytes(12).toString('hex')
      : createHash('sha256').update(seed).digest('hex').slice(0, 24);
  return `${prefix}-${body}`;
}
