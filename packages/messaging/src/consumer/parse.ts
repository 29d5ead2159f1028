import { type Envelope, envelopeSchema } from '@zone-risk/contracts';

export type ParseResult<E> = { ok: true; event: E } | { ok: false; error: unknown };

/** Turns a decoded JSON value into an event, or says why it is not one. */
export type ParseEvent<E> = (raw: unknown) => ParseResult<E>;

/** Accepts any well-formed envelope; its `data` is left unchecked. */
export const parseEnvelope: ParseEvent<Envelope> = (raw) => {
  const result = envelopeSchema.safeParse(raw);
  return result.success ? { ok: true, event: result.data } : { ok: false, error: result.error };
};

/** A readable one-line reason for a parse failure (zod issues, an Error, or a string). */
export function describeParseError(error: unknown): string {
  const issues = (error as { issues?: { path?: PropertyKey[]; message?: string }[] })?.issues;
  if (Array.isArray(issues) && issues.length > 0) {
    return issues
      .slice(0, 5)
      .map((issue) => `${(issue.path ?? []).map(String).join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
  }
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : JSON.stringify(error);
}
