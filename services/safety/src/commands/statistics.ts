import { addDays, zoneDay } from '@zone-risk/calendar';
import { ValidationError } from '@zone-risk/platform';
import { hazardFigures } from '../data/hazards.ts';
import { type Statistics, statisticsOf } from '../domain/statistics.ts';
import type { SafetyContext } from './context.ts';

/** The longest range one request may ask for (statistics read the range month by month). */
export const MAX_RANGE_DAYS = 5 * 366;

export interface StatisticsQuery {
  from?: string | undefined;
  to?: string | undefined;
  enterprise?: string | undefined;
}

/** Figures over the hazards reported between two zone days (default: the last 365 days). */
export async function hazardStatistics(
  ctx: SafetyContext,
  query: StatisticsQuery,
): Promise<Statistics & { from: string; to: string; asOf: Date }> {
  const asOf = ctx.clock.now();
  const to = query.to ?? zoneDay(asOf);
  const from = query.from ?? addDays(to, -364);
  if (from > to) {
    throw new ValidationError('`from` must not be after `to`', [
      { location: 'querystring', pointer: '/from', message: `must be ${to} or earlier` },
    ]);
  }
  if (from < addDays(to, -MAX_RANGE_DAYS)) {
    throw new ValidationError(`A range may span at most ${MAX_RANGE_DAYS} days`, [
      {
        location: 'querystring',
        pointer: '/from',
        message: `must be ${addDays(to, -MAX_RANGE_DAYS)} or later`,
      },
    ]);
  }
  const figures = await hazardFigures(
    ctx.hazards,
    { fromDay: from, toDay: to, enterprise: query.enterprise },
    (at) => {
      const day = zoneDay(at);
      return day >= from && day <= to;
    },
  );
  return { from, to, asOf, ...statisticsOf(figures) };
}
