import multipart from '@fastify/multipart';
import { creditCode, disposalMeasure, disposalStatus } from '@zone-risk/contracts';
import { aggregateRoutes, callerOf, optionalIfMatch, sendWithEtag } from '@zone-risk/domain-service';
import { InvalidInput } from '@zone-risk/domain-service/domain';
import { downloadHeaders, EVIDENCE_TYPES, multipartOptions } from '@zone-risk/evidence';
import { booleanQuery, NotFoundError, pageQuerySchema, type ServiceRoutes } from '@zone-risk/platform';
import { z } from 'zod';
import { caseEffects } from '../commands/cases.ts';
import type { FoodDrugContext } from '../commands/context.ts';
import { disposalCases } from '../data/aggregates.ts';
import {
  addEvidence,
  closeCase,
  recordMeasures,
  recordRetest,
  requestRetest,
  startInvestigation,
} from '../domain/disposal-case.ts';
import { ROLES, type RouteDeps } from './deps.ts';
import { casePage, caseView, idParams, note, PROBLEM_TEXT, problems, text } from './schemas.ts';
import { toCaseView } from './views.ts';

const listQuery = pageQuerySchema.extend({
  business: creditCode.optional().describe('Only cases of this business'),
  status: disposalStatus.optional(),
  overdue: booleanQuery.optional(),
});

const actions = (ctx: FoodDrugContext) => [
  disposalCases.action({
    path: 'start-investigation',
    summary: 'Take the case and start the investigation (核查)',
    description: 'opened → investigating; the caller becomes the case officer (承办人), who cannot close it.',
    roles: ROLES.officer,
    body: z.object({ note }).meta({ examples: [{ note: '已约谈企业负责人，调取进货台账' }] }),
    decide: (c, body, actor) => startInvestigation(c, body, actor),
  }),
  disposalCases.action({
    path: 'request-retest',
    summary: 'Record the business’s request for a retest (复检)',
    description:
      'investigating → retest-requested, for a case opened by a sample, until `retestUntil` (the rule set’s retestWorkingDays after opening; 409 after).',
    roles: ROLES.officer,
    body: z
      .object({ lab: text(200, 'The retest laboratory') })
      .meta({ examples: [{ lab: '江苏省食品药品监督检验研究院' }] }),
    decide: (c, body, actor, now) => requestRetest(c, body, actor, now),
  }),
  disposalCases.action({
    path: 'record-retest',
    summary: 'Record the retest result',
    description:
      'retest-requested → closed as unfounded when qualified (the sample no longer counts against the business), → investigating when unqualified. A qualified result closes the case, so the result is recorded by a supervisor who is not the case officer (403 otherwise).',
    roles: ROLES.supervise,
    body: z
      .object({
        qualified: z.boolean(),
        report: z.string().trim().max(500).nullish().describe('Report number or remarks'),
      })
      .meta({ examples: [{ qualified: false, report: '复检报告 FJ-2026-118' }] }),
    decide: (c, body, actor, now) => recordRetest(c, body, actor, now),
    after: (c, caller) => caseEffects(ctx, caller, c),
  }),
  disposalCases.action({
    path: 'record-measures',
    summary: 'Record measures taken: recall, stop sale, penalty, rectification',
    description:
      'investigating or measures-recorded → measures-recorded; may be called again as measures follow.',
    roles: ROLES.officer,
    body: z
      .object({
        taken: z.array(disposalMeasure).min(1).max(4),
        detail: text(2000, 'What was done, e.g. the decision number'),
      })
      .meta({ examples: [{ taken: ['stop-sale', 'penalty'], detail: '宁市监罚〔2026〕88号，罚款五万元' }] }),
    decide: (c, body, actor, now) => recordMeasures(c, body, actor, now),
  }),
  disposalCases.action({
    path: 'close',
    summary: 'Close the case (结案)',
    description:
      'measures-recorded → closed, by a food-drug supervisor who is not the case officer (403 otherwise). A penalty or a recall among its measures feeds the business’s record at once (re-graded).',
    roles: ROLES.supervise,
    body: z
      .object({ outcome: text(2000, 'How it was handled') })
      .meta({ examples: [{ outcome: '下架召回，立案处罚，已整改到位' }] }),
    decide: (c, body, actor, now) => closeCase(c, body, actor, now),
    after: (c, caller) => caseEffects(ctx, caller, c),
  }),
];

