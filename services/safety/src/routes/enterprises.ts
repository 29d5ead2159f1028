import { NotFoundError, pageQuerySchema, type ServiceRoutes } from '@zone-risk/platform';
import { z } from 'zod';
import { findEnterprise, listEnterprises } from '../data/enterprises.ts';
import { ROLES, type RouteDeps } from './deps.ts';
import { creditCode, problems } from './schemas.ts';

const enterpriseView = z.object({
  creditCode: z.string(),
  name: z.string(),
  firstSeenAt: z.string(),
  updatedAt: z.string(),
});

const view = (doc: { _id: string; name: string; firstSeenAt: Date; updatedAt: Date }) => ({
  creditCode: doc._id,
  name: doc.name,
  firstSeenAt: doc.firstSeenAt.toISOString(),
  updatedAt: doc.updatedAt.toISOString(),
});

export function enterpriseRoutes(deps: RouteDeps): ServiceRoutes {
  return async (app) => {
    app.get(
      '/enterprises',
      {
        config: { roles: ROLES.read },
        schema: {
          tags: ['enterprises'],
          summary: 'List the enterprises seen so far, by credit code',
          querystring: pageQuerySchema,
          response: { 200: z.object({ items: z.array(enterpriseView), nextCursor: z.string().nullable() }) },
        },
      },
      async (request) => {
        const page = await listEnterprises(deps.ctx.enterprises, request.query);
        return { items: page.items.map(view), nextCursor: page.nextCursor };
      },
    );

    app.get(
      '/enterprises/:creditCode',
      {
        config: { roles: ROLES.read },
        schema: {
          tags: ['enterprises'],
          summary: 'Read an enterprise',
          params: z.object({ creditCode }),
          response: { 200: enterpriseView, ...problems(400, 404) },
        },
      },
      async (request) => {
        const doc = await findEnterprise(deps.ctx.enterprises, request.params.creditCode);
        if (!doc) throw new NotFoundError(`No enterprise ${request.params.creditCode} has been recorded`);
        return view(doc);
      },
    );
  };
}
