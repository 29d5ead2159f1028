import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { type FieldError, NotFoundError, PROBLEM_TYPES, ProblemError } from './errors.ts';

/** An RFC 9457 problem details object. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  requestId: string;
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

interface Mapped {
  status: number;
  type?: string;
  title?: string;
  detail: string;
  extensions?: Record<string, unknown>;
  headers?: Record<string, string>;
}

function escapePointer(segment: PropertyKey): string {
  return String(segment).replaceAll('~', '~0').replaceAll('/', '~1');
}

function fromZod(error: ZodError, location?: string): FieldError[] {
  return error.issues.map((issue) => ({
    ...(location ? { location } : {}),
    pointer: issue.path.map((segment) => `/${escapePointer(segment)}`).join(''),
    message: issue.message,
  }));
}

// fastify's schema validation failures (from the zod validator compiler) carry one entry per bad
// field; the compiler already joins the zod path into instancePath.
function fromValidation(error: FastifyError): FieldError[] {
  const location = error.validationContext;
  return (error.validation ?? []).map((item) => ({
    ...(location ? { location } : {}),
    pointer: item.instancePath === '/' ? '' : item.instancePath,
    message: item.message ?? 'is invalid',
  }));
}

function httpStatusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status <= 599 ? status : undefined;
}

function map(error: unknown): Mapped | undefined {
  if (error instanceof ProblemError) {
    return {
      status: error.status,
      type: error.type,
      title: error.title,
      detail: error.message,
      extensions: error.extensions,
      headers: error.headers,
    };
  }
  if (error instanceof ZodError) {
    return { status: 400, detail: 'The request has invalid fields', extensions: { errors: fromZod(error) } };
  }
  const fastifyError = error as FastifyError;
  if (Array.isArray(fastifyError.validation)) {
    const errors = fromValidation(fastifyError);
    const where = fastifyError.validationContext ?? 'request';
    return {
      status: 400,
      detail: `The ${where} has ${errors.length} invalid field(s)`,
      extensions: { errors },
    };
  }
  const status = httpStatusOf(error);
  // 4xx errors from fastify and from @zone-risk/auth describe the client's mistake: safe to show.
  if (status !== undefined && status < 500) {
    const headers = (error as { headers?: Record<string, string> }).headers;
    return { status, detail: fastifyError.message, ...(headers ? { headers } : {}) };
  }
  return undefined;
}

function send(reply: FastifyReply, request: FastifyRequest, mapped: Mapped): FastifyReply {
  const known = PROBLEM_TYPES[mapped.status];
  const problem: Problem = {
    ...mapped.extensions,
    type: mapped.type ?? known?.type ?? 'about:blank',
    title: mapped.title ?? known?.title ?? STATUS_CODES[mapped.status] ?? 'Error',
    status: mapped.status,
    detail: mapped.detail,
    instance: request.url.split('?')[0] ?? request.url,
    requestId: request.id,
  };
  // A string payload skips the route's response serializer, which only knows the success shapes.
  return reply
    .code(mapped.status)
    .headers(mapped.headers ?? {})
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(problem));
}

/**
 * Installs the one error handler and the 404 handler; every failure leaves as problem+json.
 * `mapError` turns errors of the service's own kinds (a domain's) into problems first.
 */
export function installProblemHandlers(
  app: FastifyInstance,
  mapError?: (error: unknown) => ProblemError | undefined,
): void {
  app.setErrorHandler((error, request, reply) => {
    const mapped = map(mapError?.(error) ?? error);
    if (mapped) {
      request.log.info({ err: error, status: mapped.status }, 'request refused');
      return send(reply, request, mapped);
    }
    // Unknown: log everything we know, answer nothing the caller could learn internals from.
    const status = httpStatusOf(error) ?? 500;
    request.log.error(
      { err: error, requestId: request.id, route: request.routeOptions.url, method: request.method },
      'request failed with an unexpected error',
    );
    return send(reply, request, {
      status,
      detail: 'An unexpected error occurred. Quote the requestId when reporting it.',
    });
  });

  app.setNotFoundHandler((request) => {
    throw new NotFoundError(`No route matches ${request.method} ${request.url.split('?')[0]}`);
  });
}
