import { hazardCategory } from '@zone-risk/contracts';
import { callerOf } from '@zone-risk/domain-service';
import { NotFoundError, pageQuerySchema, type ServiceRoutes } from '@zone-risk/platform';
import { z } from 'zod';
import { createTemplate, reviseTemplate } from '../commands/templates.ts';
import { findTemplate, latestTemplate, listTemplates } from '../data/templates.ts';
import { ROLES, type RouteDeps } from './deps.ts';
import { problems, text } from './schemas.ts';
import { toTemplateView } from './views.ts';

const item = z.object({
  code: z
    .string()
    .regex(/^[A-Z][A-Z0-9]{0,5}-[0-9]{2,3}$/, 'must look like DE-03')
    .describe('Item code, unique in the template, e.g. DE-03'),
  text: text(500, 'The requirement checked'),
  category: hazardCategory,
  basis: z
    .object({
      standard: text(200, 'The standard or regulation, e.g. GB 15577-2018 粉尘防爆安全规程'),
      clause: z
        .string()
        .trim()
        .max(300)
        .nullish()
        .describe('Article or situation; required when majorIfFailed'),
    })
    .describe('What the requirement rests on'),
  majorIfFailed: z.boolean().default(false).describe('Failing it is a major hazard (重大事故隐患)'),
});

const content = z
  .object({
    code: z
      .string()
      .regex(/^[a-z][a-z0-9-]{2,62}$/, 'must be lower-case letters, digits and dashes')
      .describe('Template code, e.g. paint-shop'),
    title: text(200, 'Title, e.g. 涂装车间专项检查表'),
    description: z.string().trim().max(2000).default('').describe('What it covers'),
    items: z.array(item).min(1).max(200),
  })
  .meta({
    examples: [
      {
        code: 'paint-shop',
        title: '涂装车间专项检查表',
        description: '喷漆房通风、防爆电气、静电接地',
        items: [
          {
            code: 'PS-01',
            text: '喷漆房机械通风设施运行正常',
            category: 'environment',
            basis: { standard: 'GB 6514-2008 涂装作业安全规程 涂漆工艺安全及其通风净化' },
            majorIfFailed: false,
          },
        ],
      },
    ],
  });

const templateView = content.extend({
  id: z.string().describe('<code>@<version>'),
  version: z.int(),
  builtIn: z.boolean(),
  used: z.boolean().describe('Used by an inspection: immutable from then on'),
  createdBy: z.object({ id: z.string(), name: z.string().optional() }),
  createdAt: z.string(),
});

export function templateRoutes(deps: RouteDeps): ServiceRoutes {
  return async (app) => {
    app.get(
      '/checklist-templates',
      {
        config: { roles: ROLES.read },
        schema: {
          tags: ['checklist templates'],
          summary: 'List checklist templates (every version)',
          querystring: pageQuerySchema.extend({ code: z.string().optional().describe('Only this code') }),
          response: { 200: z.object({ items: z.array(templateView), nextCursor: z.string().nullable() }) },
        },
      },
      async (request) => {
        const { limit, cursor, code } = request.query;
        const page = await listTemplates(deps.ctx.templates, { code }, { limit, cursor });
        return { items: page.items.map(toTemplateView), nextCursor: page.nextCursor };
      },
    );

    app.get(
      '/checklist-templates/:id',
      {
        config: { roles: ROLES.read },
        schema: {
          tags: ['checklist templates'],
          summary: 'Read a template: `<code>@<version>`, or `<code>` for its latest version',
          params: z.object({ id: z.string().min(1).max(120) }),
          response: { 200: templateView, ...problems(404) },
        },
      },
      async (request) => {
        const { id } = request.params;
        const template = id.includes('@')
          ? await findTemplate(deps.ctx.templates, id)
          : await latestTemplate(deps.ctx.templates, id);
        if (!template) throw new NotFoundError(`Checklist template ${id} does not exist`);
        return toTemplateView(template);
      },
    );

    app.post(
      '/checklist-templates',
      {
        config: { roles: ROLES.administer },
        schema: {
          tags: ['checklist templates'],
          summary: 'Add a checklist template (admin)',
          description: 'Creates version 1. Items that raise major hazards must name the clause.',
          body: content,
          response: { 201: templateView, ...problems(400, 403, 409) },
        },
      },
      async (request, reply) => {
        const template = await createTemplate(deps.ctx, callerOf(request).actor, request.body);
        return reply
          .code(201)
          .header('location', `/checklist-templates/${template.id}`)
          .send(toTemplateView(template));
      },
    );

    app.put(
      '/checklist-templates/:code',
      {
        config: { roles: ROLES.administer },
        schema: {
          tags: ['checklist templates'],
          summary: 'Revise a template (admin)',
          description:
            'Rewrites the latest version while no inspection has used it (200); once used, the revision becomes the next version (201). Built-in templates cannot be revised.',
          params: z.object({ code: z.string().min(1).max(63) }),
          body: content.omit({ code: true }),
          response: { 200: templateView, 201: templateView, ...problems(400, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        const { template, newVersion } = await reviseTemplate(deps.ctx, callerOf(request).actor, {
          ...request.body,
          code: request.params.code,
        });
        return reply
          .code(newVersion ? 201 : 200)
          .header('location', `/checklist-templates/${template.id}`)
          .send(toTemplateView(template));
      },
    );
  };
}