export function caseRoutes(deps: RouteDeps): ServiceRoutes {
  const { ctx } = deps;
  return async (app) => {
    app.get(
      '/disposal-cases',
      {
        config: { roles: ROLES.read },
        schema: {
          tags: ['disposal cases'],
          summary: 'List disposal cases, newest first',
          querystring: listQuery,
          response: { 200: casePage, ...problems(400) },
        },
      },
      async (request) => {
        const { limit, cursor, business, ...filter } = request.query;
        const page = await ctx.disposalCases.list(
          { ...filter, businessCode: business },
          { limit, cursor },
          { field: 'openedAt', direction: -1 },
        );
        return { items: page.items.map(toCaseView), nextCursor: page.nextCursor };
      },
    );

    await app.register(
      aggregateRoutes(ctx.disposalCases, {
        path: '/disposal-cases',
        params: idParams('Case'),
        tags: { read: 'disposal cases', actions: 'disposal' },
        readRoles: ROLES.read,
        view: { schema: caseView, of: toCaseView },
        historyKey: 'caseId',
        systemActor: 'system:time-sweeper',
        problems: PROBLEM_TEXT,
        actions: actions(ctx),
      }),
    );
  };
}

/** Evidence files of a case: attached while it is open, served back with their digest. */
export function caseEvidenceRoutes(deps: RouteDeps): ServiceRoutes {
  const { ctx, config } = deps;
  return async (app) => {
    await app.register(multipart, multipartOptions(config.EVIDENCE_MAX_BYTES, config.EVIDENCE_MAX_FILES));
    app.post(
      '/disposal-cases/:id/evidence',
      {
        config: { roles: ROLES.officer },
        schema: {
          tags: ['disposal'],
          summary: 'Attach evidence files to an open case',
          description: `multipart/form-data with up to EVIDENCE_MAX_FILES file parts: ${EVIDENCE_TYPES.join(', ')} (415 otherwise, checked on the content), each at most EVIDENCE_MAX_BYTES (413 beyond), stored in GridFS with its SHA-256. If-Match optional (files are appended).`,
          consumes: ['multipart/form-data'],
          params: idParams('Case'),
          response: { 201: caseView, ...problems(400, 403, 404, 409, 412, 413, 415) },
        },
      },
      async (request, reply) => {
        const caller = callerOf(request);
        const { id } = request.params;
        const current = await ctx.disposalCases.find(id);
        if (!current) throw new NotFoundError(ctx.disposalCases.notFound(id));
        if (!request.isMultipart()) {
          throw new InvalidInput('Send the files as multipart/form-data', [
            { pointer: '', reason: 'is not multipart' },
          ]);
        }
        const files: { id: string; sha256: string; contentType: string; size: number; filename: string }[] =
          [];
        try {
          for await (const part of request.parts()) {
            if (part.type !== 'file') continue;
            const stored = await ctx.evidence.store({
              stream: part.file,
              filename: part.filename || 'evidence',
              declaredType: part.mimetype,
              maxBytes: config.EVIDENCE_MAX_BYTES,
              metadata: { caseId: id, uploadedBy: caller.actor },
            });
            files.push({
              id: stored.id,
              sha256: stored.sha256,
              contentType: stored.contentType,
              size: stored.size,
              filename: stored.filename,
            });
          }
          if (files.length === 0)
            throw new InvalidInput('Attach at least one file', [{ pointer: '', reason: 'has no file part' }]);
          const options = optionalIfMatch(request, id);
          const updated = await ctx.disposalCases.change(
            caller,
            id,
            (c, now) => addEvidence(c, files, caller.actor, now),
            {
              retries: options.ifMatch ? 0 : 3,
              ...options,
            },
          );
          return sendWithEtag(reply, updated, toCaseView, 201);
        } catch (error) {
          await Promise.all(files.map((f) => ctx.evidence.delete(f.id)));
          throw error;
        }
      },
    );

    app.get(
      '/disposal-cases/:id/evidence/:fileId',
      {
        config: { roles: ROLES.read },
        schema: {
          tags: ['disposal'],
          summary: 'Download an evidence file',
          description: 'The body is the file; `Repr-Digest` carries its SHA-256 (RFC 9530).',
          params: idParams('Case').extend({ fileId: z.string().min(1).max(64).describe('File id') }),
          response: problems(404),
        },
      },
      async (request, reply) => {
        const c = await ctx.disposalCases.find(request.params.id);
        const file = c?.evidence.find((f) => f.id === request.params.fileId);
        if (!c || !file)
          throw new NotFoundError(`Case ${request.params.id} has no evidence file ${request.params.fileId}`);
        return reply.headers(downloadHeaders(file)).send(ctx.evidence.open(file.id));
      },
    );
  };
}
