import { hazardGrade, isoDate } from '@zone-risk/contracts';
import type { ServiceRoutes } from '@zone-risk/platform';
import { z } from 'zod';
import { hazardStatistics } from '../commands/statistics.ts';
import { HAZARD_STATUSES } from '../domain/machine.ts';
import { ROLES, type RouteDeps } from './deps.ts';
import { creditCode, enterpriseInput, problems } from './schemas.ts';

const figures = z.object({
  total: z.int().describe('Hazards reported in the range'),
  byStatus: z.record(z.enum(HAZARD_STATUSES), z.int()).describe('Their current status'),
  byGrade: z.record(hazardGrade, z.int()),
  overdue: z.int().describe('Of them, open and past a deadline now'),
  supervised: z.int().describe('Of them, listed for 挂牌督办'),
  closed: z.int(),
  closureRate: z.number().nullable().describe('closed / total, 0-1; null when total is 0'),
  medianDaysToClose: z
    .number()
    .nullable()
    .describe('Median days from report to close; null when none closed'),
});

export function statisticsRoutes(deps: RouteDeps): ServiceRoutes {
  return async (app) => {
    app.get(
      '/statistics',
      {
        config: { roles: ROLES.read },
        schema: {
          tags: ['statistics'],
          summary: 'Hazard figures over a date range, zone-wide and per enterprise',
          description:
            'Over the hazards reported between `from` and `to` (zone days, inclusive; default the last 365 days): counts by current status and grade, overdue now, closure rate and median days to close.',
          querystring: z.object({
            from: isoDate.optional().describe('First report day, inclusive'),
            to: isoDate.optional().describe('Last report day, inclusive; default today'),
            enterprise: creditCode.optional().describe('Only this enterprise'),
          }),
          response: {
            200: z.object({
              from: isoDate,
              to: isoDate,
              asOf: z.string().describe('When the figures were computed (overdue is as of then)'),
              zone: figures,
              enterprises: z.array(figures.extend({ enterprise: enterpriseInput })),
            }),
            ...problems(400),
          },
        },
      },
      async (request) => {
        const result = await hazardStatistics(deps.ctx, request.query);
        return { ...result, asOf: result.asOf.toISOString() };
      },
    );
  };
}
