import multipart from '@fastify/multipart';
import { callerOf, optionalIfMatch } from '@zone-risk/domain-service';
import { downloadHeaders, multipartOptions } from '@zone-risk/evidence';
import { type ServiceRoutes, ValidationError } from '@zone-risk/platform';
import { z } from 'zod';
import { attachPhoto, openPhoto } from '../commands/photos.ts';
import { PHOTO_TYPES } from '../domain/photo-types.ts';
import { ROLES, type RouteDeps, sendHazard } from './deps.ts';
import { hazardIdParams, hazardView, problems } from './schemas.ts';

export function photoRoutes(deps: RouteDeps): ServiceRoutes {
  return async (app) => {
    const maxBytes = deps.config.PHOTO_MAX_BYTES;
    await app.register(multipart, multipartOptions(maxBytes, 1));

    app.post(
      '/hazards/:id/photos',
      {
        config: { roles: ROLES.evidence },
        schema: {
          tags: ['evidence'],
          summary: 'Upload an evidence photo (整改前/整改后照片)',
          description: `multipart/form-data with one file part. ${PHOTO_TYPES.join(', ')} only (415 otherwise, checked on the content, not just the declared type); at most PHOTO_MAX_BYTES (default 10 MiB, 413 beyond). The SHA-256 of the content is recorded on the hazard. If-Match is optional here: evidence is appended, so a concurrent change is retried instead of refused.`,
          consumes: ['multipart/form-data'],
          params: hazardIdParams,
          querystring: z.object({
            phase: z.enum(['before', 'after']).describe('Taken before or after rectification'),
          }),
          response: { 201: hazardView, ...problems(400, 403, 404, 409, 412, 413, 415) },
        },
      },
      async (request, reply) => {
        const file = await request.file();
        if (!file) {
          throw new ValidationError('Send the photo as a multipart/form-data file part', [
            { location: 'body', pointer: '', message: 'has no file part' },
          ]);
        }
        const { hazard } = await attachPhoto(
          deps.ctx,
          callerOf(request),
          request.params.id,
          {
            stream: file.file,
            filename: file.filename || 'photo',
            declaredType: file.mimetype,
            phase: request.query.phase,
            maxBytes,
          },
          optionalIfMatch(request, request.params.id),
        );
        return sendHazard(reply, hazard, 201);
      },
    );

    app.get(
      '/hazards/:id/photos/:photoId',
      {
        config: { roles: ROLES.read },
        schema: {
          tags: ['evidence'],
          summary: 'Download an evidence photo',
          description: 'The body is the image; `Repr-Digest` carries its SHA-256 (RFC 9530).',
          params: hazardIdParams.extend({ photoId: z.string().min(1).max(64).describe('Photo id') }),
          response: problems(404),
        },
      },
      async (request, reply) => {
        const { photo, stream } = await openPhoto(deps.ctx, request.params.id, request.params.photoId);
        return reply.headers(downloadHeaders(photo)).send(stream);
      },
    );
  };
}
