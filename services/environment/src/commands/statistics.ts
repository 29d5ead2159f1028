import { zoneDay } from '@zone-risk/calendar';
import { itemFigures } from '../data/items.ts';
import type { Source } from '../domain/item.ts';
import { type Statistics, statisticsOf } from '../domain/statistics.ts';
import type { EnvironmentContext } from './context.ts';

/** Figures over the ledger (optionally one batch or one source), as of now. */
export async function itemStatistics(
  ctx: EnvironmentContext,
  query: { batch?: string | undefined; source?: Source | undefined },
): Promise<Statistics & { asOf: Date; today: string }> {
  const asOf = ctx.clock.now();
  const today = zoneDay(asOf);
  const figures = await itemFigures(ctx.items, query);
  return { asOf, today, ...statisticsOf(figures, today) };
}
