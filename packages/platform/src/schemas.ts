import { z } from 'zod';

/** The shape of every error answer (RFC 9457), for route response schemas in the OpenAPI document. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    instance: z.string(),
    requestId: z.string(),
  })
  .catchall(z.unknown())
  .describe('RFC 9457 problem details (application/problem+json)');

/**
 * A service's `problems(400, 404, 409)` for route schemas: each status documented with the
 * service's own wording. Problems are sent by the platform's error handler as they are, not
 * serialised through these schemas.
 */
export function problemResponses(texts: Readonly<Record<number, string>>) {
  return (...statuses: number[]): Record<number, z.ZodType> =>
    Object.fromEntries(
      statuses.map((status) => [status, problemSchema.describe(texts[status] ?? 'Problem')]),
    );
}

/** A `true`/`false` query-string flag as a boolean. */
export const booleanQuery = z
  .enum(['true', 'false'])
  .transform((value) => value === 'true')
  .describe('true or false');
