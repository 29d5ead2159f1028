import { hazardGrade, hazardStatus } from '@zone-risk/contracts';
import { callerOf, idSeed } from '@zone-risk/domain-service';
import { booleanQuery, pageQuerySchema, type ServiceRoutes } from '@zone-risk/platform';
import { z } from 'zod';
import { reportHazard } from '../commands/hazards.ts';
import { listHazards } from '../data/hazards.ts';
import { ROLES, type RouteDeps, sendHazard } from './deps.ts';
import { creditCode, hazardPage, hazardView, problems, reportBody } from './schemas.ts';
import { hazardUrl, toHazardView } from './views.ts';

const listQuery = pageQuerySchema.extend({
  status: hazardStatus.optional(),
  grade: hazardGrade.optional(),
  enterprise: creditCode.optional().describe('Credit code of the enterprise'),
  overdue: booleanQuery.optional().describe('Only overdue (true) or not overdue (false) hazards'),
  supervised: booleanQuery.optional().describe('Only hazards under 挂牌督办 (true) or not (false)'),
  inspection: z.string().min(1).optional().describe('Only hazards raised by this inspection'),
});

export function hazardRoutes(deps: RouteDeps): ServiceRoutes {
  return async (app) => {
    app.post(
      '/hazards',
      {
        config: { roles: ROLES.inspect },
        schema: {
          tags: ['hazards'],
          summary: 'Report a hazard (登记隐患)',
          description:
            'Registers a standalone hazard. A major hazard must cite its basis (standard and clause). Send Idempotency-Key from flaky networks: a retry gets the first response and creates nothing.',
          body: reportBody,
          response: { 201: hazardView, 200: hazardView, ...problems(400, 403) },
        },
      },
      async (request, reply) => {
        const { hazard, created } = await reportHazard(
          deps.ctx,
          callerOf(request),
          request.body,
          idSeed(request),
        );
        reply.header('location', hazardUrl(hazard.id));
        return sendHazard(reply, hazard, created ? 201 : 200);
      },
    );

    app.get(
      '/hazards',
      {
        config: { roles: ROLES.read },
        schema: {
          tags: ['hazards'],
          summary: 'List hazards, newest first',
          description: 'Filters combine (AND). Page with `cursor` = the previous page’s `nextCursor`.',
          querystring: listQuery,
          response: { 200: hazardPage, ...problems(400) },
        },
      },
      async (request) => {
        const { limit, cursor, enterprise, inspection, ...filter } = request.query;
        const page = await listHazards(
          deps.ctx.hazards,
          { ...filter, enterprise, inspectionId: inspection },
          { limit, cursor },
        );
        return { items: page.items.map(toHazardView), nextCursor: page.nextCursor };
      },
    );
  };
}
