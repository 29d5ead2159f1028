import type { DomainContext } from '@zone-risk/domain-service';
import { EVIDENCE_TYPES, type EvidenceBucket, evidenceBucket } from '@zone-risk/evidence';
import { type ImportJobs, importJobModel } from '@zone-risk/imports';
import type { FoodDrugAggregates } from '../data/aggregates.ts';
import { type RuleSets, ruleSets } from '../data/rule-sets.ts';
import { DEFAULT_RULES } from '../domain/default-rules.ts';

/** What the commands work with: the kit's context (time, zone, the aggregates) and the rest of the store. */
export type FoodDrugContext = DomainContext<FoodDrugAggregates> & {
  rules: RuleSets;
  evidence: EvidenceBucket;
  imports: ImportJobs;
};

export function foodDrugContext(base: DomainContext<FoodDrugAggregates>): FoodDrugContext {
  return {
    ...base,
    rules: ruleSets(base.store, DEFAULT_RULES),
    evidence: evidenceBucket(base.store, {
      bucketName: 'evidence',
      accepted: EVIDENCE_TYPES,
      noun: 'evidence',
    }),
    imports: importJobModel(base.store),
  };
}
