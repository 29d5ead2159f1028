import { creditCode, isoDate, sampleItem, sampleVerdict } from '@zone-risk/contracts';
import { aggregateRoutes, callerOf, idSeed, sendWithEtag } from '@zone-risk/domain-service';
import { pageQuerySchema, type ServiceRoutes } from '@zone-risk/platform';
import { z } from 'zod';
import { recordSampleCommand } from '../commands/samples.ts';
import { ROLES, type RouteDeps } from './deps.ts';
import { EXAMPLE_CODE, idParams, PROBLEM_TEXT, problems, samplePage, sampleView, text } from './schemas.ts';
import { toSampleView } from './views.ts';

const sampleBody = z
  .object({
    creditCode,
    product: text(200, 'Product sampled (样品名称)'),
    batch: text(100, 'Batch number (批号)'),
    productionDate: isoDate.nullish(),
    sampledOn: isoDate.describe('Day the sample was taken (not in the future)'),
    lab: text(200, 'The testing laboratory (检验机构)'),
    items: z
      .array(sampleItem)
      .min(1)
      .max(100)
      .describe('Items tested; one unqualified makes the sample unqualified'),
  })
  .meta({
    examples: [
      {
        creditCode: EXAMPLE_CODE,
        product: '学生营养午餐（红烧鸡块）',
        batch: '20261102-02',
        productionDate: '2026-11-02',
        sampledOn: '2026-11-02',
        lab: '南京市食品药品监督检验院',
        items: [{ item: '菌落总数', value: '2.3×10⁵', limit: '≤1×10⁵', unit: 'CFU/g', qualified: false }],
      },
    ],
  });

const listQuery = pageQuerySchema.extend({
  business: creditCode.optional().describe('Only samples of this business'),
  verdict: sampleVerdict.optional(),
});

export function sampleRoutes(deps: RouteDeps): ServiceRoutes {
  const { ctx } = deps;
  return async (app) => {
    app.post(
      '/samples',
      {
        config: { roles: ROLES.officer },
        schema: {
          tags: ['samples'],
          summary: 'Record a sample and its lab result (抽检)',
          description:
            'Unqualified (one item over its limit) opens a disposal case at once, with the rule set’s deadline and retest window, and feeds the business’s record (re-graded at once). Send an Idempotency-Key: a retry records it once.',
          body: sampleBody,
          response: { 201: sampleView, 200: sampleView, ...problems(400, 403) },
        },
      },
      async (request, reply) => {
        const body = request.body;
        const result = await recordSampleCommand(
          ctx,
          callerOf(request),
          { ...body, productionDate: body.productionDate ?? null },
          idSeed(request),
        );
        reply.header('location', `/samples/${result.sample.id}`);
        return sendWithEtag(reply, result.sample, toSampleView, result.created ? 201 : 200);
      },
    );

    app.get(
      '/samples',
      {
        config: { roles: ROLES.read },
        schema: {
          tags: ['samples'],
          summary: 'List samples, newest first',
          querystring: listQuery,
          response: { 200: samplePage, ...problems(400) },
        },
      },
      async (request) => {
        const { limit, cursor, business, ...filter } = request.query;
        const page = await ctx.samples.list(
          { ...filter, businessCode: business },
          { limit, cursor },
          { field: 'recordedAt', direction: -1 },
        );
        return { items: page.items.map(toSampleView), nextCursor: page.nextCursor };
      },
    );

    await app.register(
      aggregateRoutes(ctx.samples, {
        path: '/samples',
        params: idParams('Sample'),
        tags: { read: 'samples', actions: 'samples' },
        readRoles: ROLES.read,
        view: { schema: sampleView, of: toSampleView },
        historyKey: 'sampleId',
        systemActor: 'system:time-sweeper',
        problems: PROBLEM_TEXT,
        actions: [],
      }),
    );
  };
}
