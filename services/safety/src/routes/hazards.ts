import { hazardGrade, hazardStatus, personRef } from '@zone-risk/contracts';
import { booleanQuery, NotFoundError, pageQuerySchema, type ServiceRoutes } from '@zone-risk/platform';
import { z } from 'zod';
import { reportHazard } from '../commands/hazards.ts';
import { findHazard, findHistory, listHazards } from '../data/hazards.ts';
import { callerOf, idSeed, ROLES, type RouteDeps, sendHazard } from './caller.ts';
import { creditCode, hazardIdParams, hazardPage, hazardView, problems, reportBody } from './schemas.ts';
import { hazardUrl, toHazardView } from './views.ts';

const listQuery = pageQuerySchema.extend({
  status: hazardStatus.optional(),
  grade: hazardGrade.optional(),
  enterprise: creditCode.optional().describe('Credit code of the enterprise'),
  overdue: booleanQuery.optional().describe('Only overdue (true) or not overdue (false) hazards'),
  supervised: booleanQuery.optional().describe('Only hazards under 挂牌督办 (true) or not (false)'),
  inspection: z.string().min(1).optional().describe('Only hazards raised by this inspection'),
});

const historyView = z.object({
  hazardId: z.string(),
  entries: z.array(
    z.object({
      at: z.string().describe('When, RFC 3339'),
      event: z.string().describe('What happened: the event name, e.g. HazardAccepted'),
      eventId: z.string().describe('Id of the published event'),
      version: z.int().describe('Hazard version after it'),
      by: personRef.describe('Who did it (system:overdue-sweeper for time-driven changes)'),
      details: z.record(z.string(), z.unknown()).describe('The facts of the event'),
    }),
  ),
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
          deps.ctx.data,
          { ...filter, enterprise, inspectionId: inspection },
          { limit, cursor },
        );
        return { items: page.items.map(toHazardView), nextCursor: page.nextCursor };
      },
    );

    app.get(
      '/hazards/:id',
      {
        config: { roles: ROLES.read },
        schema: {
          tags: ['hazards'],
          summary: 'Read a hazard',
          description: 'The ETag is what state changes send back as If-Match.',
          params: hazardIdParams,
          response: { 200: hazardView, ...problems(404) },
        },
      },
      async (request, reply) => {
        const hazard = await findHazard(deps.ctx.data, request.params.id);
        if (!hazard) throw new NotFoundError(`Hazard ${request.params.id} does not exist`);
        return sendHazard(reply, hazard);
      },
    );

    app.get(
      '/hazards/:id/history',
      {
        config: { roles: ROLES.read },
        schema: {
          tags: ['hazards'],
          summary: 'The hazard’s timeline: who did what, when',
          description: 'Each entry was written in the same update as the event it records.',
          params: hazardIdParams,
          response: { 200: historyView, ...problems(404) },
        },
      },
      async (request) => {
        const entries = await findHistory(deps.ctx.data, request.params.id);
        if (!entries) throw new NotFoundError(`Hazard ${request.params.id} does not exist`);
        return {
          hazardId: request.params.id,
          entries: entries.map((entry) => ({ ...entry, at: entry.at.toISOString() })),
        };
      },
    );
  };
}
