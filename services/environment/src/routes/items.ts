import {
  creditCode,
  isoDate,
  rectificationCategory,
  rectificationSource,
  rectificationStatus,
} from '@zone-risk/contracts';
import { callerOf } from '@zone-risk/domain-service';
import {
  booleanQuery,
  ConflictError,
  NotFoundError,
  pageQuerySchema,
  type ServiceRoutes,
} from '@zone-risk/platform';
import { z } from 'zod';
import { registerItem } from '../commands/items.ts';
import { listItems } from '../data/items.ts';
import { ROLES, type RouteDeps, sendItem } from './deps.ts';
import { createBody, itemPage, itemView, problems } from './schemas.ts';
import { itemUrl, toItemView } from './views.ts';

const listQuery = pageQuerySchema.extend({
  status: rectificationStatus.optional(),
  source: rectificationSource.optional(),
  category: rectificationCategory.optional(),
  batch: z.string().min(1).max(200).optional().describe('Only this batch or round'),
  unit: z.string().min(1).max(200).optional().describe('Only this responsible unit (exact name)'),
  enterprise: creditCode.optional().describe('Credit code of the enterprise concerned'),
  overdue: booleanQuery.optional().describe('Only overdue (true) or not overdue (false) items'),
  deadlineFrom: isoDate.optional().describe('Deadline on or after this day'),
  deadlineTo: isoDate.optional().describe('Deadline on or before this day'),
});

export function itemRoutes(deps: RouteDeps): ServiceRoutes {
  return async (app) => {
    app.post(
      '/items',
      {
        config: { roles: ROLES.staff },
        schema: {
          tags: ['items'],
          summary: 'Register a rectification item (拉条挂账)',
          description:
            'The id derives from batch and code: sending the same item again answers 200 with it and creates nothing; the same code in the same batch with other content is a 409.',
          body: createBody,
          response: { 201: itemView, 200: itemView, ...problems(400, 403, 409) },
        },
      },
      async (request, reply) => {
        const { enterprise, ...rest } = request.body;
        const result = await registerItem(deps.ctx, callerOf(request), {
          ...rest,
          enterprise: enterprise ?? null,
        });
        if (result.outcome === 'different') {
          throw new ConflictError(
            `Code ${rest.code} is already registered in batch ${rest.batch} with other content (item ${result.id})`,
            { existingId: result.id, reason: 'code-taken' },
          );
        }
        const item = result.outcome === 'created' ? result.item : await deps.ctx.items.find(result.id);
        if (!item) throw new NotFoundError('The rectification item disappeared while it was read');
        reply.header('location', itemUrl(item.id));
        return sendItem(reply, item, result.outcome === 'created' ? 201 : 200);
      },
    );

    app.get(
      '/items',
      {
        config: { roles: ROLES.read },
        schema: {
          tags: ['items'],
          summary: 'List rectification items, newest first',
          description:
            'Filters combine (AND). Page with `cursor` = the previous page’s `nextCursor`. The deadline range is applied after the other filters (on FerretDB only equality filters use indexes).',
          querystring: listQuery,
          response: { 200: itemPage, ...problems(400) },
        },
      },
      async (request) => {
        const { limit, cursor, ...filter } = request.query;
        const page = await listItems(deps.ctx.items, filter, { limit, cursor });
        return { items: page.items.map(toItemView), nextCursor: page.nextCursor };
      },
    );
  };
}
