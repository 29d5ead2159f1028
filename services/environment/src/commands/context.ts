import type { DomainContext } from '@zone-risk/domain-service';
import { EVIDENCE_TYPES, type EvidenceBucket, evidenceBucket } from '@zone-risk/evidence';
import { type ImportJobs, importJobModel } from '@zone-risk/imports';
import type { EnvironmentConfig } from '../config.ts';
import type { items } from '../data/items.ts';

export type EnvironmentAggregates = { items: typeof items };

/** What the commands work with: the kit's context (time, zone, the ledger) and the rest of the store. */
export type EnvironmentContext = DomainContext<EnvironmentAggregates> & {
  /** The ledger imports (background jobs). */
  imports: ImportJobs;
  evidence: EvidenceBucket;
  /** Length of a public notice in working days. */
  noticeWorkingDays: number;
};

export function environmentContext(
  base: DomainContext<EnvironmentAggregates>,
  config: EnvironmentConfig,
): EnvironmentContext {
  return {
    ...base,
    imports: importJobModel(base.store),
    evidence: evidenceBucket(base.store, {
      bucketName: 'evidence',
      accepted: EVIDENCE_TYPES,
      noun: 'evidence',
    }),
    noticeWorkingDays: config.NOTICE_WORKING_DAYS,
  };
}
