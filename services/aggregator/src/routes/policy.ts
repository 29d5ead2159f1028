import { etagFor, NotFoundError, requireIfMatch, type ServiceRoutes } from '@zone-risk/platform';
import { z } from 'zod';
import { defaultPolicy } from '../domain/default-policy.ts';
import { policyInputSchema, policyShape } from '../domain/policy.ts';
import type { Aggregator } from '../engine/aggregator.ts';
import { READERS, rebuildSchema, statusSchema } from './schemas.ts';

const policyResponse = policyShape
  .extend({
    version: z.int().describe('Assigned by the server; a status names the version that produced it'),
    createdAt: z.string(),
    createdBy: z.string().describe('Who stored it (the token subject; `system` for the shipped default)'),
  })
  .describe('The active policy document with its version');

/** GET/PUT /policy, POST/GET /admin/rebuild. */
export function policyRoutes(aggregator: Aggregator): ServiceRoutes {
  return async (app) => {
    app.get(
      '/policy',
      {
        config: { roles: READERS },
        schema: {
          tags: ['policy'],
          summary: 'The active risk policy',
          description:
            'The ETag names the version; send it back in If-Match with PUT to avoid overwriting a newer one.',
          response: { 200: policyResponse },
        },
      },
      async (_request, reply) => {
        const policy = aggregator.policy();
        reply.header('etag', etagFor('policy', policy.version));
        return policy;
      },
    );

    app.put(
      '/policy',
      {
        config: { roles: ['admin'] },
        schema: {
          tags: ['policy'],
          summary: 'Store a new policy version and recompute the status with it',
          description:
            'The body is the whole document (no version: the server assigns the next one). An invalid document is a 400 listing every problem with its JSON Pointer. If-Match is optional; when sent and stale, 412. The status is recomputed at once and a change is recorded and published. `rebuildRecommended` is true when item types changed: items already held keep the attributes of the previous mapping until POST /admin/rebuild.',
          body: policyInputSchema.meta({ examples: [defaultPolicy] }),
          response: {
            200: z.object({ policy: policyResponse, status: statusSchema, rebuildRecommended: z.boolean() }),
          },
        },
      },
      async (request, reply) => {
        requireIfMatch(request, aggregator.policy().version, { required: false, id: 'policy' });
        const result = await aggregator.putPolicy(request.body, request.principal.sub);
        reply.header('etag', etagFor('policy', result.policy.version));
        return result;
      },
    );

    app.post(
      '/admin/rebuild',
      {
        config: { roles: ['admin'] },
        schema: {
          tags: ['admin'],
          summary: 'Rebuild the read model from the topics, from their earliest offsets',
          description:
            'Runs in the service: consumption restarts from the beginning of every domain topic into an empty model while the last recorded status keeps being served (`catchingUp`). When the rebuilt model reaches where the live one stood, the status is recomputed: the same events give the same status, so normally nothing is recorded. Follow the progress with GET /admin/rebuild. 409 while one runs.',
          response: { 202: rebuildSchema },
        },
      },
      async (_request, reply) => {
        const progress = await aggregator.rebuild();
        reply.code(202).header('location', '/admin/rebuild');
        return progress;
      },
    );

    app.get(
      '/admin/rebuild',
      {
        config: { roles: ['admin'] },
        schema: {
          tags: ['admin'],
          summary: 'Progress of the last rebuild',
          response: { 200: rebuildSchema },
        },
      },
      async () => {
        const progress = aggregator.rebuildProgress();
        if (!progress) throw new NotFoundError('No rebuild has run since the service started');
        return progress;
      },
    );
  };
}
