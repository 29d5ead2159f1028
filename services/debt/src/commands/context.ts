import type { DomainContext } from '@zone-risk/domain-service';
import { type ImportJobs, importJobModel } from '@zone-risk/imports';
import type { DebtAggregates } from '../data/aggregates.ts';
import { type FiguresStore, figuresStore } from '../data/figures.ts';
import { type IndicatorsRefresher, indicatorsRefresher } from './indicators.ts';

/** What the commands work with: the kit's context (time, zone, the aggregates) and the rest. */
export type DebtContext = DomainContext<DebtAggregates> & {
  imports: ImportJobs;
  /** The small per-instrument summaries the zone-wide figures are computed from. */
  figures: FiguresStore;
  refresher: IndicatorsRefresher;
};

export function debtContext(base: DomainContext<DebtAggregates>): DebtContext {
  const ctx = {
    ...base,
    imports: importJobModel(base.store),
    figures: figuresStore(base.store),
  } as DebtContext;
  ctx.refresher = indicatorsRefresher(ctx);
  return ctx;
}
