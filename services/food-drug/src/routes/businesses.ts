import { zoneDay } from '@zone-risk/calendar';
import {
  businessCategory,
  businessKind,
  creditCode,
  isoDate,
  licenceType,
  riskGrade,
} from '@zone-risk/contracts';
import {
  aggregateRoutes,
  callerOf,
  idSeed,
  ifMatch,
  newId,
  optionalIfMatch,
  sendWithEtag,
} from '@zone-risk/domain-service';
import { InvalidInput } from '@zone-risk/domain-service/domain';
import { booleanQuery, NotFoundError, pageQuerySchema, type ServiceRoutes } from '@zone-risk/platform';
import { z } from 'zod';
import { feedRecord, registerBusiness, setListing } from '../commands/businesses.ts';
import { licenceProblem } from '../domain/licence.ts';
import { ROLES, type RouteDeps } from './deps.ts';
import {
  businessPage,
  businessView,
  codeParams,
  EXAMPLE_CODE,
  gradeView,
  PROBLEM_TEXT,
  problems,
  text,
} from './schemas.ts';
import { toBusinessView, toGradeView } from './views.ts';

const registerBody = z
  .object({
    creditCode,
    name: text(200, 'Registered name (经营主体名称)'),
    address: text(500, 'Address (经营地址)'),
    kind: businessKind,
    categories: z.array(businessCategory).max(20).default([]).describe('What it handles that carries risk'),
    area: z.string().trim().min(1).max(100).nullish().describe('Area of the zone (片区)'),
    licence: z.object({ type: licenceType, number: text(40, 'Licence number') }),
  })
  .meta({
    examples: [
      {
        creditCode: EXAMPLE_CODE,
        name: '南京瑞丰团餐管理有限公司',
        address: '南京市江宁区东区科技大道8号',
        kind: 'catering',
        categories: ['school-canteen', 'group-meal-delivery'],
        area: '东区',
        licence: { type: 'food-business', number: 'JY23201130012345' },
      },
    ],
  });

const listQuery = pageQuerySchema.extend({
  grade: riskGrade.optional(),
  kind: businessKind.optional(),
  area: z.string().min(1).max(100).optional().describe('Only this area (exact name)'),
  due: z
    .enum(['overdue', 'behind'])
    .optional()
    .describe(
      'overdue: its last period ended short (check-overdue); behind: fewer checks than due by today, pro rata',
    ),
  seriousViolation: booleanQuery
    .optional()
    .describe('Only businesses on (true) or off (false) the serious-violation list'),
});

const recordBody = z
  .object({
    kind: z
      .enum(['complaint', 'penalty', 'recall'])
      .describe('complaint 投诉举报; penalty 行政处罚 (outside a case); recall 召回'),
    ref: z
      .string()
      .trim()
      .min(1)
      .max(80)
      .optional()
      .describe('Its number (投诉编号、处罚决定书文号); generated when absent'),
    date: isoDate.describe('When it happened'),
    substantiated: z
      .boolean()
      .optional()
      .describe('A complaint: whether it was substantiated (查实); only substantiated ones count'),
  })
  .meta({ examples: [{ kind: 'complaint', ref: 'TS-2026-0815', date: '2026-11-20', substantiated: true }] });

const listingBody = z
  .object({
    listed: z.boolean().describe('true: put on the list; false: taken off'),
    reason: text(500, 'The decision and its reference'),
  })
  .meta({ examples: [{ listed: true, reason: '宁市监严失〔2026〕12号' }] });

