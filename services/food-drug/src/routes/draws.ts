import { randomBytes } from 'node:crypto';
import { businessKind, drawStatus, isoDate, personRef, riskGrade } from '@zone-risk/contracts';
import { aggregateRoutes, callerOf, idSeed, sendWithEtag } from '@zone-risk/domain-service';
import { NotFoundError, pageQuerySchema, type ServiceRoutes } from '@zone-risk/platform';
import { z } from 'zod';
import { commitDrawCommand } from '../commands/draws.ts';
import { draws } from '../data/aggregates.ts';
import { commitmentText, serverSeed, verify } from '../domain/draw.ts';
import { drawWithSeed, publishDraw } from '../domain/draw-aggregate.ts';
import { ROLES, type RouteDeps } from './deps.ts';
import { drawPage, drawView, idParams, PROBLEM_TEXT, problems, text } from './schemas.ts';
import { toDrawView } from './views.ts';

const commitBody = z
  .object({
    title: text(200, 'What the draw is for'),
    filter: z
      .object({
        kinds: z.array(businessKind).max(10).default([]),
        grades: z.array(riskGrade).max(4).default([]),
        areas: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
      })
      .default({ kinds: [], grades: [], areas: [] })
      .describe('Which businesses are candidates; an empty list: no condition'),
    count: z.int().min(1).max(10_000).describe('Businesses to pick'),
    perBusiness: z.int().min(2).max(10).default(2).describe('Inspectors per business (at least two)'),
    inspectors: z
      .array(personRef.extend({ name: z.string().min(1).max(100) }))
      .min(2)
      .max(5000)
      .describe('The inspector pool (执法人员名录)'),
    seed: z
      .object({
        kind: z.enum(['public', 'server']),
        source: z
          .string()
          .trim()
          .min(1)
          .max(200)
          .nullish()
          .describe('public: which value, e.g. 中国福利彩票双色球'),
        drawDate: isoDate.nullish().describe('public: the day it is drawn (after today)'),
      })
      .describe('Where the seed will come from'),
  })
  .meta({
    examples: [
      {
        title: '2026年第四季度餐饮服务双随机抽查',
        filter: { kinds: ['catering', 'unit-canteen'], grades: [], areas: ['东区'] },
        count: 5,
        perBusiness: 2,
        inspectors: [
          { id: 'fd-liu', name: '刘洋' },
          { id: 'fd-sun', name: '孙敏' },
          { id: 'fd-zhao', name: '赵磊' },
        ],
        seed: { kind: 'public', source: '中国福利彩票双色球', drawDate: '2026-12-08' },
      },
    ],
  });

const verification = z.object({
  drawId: z.string(),
  matches: z
    .boolean()
    .describe('The stored lists hash to the commitment and the stored pick is what the seed gives'),
  commitmentMatches: z.boolean(),
  resultMatches: z.boolean(),
  commitment: z.string(),
  recomputedCommitment: z.string(),
  seed: z.string().nullable(),
  differences: z.array(z.string()),
});

const listsView = z.object({
  drawId: z.string(),
  commitment: z.string(),
  text: z.string().describe('The exact text whose SHA-256 is the commitment (docs/draws.md)'),
  lists: z.object({
    businesses: z.array(z.object({ id: z.string(), name: z.string(), avoid: z.array(z.string()) })),
    inspectors: z.array(z.object({ id: z.string(), name: z.string() })),
    count: z.int(),
    perBusiness: z.int(),
  }),
});

