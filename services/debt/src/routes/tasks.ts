import { zoneDay } from '@zone-risk/calendar';
import { aggregateRoutes, callerOf, sendWithEtag } from '@zone-risk/domain-service';
import { NotFoundError, type ServiceRoutes } from '@zone-risk/platform';
import { z } from 'zod';
import { capacityCommand, taskCommand } from '../commands/tasks.ts';
import { readAll } from '../data/read-all.ts';
import { burnDown, progressOf } from '../domain/progress.ts';
import { ROLES, type RouteDeps } from './deps.ts';
import {
  burnDownView,
  capacityBody,
  capacityView,
  PROBLEM_TEXT,
  problems,
  taskBody,
  taskView,
  yearParams,
} from './schemas.ts';
import { toCapacityView, toTaskView } from './views.ts';

const dayQuery = z.object({
  day: z.iso.date().optional().describe('The zone day to measure at (default today)'),
});
const yearIdParams = z.object({
  id: z
    .string()
    .regex(/^\d{4}$/)
    .describe('The year'),
});

export function taskRoutes(deps: RouteDeps): ServiceRoutes {
  const { ctx } = deps;
  return async (app) => {
    app.put(
      '/tasks/:year',
      {
        config: { roles: ROLES.supervise },
        schema: {
          tags: ['tasks'],
          summary: 'Set or revise the year’s reduction task (年度化债任务)',
          description:
            '201 when set, 200 when revised (a `reason` is then required) or unchanged. What counts: `counts.kinds` of postings (repayment of principal, replacement, write-off) on `counts.types` of debt; default every reduction of hidden and non-standard debt.',
          params: yearParams,
          body: taskBody,
          response: { 201: taskView, 200: taskView, ...problems(400, 403) },
        },
      },
      async (request, reply) => {
        const { task, created } = await taskCommand(
          ctx,
          callerOf(request),
          request.params.year,
          request.body,
        );
        const day = zoneDay(ctx.clock.now());
        const progress = progressOf(task, await ctx.figures.all(), day);
        return sendWithEtag(reply, task, (t) => toTaskView(t, progress, day), created ? 201 : 200);
      },
    );

    app.get(
      '/tasks/:year',
      {
        config: { roles: ROLES.read },
        schema: {
          tags: ['tasks'],
          summary: 'The task and its progress against time elapsed (序时进度)',
          description:
            'done so far, expected by the day (target × share of the year gone, zone days, the day counted), ahead or behind in fen and in hundredths of a percentage point, and the year-end forecast (done + principal still scheduled this year on the debts that count + the unscheduled reductions at their pace so far).',
          params: yearParams,
          querystring: dayQuery,
          response: { 200: taskView, ...problems(400, 403, 404) },
        },
      },
      async (request, reply) => {
        const task = await ctx.tasks.find(String(request.params.year));
        if (!task) throw new NotFoundError(`No reduction task is set for ${request.params.year}`);
        const day = request.query.day ?? zoneDay(ctx.clock.now());
        const progress = progressOf(task, await ctx.figures.all(), day);
        return sendWithEtag(reply, task, (t) => toTaskView(t, progress, day));
      },
    );

    app.get(
      '/tasks/:year/burn-down',
      {
        config: { roles: ROLES.read },
        schema: {
          tags: ['tasks'],
          summary: 'The series a burn-down chart needs: expected, actual and forecast, a point a day',
          description:
            'expected for every day of the year; actual up to `day`; forecast from `day` to 31 December. Cumulative fen.',
          params: yearParams,
          querystring: dayQuery,
          response: { 200: burnDownView, ...problems(400, 403, 404) },
        },
      },
      async (request) => {
        const task = await ctx.tasks.find(String(request.params.year));
        if (!task) throw new NotFoundError(`No reduction task is set for ${request.params.year}`);
        const day = request.query.day ?? zoneDay(ctx.clock.now());
        return {
          year: task.year,
          day,
          target: task.target,
          points: burnDown(task, await ctx.figures.all(), day),
        };
      },
    );

    app.put(
      '/capacities/:year',
      {
        config: { roles: ROLES.supervise },
        schema: {
          tags: ['indicators'],
          summary: 'Enter or revise a year’s comprehensive fiscal capacity (综合财力)',
          description:
            '201 entered; 200 revised (a `reason` is required) or unchanged. The debt ratio divides by the latest year entered up to the current one.',
          params: yearParams,
          body: capacityBody,
          response: { 201: capacityView, 200: capacityView, ...problems(400, 403) },
        },
      },
      async (request, reply) => {
        const { capacity, created } = await capacityCommand(
          ctx,
          callerOf(request),
          request.params.year,
          request.body,
        );
        return sendWithEtag(reply, capacity, toCapacityView, created ? 201 : 200);
      },
    );

    app.get(
      '/capacities',
      {
        config: { roles: ROLES.read },
        schema: {
          tags: ['indicators'],
          summary: 'Every year’s fiscal capacity, newest first',
          response: { 200: z.object({ items: z.array(capacityView) }), ...problems(403) },
        },
      },
      async () => {
        const all = await readAll(ctx.capacities);
        return { items: all.sort((a, b) => b.year - a.year).map(toCapacityView) };
      },
    );

    await app.register(
      aggregateRoutes(ctx.tasks, {
        path: '/tasks',
        params: yearIdParams,
        tags: { read: 'tasks', actions: 'tasks' },
        readRoles: ROLES.read,
        view: { schema: taskView, of: () => ({}) },
        historyKey: 'year',
        systemActor: 'nobody',
        problems: PROBLEM_TEXT,
        actions: [],
        ownRead: true,
      }),
    );

    await app.register(
      aggregateRoutes(ctx.capacities, {
        path: '/capacities',
        params: yearIdParams,
        tags: { read: 'indicators', actions: 'indicators' },
        readRoles: ROLES.read,
        view: { schema: capacityView, of: toCapacityView },
        historyKey: 'year',
        systemActor: 'nobody',
        problems: PROBLEM_TEXT,
        actions: [],
      }),
    );
  };
}
