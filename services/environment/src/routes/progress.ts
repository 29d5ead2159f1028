import multipart from '@fastify/multipart';
import { callerOf, optionalIfMatch } from '@zone-risk/domain-service';
import { downloadHeaders, EVIDENCE_TYPES, multipartOptions } from '@zone-risk/evidence';
import { type ServiceRoutes, ValidationError } from '@zone-risk/platform';
import { z } from 'zod';
import {
  checkCanReport,
  discardEvidence,
  openEvidence,
  recordProgress,
  storeEvidence,
} from '../commands/progress.ts';

import type { EvidenceFile } from '../domain/item.ts';
import { ROLES, type RouteDeps, sendItem } from './deps.ts';
import { itemIdParams, itemView, problems } from './schemas.ts';

/** The report's fields, as JSON or as the text fields of the multipart form. */
const progressFields = z.object({
  percent: z.coerce.number().int().min(0).max(100).describe('Progress, percent'),
  note: z.string().trim().min(1).max(4000).describe('What was done'),
});

export function progressRoutes(deps: RouteDeps): ServiceRoutes {
  return async (app) => {
    const maxBytes = deps.config.EVIDENCE_MAX_BYTES;
    await app.register(multipart, multipartOptions(maxBytes, deps.config.EVIDENCE_MAX_FILES));

    app.post(
      '/items/:id/progress',
      {
        config: { roles: ROLES.staff },
        schema: {
          tags: ['progress'],
          summary: 'Report progress with a percentage, a note and evidence files',
          description: `Either JSON \`{ "percent": 60, "note": "…" }\`, or multipart/form-data with the fields \`percent\` and \`note\` and up to EVIDENCE_MAX_FILES file parts (any names). Evidence: ${EVIDENCE_TYPES.join(', ')} (415 otherwise, checked on the content), each at most EVIDENCE_MAX_BYTES (default 20 MiB, 413 beyond); stored in GridFS with its SHA-256. pending → in-progress; in-progress stays. If-Match is optional: a report is appended, so a concurrent change is retried instead of refused.`,
          consumes: ['application/json', 'multipart/form-data'],
          params: itemIdParams,
          response: { 201: itemView, ...problems(400, 403, 404, 409, 412, 413, 415) },
        },
      },
      async (request, reply) => {
        const caller = callerOf(request);
        const { id } = request.params;
        await checkCanReport(deps.ctx, id); // refuse before storing any file
        const evidence: EvidenceFile[] = [];
        let fields: unknown = request.body;
        try {
          if (request.isMultipart()) {
            const values: Record<string, unknown> = {};
            for await (const part of request.parts()) {
              if (part.type === 'file') {
                evidence.push(
                  await storeEvidence(
                    deps.ctx,
                    caller,
                    id,
                    { stream: part.file, filename: part.filename || 'evidence', declaredType: part.mimetype },
                    maxBytes,
                  ),
                );
              } else {
                values[part.fieldname] = part.value;
              }
            }
            fields = values;
          }
          const parsed = progressFields.safeParse(fields ?? {});
          if (!parsed.success) {
            throw new ValidationError(
              `The report has ${parsed.error.issues.length} invalid field(s)`,
              parsed.error.issues.map((issue) => ({
                location: 'body',
                pointer: `/${issue.path.join('/')}`,
                message: issue.message,
              })),
            );
          }
          const item = await recordProgress(
            deps.ctx,
            caller,
            id,
            parsed.data,
            evidence,
            optionalIfMatch(request, id),
          );
          return sendItem(reply, item, 201);
        } catch (error) {
          await discardEvidence(deps.ctx, evidence);
          throw error;
        }
      },
    );

    app.get(
      '/items/:id/evidence/:fileId',
      {
        config: { roles: ROLES.read },
        schema: {
          tags: ['progress'],
          summary: 'Download an evidence file',
          description: 'The body is the file; `Repr-Digest` carries its SHA-256 (RFC 9530).',
          params: itemIdParams.extend({ fileId: z.string().min(1).max(64).describe('File id') }),
          response: problems(404),
        },
      },
      async (request, reply) => {
        const { file, stream } = await openEvidence(deps.ctx, request.params.id, request.params.fileId);
        return reply.headers(downloadHeaders(file)).send(stream);
      },
    );
  };
}
