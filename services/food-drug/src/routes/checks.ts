import { zoneDay } from '@zone-risk/calendar';
import {
  businessKind,
  checkItemResult,
  checkOutcome,
  checkStatus,
  checkType,
  creditCode,
  isoDate,
  personRef,
  riskGrade,
} from '@zone-risk/contracts';
import { aggregateRoutes, callerOf, idSeed, sendWithEtag } from '@zone-risk/domain-service';
import { pageQuerySchema, type ServiceRoutes } from '@zone-risk/platform';
import { z } from 'zod';
import { recordCheckCommand } from '../commands/checks.ts';
import { ROLES, type RouteDeps } from './deps.ts';
import {
  checkPage,
  checkView,
  EXAMPLE_CODE,
  idParams,
  PROBLEM_TEXT,
  problems,
  standingView as standingSchema,
} from './schemas.ts';
import { standingView, toCheckView } from './views.ts';

const checkBody = z
  .object({
    creditCode,
    type: checkType,
    date: isoDate.describe('Day of the check (not in the future)'),
    inspectors: z
      .array(personRef)
      .min(1)
      .max(10)
      .describe('The inspectors who did it: at least two different ones'),
    items: z.array(checkItemResult).min(1).max(200),
    findings: z.string().trim().max(4000).nullish(),
    outcome: checkOutcome,
    followUpDeadline: isoDate
      .nullish()
      .describe('基本符合 only: by when the follow-up is due (default: the rule set’s followUpDays)'),
    followUpOf: z.string().min(1).max(80).nullish().describe('A follow-up (复查): the check it follows up'),
    drawId: z.string().min(1).max(80).nullish().describe('The random draw that picked it'),
  })
  .meta({
    examples: [
      {
        creditCode: EXAMPLE_CODE,
        type: 'routine',
        date: '2026-11-20',
        inspectors: [
          { id: 'fd-liu', name: '刘洋' },
          { id: 'fd-sun', name: '孙敏' },
        ],
        items: [
          { item: '从业人员健康管理', result: 'fail', note: '2人健康证过期' },
          { item: '原料进货查验', result: 'pass', note: null },
        ],
        findings: '后厨环境基本整洁',
        outcome: 'basically-conforming',
        followUpDeadline: '2026-12-20',
      },
    ],
  });

const listQuery = pageQuerySchema.extend({
  business: creditCode.optional().describe('Only checks of this business'),
  type: checkType.optional(),
  status: checkStatus.optional(),
  draw: z.string().min(1).max(80).optional().describe('Only checks of this draw'),
});

const dueQuery = pageQuerySchema.extend({
  scope: z
    .enum(['pro-rata', 'period-end'])
    .default('pro-rata')
    .describe(
      'pro-rata: behind what is due by today (序时); period-end: short of what the whole period requires',
    ),
  grade: riskGrade.optional(),
  kind: businessKind.optional(),
  area: z.string().min(1).max(100).optional(),
});

const dueItem = z.object({
  creditCode: z.string(),
  name: z.string(),
  kind: businessKind,
  grade: riskGrade,
  area: z.string().nullable(),
  checkOverdue: z.boolean(),
  standing: standingSchema,
  lastCheck: z.object({ id: z.string(), date: z.string() }).nullable(),
});

export function checkRoutes(deps: RouteDeps): ServiceRoutes {
  const { ctx } = deps;
  return async (app) => {
    app.post(
      '/checks',
      {
        config: { roles: ROLES.officer },
        schema: {
          tags: ['checks'],
          summary: 'Record a supervision check (监督检查)',
          description:
            'At least two different inspectors; the outcome must agree with the items (符合: none failed). 基本符合 leaves a follow-up due (CheckFollowUpOverdue when it passes); 不符合 opens a disposal case. The business’s record gains the check at once: its grade is recomputed and its standing against the check frequency moves. Send an Idempotency-Key: a retry records the check once and finishes what it sets off.',
          body: checkBody,
          response: { 201: checkView, 200: checkView, ...problems(400, 403) },
        },
      },
      async (request, reply) => {
        const body = request.body;
        const result = await recordCheckCommand(
          ctx,
          callerOf(request),
          {
            ...body,
            findings: body.findings ?? null,
            followUpOf: body.followUpOf ?? null,
            drawId: body.drawId ?? null,
            followUpDeadline: body.followUpDeadline ?? null,
          },
          idSeed(request),
        );
        reply.header('location', `/checks/${result.check.id}`);
        return sendWithEtag(reply, result.check, toCheckView, result.created ? 201 : 200);
      },
    );

    app.get(
      '/checks',
      {
        config: { roles: ROLES.read },
        schema: {
          tags: ['checks'],
          summary: 'List checks, newest first',
          querystring: listQuery,
          response: { 200: checkPage, ...problems(400) },
        },
      },
      async (request) => {
        const { limit, cursor, business, draw, ...filter } = request.query;
        const page = await ctx.checks.list(
          { ...filter, businessCode: business, drawId: draw },
          { limit, cursor },
          { field: 'recordedAt', direction: -1 },
        );
        return { items: page.items.map(toCheckView), nextCursor: page.nextCursor };
      },
    );

    app.get(
      '/checks/due',
      {
        config: { roles: ROLES.read },
        schema: {
          tags: ['checks'],
          summary: 'Businesses behind their check frequency (检查频次), pro rata or for the period',
          description:
            'Minimum checks by grade come from the rule set (checkFrequency). pro-rata: fewer checks than floor(required × elapsed days ÷ period days) by today; period-end: fewer than the period requires. A business whose period ended short is also `checkOverdue` (found by the sweeper and published once as BusinessCheckOverdue).',
          querystring: dueQuery,
          response: {
            200: z.object({ items: z.array(dueItem), nextCursor: z.string().nullable() }),
            ...problems(400),
          },
        },
      },
      async (request) => {
        const { limit, cursor, scope, ...filter } = request.query;
        const today = zoneDay(ctx.clock.now());
        // behindFrom is null when the period's checks are done; a comparison never matches null.
        const behindFrom = { $lte: scope === 'pro-rata' ? today : '9999-12-31' };
        const page = await ctx.businesses.list(
          { ...filter, behindFrom },
          { limit, cursor },
          { field: '_id', direction: 1 },
        );
        return {
          items: page.items.map((b) => ({
            creditCode: b.creditCode,
            name: b.name,
            kind: b.kind,
            grade: b.grade,
            area: b.area,
            checkOverdue: b.checkOverdue,
            standing: standingView(b, today),
            lastCheck: b.lastCheck ? { id: b.lastCheck.id, date: b.lastCheck.date } : null,
          })),
          nextCursor: page.nextCursor,
        };
      },
    );

    await app.register(
      aggregateRoutes(ctx.checks, {
        path: '/checks',
        params: idParams('Check'),
        tags: { read: 'checks', actions: 'checks' },
        readRoles: ROLES.read,
        view: { schema: checkView, of: toCheckView },
        historyKey: 'checkId',
        systemActor: 'system:time-sweeper',
        problems: PROBLEM_TEXT,
        actions: [],
      }),
    );
  };
}
