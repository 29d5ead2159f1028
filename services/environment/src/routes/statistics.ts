import { rectificationCategory, rectificationSource } from '@zone-risk/contracts';
import type { ServiceRoutes } from '@zone-risk/platform';
import { z } from 'zod';
import { itemStatistics } from '../commands/statistics.ts';
import { ITEM_STATUSES } from '../domain/machine.ts';
import { ROLES, type RouteDeps } from './deps.ts';
import { problems } from './schemas.ts';

const slice = z.object({ total: z.int(), completed: z.int(), overdue: z.int() });

export function statisticsRoutes(deps: RouteDeps): ServiceRoutes {
  return async (app) => {
    app.get(
      '/statistics',
      {
        config: { roles: ROLES.read },
        schema: {
          tags: ['statistics'],
          summary:
            'Ledger figures: by source, category and status; completion against plan; overdue; recurrences',
          description:
            'Completed = accepted, on notice or closed. Against plan: of the items whose deadline is today or earlier, the share completed. Optionally one batch or one source.',
          querystring: z.object({
            batch: z.string().min(1).max(200).optional().describe('Only this batch'),
            source: rectificationSource.optional(),
          }),
          response: {
            200: z.object({
              asOf: z.string().describe('When the figures were computed (overdue is as of then)'),
              today: z.string().describe('The zone day the plan is measured at'),
              total: z.int(),
              byStatus: z.record(z.enum(ITEM_STATUSES), z.int()),
              bySource: z.record(rectificationSource, slice),
              byCategory: z.record(rectificationCategory, slice),
              completed: z.int(),
              completionRate: z.number().nullable().describe('completed / total, 0-1'),
              plan: z.object({
                dueByToday: z.int().describe('Items whose deadline is today or earlier'),
                completedOfDue: z.int(),
                rate: z.number().nullable().describe('completedOfDue / dueByToday, 0-1'),
              }),
              overdue: z.int(),
              recurrences: z.object({
                items: z.int().describe('Items that recurred at least once'),
                total: z.int(),
              }),
            }),
            ...problems(400),
          },
        },
      },
      async (request) => {
        const result = await itemStatistics(deps.ctx, request.query);
        return { ...result, asOf: result.asOf.toISOString() };
      },
    );
  };
}
