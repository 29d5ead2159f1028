import { addDays, zoneDay } from '@zone-risk/calendar';
import { aggregateRoutes, callerOf, sendWithEtag } from '@zone-risk/domain-service';
import { NoChange } from '@zone-risk/domain-service/domain';
import type { ServiceRoutes } from '@zone-risk/platform';
import { z } from 'zod';
import { changeSettings } from '../domain/indicators-aggregate.ts';
import { ROLES, type RouteDeps } from './deps.ts';
import { indicatorsView, maturityView, PROBLEM_TEXT, problems, settingsBody } from './schemas.ts';
import { toIndicatorsView } from './views.ts';

const maturitiesQuery = z.object({
  withinDays: z.coerce
    .number()
    .int()
    .min(1)
    .max(366)
    .default(90)
    .describe('Payments due within this many days'),
});

export function indicatorRoutes(deps: RouteDeps): ServiceRoutes {
  const { ctx } = deps;
  return async (app) => {
    app.get(
      '/indicators',
      {
        config: { roles: ROLES.read },
        schema: {
          tags: ['indicators'],
          summary: 'The zone’s debt indicators and level, as last published',
          description:
            '债务率 (balance in scope ÷ fiscal capacity), 逾期 amount and rate, payments due in 30 and 90 days against their funds, unfunded alerts, the task against 序时进度, and the level with every reason. Recomputed on every posting and by time.',
          response: { 200: indicatorsView, ...problems(403) },
        },
      },
      async (_request, reply) => {
        const state = (await ctx.indicators.find(ctx.zoneId)) ?? (await ctx.refresher.refresh());
        return sendWithEtag(reply, state, toIndicatorsView);
      },
    );

    app.put(
      '/indicators/settings',
      {
        config: { roles: ROLES.supervise },
        schema: {
          tags: ['indicators'],
          summary: 'Change what turns the indicators into a level',
          description:
            'Level bands on the debt ratio (basis points), the types the ratio counts, the level an overdue payment lifts to, how far behind 序时进度 lifts to what, the unfunded-maturity window. The timeline keeps every change with who and why (`GET /indicators/{zone}/history`).',
          body: settingsBody,
          response: { 200: indicatorsView, ...problems(400, 403, 409) },
        },
      },
      async (request, reply) => {
        const current = await ctx.refresher.refresh();
        const caller = callerOf(request);
        // Figures read just before the write; a posting in between is caught by its own recompute.
        const computed = await ctx.refresher.compute(request.body.settings);
        const state = await ctx.indicators
          .change(caller, current.id, (s) => changeSettings(s, request.body, () => computed, caller.actor), {
            retries: 3,
          })
          .catch((error: unknown) => {
            if (error instanceof NoChange) return current;
            throw error;
          });
        return sendWithEtag(reply, state, toIndicatorsView);
      },
    );

    app.get(
      '/maturities',
      {
        config: { roles: ROLES.read },
        schema: {
          tags: ['indicators'],
          summary: 'Payments falling due ahead, with the funds assigned to them',
          querystring: maturitiesQuery,
          response: { 200: z.object({ items: z.array(maturityView) }), ...problems(400, 403) },
        },
      },
      async (request) => {
        const day = zoneDay(ctx.clock.now());
        const until = addDays(day, request.query.withinDays);
        const state = await ctx.indicators.find(ctx.zoneId);
        const alertUntil = addDays(day, state?.settings.unfundedWithinDays ?? 30);
        const items = [];
        for (const i of await ctx.figures.all({ status: 'active' })) {
          for (const line of i.lines) {
            const due = line.owedPrincipal + line.owedInterest;
            if (line.overdue || line.dueDate < day || line.dueDate > until) continue;
            const funded = Math.min(
              due,
              line.funding.reduce((sum, f) => sum + f.amount, 0),
            );
            items.push({
              instrumentId: i.id,
              name: i.name,
              debtor: i.debtor,
              type: i.type,
              seq: line.seq,
              dueDate: line.dueDate,
              owed: due,
              funded,
              unfunded: due - funded,
              funding: line.funding,
              alert: funded === 0 && line.dueDate <= alertUntil,
            });
          }
        }
        return { items: items.sort((a, b) => a.dueDate.localeCompare(b.dueDate)) };
      },
    );

    await app.register(
      aggregateRoutes(ctx.indicators, {
        path: '/indicators',
        params: z.object({ id: z.string().min(1).max(64).describe('The zone id') }),
        tags: { read: 'indicators', actions: 'indicators' },
        readRoles: ROLES.read,
        view: { schema: indicatorsView, of: toIndicatorsView },
        historyKey: 'zoneId',
        systemActor: 'system:indicators',
        problems: PROBLEM_TEXT,
        actions: [],
      }),
    );
  };
}