export function businessRoutes(deps: RouteDeps): ServiceRoutes {
  const { ctx } = deps;
  const view = (b: Parameters<typeof toBusinessView>[0]) => toBusinessView(b, ctx.clock.now());
  return async (app) => {
    app.post(
      '/businesses',
      {
        config: { roles: ROLES.officer },
        schema: {
          tags: ['businesses'],
          summary: 'Register a business (经营主体), or update its details',
          description:
            'Keyed by credit code: a new one answers 201 with its first grade; one already registered answers 200, with the fields that differ updated (and re-graded when kind or categories changed) or unchanged. The licence must fit the kind (SC + 14 digits for food production, JY + 14 digits for food business, province + 2 letters + 7 digits for drugs).',
          body: registerBody,
          response: { 201: businessView, 200: businessView, ...problems(400, 403) },
        },
      },
      async (request, reply) => {
        const body = request.body;
        const problem = licenceProblem(body.kind, body.licence.type, body.licence.number);
        if (problem)
          throw new InvalidInput('The licence does not fit the business', [
            { pointer: '/licence', reason: problem },
          ]);
        const result = await registerBusiness(ctx, callerOf(request), { ...body, area: body.area ?? null });
        reply.header('location', `/businesses/${result.business.creditCode}`);
        return sendWithEtag(reply, result.business, view, result.outcome === 'created' ? 201 : 200);
      },
    );

    app.get(
      '/businesses',
      {
        config: { roles: ROLES.read },
        schema: {
          tags: ['businesses'],
          summary: 'List businesses, by credit code',
          description:
            'Filters combine (AND). Page with `cursor` = the previous page’s `nextCursor`. `due=behind` is evaluated after the other filters.',
          querystring: listQuery,
          response: { 200: businessPage, ...problems(400) },
        },
      },
      async (request) => {
        const { limit, cursor, due, ...filter } = request.query;
        const today = zoneDay(ctx.clock.now());
        const query: Record<string, unknown> = {
          ...filter,
          ...(due === 'overdue' ? { checkOverdue: true } : {}),
          ...(due === 'behind' ? { behindFrom: { $lte: today } } : {}),
        };
        const page = await ctx.businesses.list(query, { limit, cursor }, { field: '_id', direction: 1 });
        return {
          items: page.items.map((b) => ({ ...view(b), record: undefined })),
          nextCursor: page.nextCursor,
        };
      },
    );

    app.get(
      '/businesses/:id/grade',
      {
        config: { roles: ROLES.read },
        schema: {
          tags: ['businesses'],
          summary: 'The grade and its trace (风险等级及计算过程)',
          description:
            'Which factors gave how many points, which override applied, under which rule-set version, for which day.',
          params: codeParams,
          response: { 200: gradeView, ...problems(404) },
        },
      },
      async (request) => {
        const business = await ctx.businesses.find(request.params.id);
        if (!business) throw new NotFoundError(ctx.businesses.notFound(request.params.id));
        return toGradeView(business);
      },
    );

    app.post(
      '/businesses/:id/record',
      {
        config: { roles: ROLES.officer },
        schema: {
          tags: ['businesses'],
          summary: 'Add a complaint, a penalty or a recall to the business’s record',
          description:
            'Checks and samples enter the record by themselves; this is for what comes from elsewhere. The grade is recomputed at once (BusinessGradeChanged when it moves). The same entry again (same kind and ref) changes nothing; the same kind and ref with other content is 409 (`reason: entry-posted`: a posted entry is never rewritten, only voided). If-Match optional (entries commute).',
          params: codeParams,
          body: recordBody,
          response: { 200: businessView, ...problems(400, 403, 404, 409, 412) },
        },
      },
      async (request, reply) => {
        const { kind, ref, date, substantiated } = request.body;
        if (date > zoneDay(ctx.clock.now()))
          throw new InvalidInput('The entry is in the future', [
            { pointer: '/date', reason: 'is after today' },
          ]);
        if ((kind === 'complaint') !== (substantiated !== undefined)) {
          throw new InvalidInput('Say whether the complaint was substantiated, and only for a complaint', [
            {
              pointer: '/substantiated',
              reason: kind === 'complaint' ? 'is required for a complaint' : 'is for a complaint only',
            },
          ]);
        }
        const caller = callerOf(request);
        const entry = {
          kind,
          ref: ref ?? newId(kind, idSeed(request)),
          date,
          result: kind === 'complaint' ? (substantiated ? 'substantiated' : 'unsubstantiated') : null,
          void: false,
        };
        const business = await feedRecord(
          ctx,
          caller,
          request.params.id,
          entry,
          undefined,
          optionalIfMatch(request, request.params.id),
        );
        if (!business) throw new NotFoundError(ctx.businesses.notFound(request.params.id));
        return sendWithEtag(reply, business, view);
      },
    );

    app.post(
      '/businesses/:id/serious-violation',
      {
        config: { roles: ROLES.supervise },
        schema: {
          tags: ['businesses'],
          summary: 'Put on or take off the serious-violation list (严重违法失信名单)',
          description:
            'On the list the business is graded D whatever its score (an override, shown in the trace). Requires If-Match.',
          params: codeParams,
          body: listingBody,
          response: { 200: businessView, ...problems(400, 403, 404, 412, 428) },
        },
      },
      async (request, reply) => {
        const business = await setListing(
          ctx,
          callerOf(request),
          request.params.id,
          request.body,
          ifMatch(request, request.params.id),
        );
        return sendWithEtag(reply, business, view);
      },
    );

    await app.register(
      aggregateRoutes(ctx.businesses, {
        path: '/businesses',
        params: codeParams,
        tags: { read: 'businesses', actions: 'businesses' },
        readRoles: ROLES.read,
        view: { schema: businessView, of: view },
        historyKey: 'creditCode',
        systemActor: 'system:time-sweeper',
        problems: PROBLEM_TEXT,
        actions: [],
      }),
    );
  };
}