export function drawRoutes(deps: RouteDeps): ServiceRoutes {
  const { ctx, config } = deps;
  return async (app) => {
    app.post(
      '/draws',
      {
        config: { roles: ROLES.officer },
        schema: {
          tags: ['draws'],
          summary: 'Commit a random draw (双随机一公开) to its candidate lists',
          description:
            'The candidates (every business the filter matches, with the inspectors of its last check to avoid) and the inspector pool are fixed, ordered and hashed now, before the seed exists; DrawCommitted publishes the SHA-256. A public seed names its source and the day it is drawn (not before today). Then POST /draws/{id}/draw with the seed. A draw is never drawn again: another seed is another draw.',
          body: commitBody,
          response: { 201: drawView, 200: drawView, ...problems(400, 403, 409) },
        },
      },
      async (request, reply) => {
        const { seed, ...rest } = request.body;
        const result = await commitDrawCommand(
          ctx,
          callerOf(request),
          {
            ...rest,
            seed: { kind: seed.kind, source: seed.source ?? null, drawDate: seed.drawDate ?? null },
          },
          { seed: idSeed(request), maxCandidates: config.DRAW_MAX_CANDIDATES },
        );
        reply.header('location', `/draws/${result.draw.id}`);
        return sendWithEtag(reply, result.draw, toDrawView, result.created ? 201 : 200);
      },
    );

    app.get(
      '/draws',
      {
        config: { roles: ROLES.read },
        schema: {
          tags: ['draws'],
          summary: 'List draws, newest first',
          querystring: pageQuerySchema.extend({ status: drawStatus.optional() }),
          response: { 200: drawPage, ...problems(400) },
        },
      },
      async (request) => {
        const { limit, cursor, status } = request.query;
        const page = await ctx.draws.list(
          { status },
          { limit, cursor },
          { field: 'committedAt', direction: -1 },
        );
        return { items: page.items.map(toDrawView), nextCursor: page.nextCursor };
      },
    );

    app.get(
      '/draws/:id/lists',
      {
        config: { roles: ROLES.read },
        schema: {
          tags: ['draws'],
          summary: 'The committed lists and the exact text hashed',
          params: idParams('Draw'),
          response: { 200: listsView, ...problems(404) },
        },
      },
      async (request) => {
        const draw = await ctx.draws.find(request.params.id);
        if (!draw) throw new NotFoundError(ctx.draws.notFound(request.params.id));
        return {
          drawId: draw.id,
          commitment: draw.commitment,
          text: commitmentText(draw.lists),
          lists: draw.lists,
        };
      },
    );

    app.get(
      '/draws/:id/verification',
      {
        config: { roles: ROLES.read },
        schema: {
          tags: ['draws'],
          summary: 'Recompute the draw from its stored lists and seed',
          description:
            'Hashes the stored lists again and re-runs the pick with the stored seed; says whether both match what was committed and drawn, and lists every difference.',
          params: idParams('Draw'),
          response: { 200: verification, ...problems(404, 409) },
        },
      },
      async (request) => {
        const draw = await ctx.draws.find(request.params.id);
        if (!draw) throw new NotFoundError(ctx.draws.notFound(request.params.id));
        if (draw.seed === null || draw.picks === null) {
          return {
            drawId: draw.id,
            matches: false,
            commitmentMatches: false,
            resultMatches: false,
            commitment: draw.commitment,
            recomputedCommitment: '',
            seed: null,
            differences: ['the draw has no seed yet: nothing to verify but the commitment'],
          };
        }
        const result = {
          picks: draw.picks.map((p) => ({
            business: p.business.creditCode,
            rank: p.rank,
            inspectors: p.inspectors.map((i) => i.id),
          })),
        };
        const checked = verify({
          lists: draw.lists,
          commitment: draw.commitment,
          seed: draw.seed.value,
          result,
        });
        return {
          drawId: draw.id,
          matches: checked.matches,
          commitmentMatches: checked.commitmentMatches,
          resultMatches: checked.resultMatches,
          commitment: draw.commitment,
          recomputedCommitment: checked.recomputedCommitment,
          seed: draw.seed.value,
          differences: checked.differences,
        };
      },
    );

    await app.register(
      aggregateRoutes(ctx.draws, {
        path: '/draws',
        params: idParams('Draw'),
        tags: { read: 'draws', actions: 'draws' },
        readRoles: ROLES.read,
        view: { schema: drawView, of: toDrawView },
        historyKey: 'drawId',
        systemActor: 'system',
        problems: PROBLEM_TEXT,
        actions: [
          draws.action({
            path: 'draw',
            summary: 'Record the seed and draw (抽取)',
            description:
              'committed → drawn. A public seed: `value` is the public value as published (normalised before use, docs/draws.md), entered on or after its draw day. A server seed: no value; 32 bytes from the CSPRNG. Once only: 409 after.',
            roles: ROLES.officer,
            body: z
              .object({
                value: z
                  .string()
                  .trim()
                  .min(1)
                  .max(500)
                  .optional()
                  .describe('The public value (public seeds only)'),
              })
              .meta({ examples: [{ value: '03 11 17 22 28 31 + 09' }] }),
            decide: (draw, body, actor, now) =>
              drawWithSeed(
                draw,
                { value: draw.seedPlan.kind === 'server' ? serverSeed(randomBytes) : (body.value ?? '') },
                actor,
                now,
              ),
          }),
          draws.action({
            path: 'publish',
            summary: 'Publish the result (公开)',
            description: 'drawn → published: DrawPublished lists who was drawn and who checks them.',
            roles: ROLES.supervise,
            body: z
              .object({ channel: z.string().trim().max(200).nullish().describe('Where it is published') })
              .meta({ examples: [{ channel: '开发区管委会门户网站' }] }),
            decide: (draw, body, actor, now) => publishDraw(draw, body, actor, now),
          }),
        ],
      }),
    );
  };
}
