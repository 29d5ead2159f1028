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
