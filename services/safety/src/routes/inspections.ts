import { determinationBasis, hazardGrade, isoDate } from '@zone-risk/contracts';
import { callerOf, idSeed } from '@zone-risk/domain-service';
import { NotFoundError, pageQuerySchema, type ServiceRoutes } from '@zone-risk/platform';
import { z } from 'zod';
import { recordInspection } from '../commands/inspections.ts';
import { listInspections } from '../data/inspections.ts';
import { ROLES, type RouteDeps } from './deps.ts';
import {
  creditCode,
  EXAMPLE_CODE,
  enterpriseInput,
  hazardView,
  inspectionType,
  person,
  problems,
  text,
} from './schemas.ts';
import { toHazardView, toInspectionView } from './views.ts';

const resultInput = z.object({
  itemCode: z.string().min(1).max(40).describe('Item code of the template, e.g. DE-03'),
  result: z.enum(['pass', 'fail', 'not-applicable']),
  note: z
    .string()
    .trim()
    .max(2000)
    .optional()
    .describe('Required for fail: it becomes the hazard’s description'),
  location: text(200, 'For fail: where the hazard is (default: the inspection’s location)').optional(),
  grade: hazardGrade.optional().describe('For fail: overrides the grade the template gives the item'),
  basis: determinationBasis
    .optional()
    .describe('For fail: overrides the item’s basis (required if major and the item has no clause)'),
  deadline: isoDate.optional().describe('For fail: rectification deadline set on the spot'),
});

const inspectionBody = z
  .object({
    enterprise: enterpriseInput,
    type: inspectionType,
    date: isoDate.describe('Day of the inspection; not in the future'),
    inspectors: z
      .array(person)
      .min(1)
      .max(20)
      .describe('At least two different inspectors unless type is self-check'),
    templateId: z
      .string()
      .min(3)
      .max(120)
      .describe('Checklist template <code>@<version>, e.g. dust-explosion@1'),
    location: text(200, 'Default location of the hazards raised').optional(),
    results: z.array(resultInput).min(1).max(500).describe('One result per item of the template'),
  })
  .meta({
    examples: [
      {
        enterprise: { creditCode: EXAMPLE_CODE, name: '南京瑞丰精细化工有限公司' },
        type: 'special',
        date: '2026-05-06',
        inspectors: [
          { id: 'demo-inspector', name: '王磊' },
          { id: 'insp-liu', name: '刘芳' },
        ],
        templateId: 'confined-spaces@1',
        location: '污水处理站',
        results: [
          { itemCode: 'CS-01', result: 'pass' },
          {
            itemCode: 'CS-02',
            result: 'fail',
            note: '清理集水井未经审批，未进行气体检测',
            location: '污水处理站 集水井',
          },
          { itemCode: 'CS-03', result: 'pass' },
          { itemCode: 'CS-04', result: 'fail', note: '监护人员未经专项培训', deadline: '2026-06-30' },
          { itemCode: 'CS-05', result: 'not-applicable' },
          { itemCode: 'CS-06', result: 'pass' },
          { itemCode: 'CS-07', result: 'pass' },
        ],
      },
    ],
  });

const inspectionView = z.object({
  id: z.string(),
  zoneId: z.string(),
  enterprise: enterpriseInput,
  type: inspectionType,
  date: isoDate,
  inspectors: z.array(person),
  location: z.string().nullable(),
  template: z.object({ id: z.string(), code: z.string(), version: z.int(), title: z.string() }),
  results: z.array(
    resultInput.extend({ hazardId: z.string().nullable().describe('The hazard a failed item raised') }),
  ),
  counts: z.object({ pass: z.int(), fail: z.int(), notApplicable: z.int() }),
  hazardIds: z.array(z.string()),
  recordedBy: person,
  recordedAt: z.string(),
});

const listQuery = pageQuerySchema.extend({
  enterprise: creditCode.optional().describe('Credit code of the enterprise'),
  type: inspectionType.optional(),
  from: isoDate.optional().describe('Inspection date on or after'),
  to: isoDate.optional().describe('Inspection date on or before'),
});

export function inspectionRoutes(deps: RouteDeps): ServiceRoutes {
  return async (app) => {
    app.post(
      '/inspections',
      {
        config: { roles: ROLES.inspect },
        schema: {
          tags: ['inspections'],
          summary: 'Record an inspection (检查); failed items raise hazards',
          description:
            'Every item of the template is answered once. Each failed item raises a hazard in the same request (grade and basis from the template unless given). Send Idempotency-Key: a retry returns the first response and creates nothing twice.',
          body: inspectionBody,
          response: {
            201: z.object({ inspection: inspectionView, hazards: z.array(hazardView) }),
            200: z.object({ inspection: inspectionView, hazards: z.array(hazardView) }),
            ...problems(400, 403),
          },
        },
      },
      async (request, reply) => {
        const recorded = await recordInspection(deps.ctx, callerOf(request), request.body, idSeed(request));
        reply.code(recorded.created ? 201 : 200).header('location', `/inspections/${recorded.inspection.id}`);
        return {
          inspection: toInspectionView(recorded.inspection),
          hazards: recorded.hazards.map(toHazardView),
        };
      },
    );

    app.get(
      '/inspections',
      {
        config: { roles: ROLES.read },
        schema: {
          tags: ['inspections'],
          summary: 'List inspections, latest date first',
          querystring: listQuery,
          response: {
            200: z.object({ items: z.array(inspectionView), nextCursor: z.string().nullable() }),
            ...problems(400),
          },
        },
      },
      async (request) => {
        const { limit, cursor, ...filter } = request.query;
        const page = await listInspections(deps.ctx.inspections, filter, { limit, cursor });
        return { items: page.items.map(toInspectionView), nextCursor: page.nextCursor };
      },
    );

    app.get(
      '/inspections/:id',
      {
        config: { roles: ROLES.read },
        schema: {
          tags: ['inspections'],
          summary: 'Read an inspection',
          params: z.object({ id: z.string().min(1).max(80) }),
          response: { 200: inspectionView, ...problems(404) },
        },
      },
      async (request) => {
        const inspection = await deps.ctx.inspections.find(request.params.id);
        if (!inspection) throw new NotFoundError(deps.ctx.inspections.notFound(request.params.id));
        return toInspectionView(inspection);
      },
    );
  };
}
