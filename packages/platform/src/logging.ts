import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type DestinationStream, type Logger, pino } from 'pino';

export const REQUEST_ID_HEADER = 'x-request-id';

// Secrets never reach the logs, whatever a handler decides to log. pino's wildcards match one
// level, so the common nestings are spelled out.
const SECRET_FIELDS = ['password', 'token', 'secret', 'accessToken', 'refreshToken', 'apiKey'];
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  ...SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]),
];

// Only what helps to trace a request: no headers (they carry the bearer token), no body.
const serializers = {
  req: (request: FastifyRequest) => ({
    method: request.method,
    url: request.url,
    route: request.routeOptions?.url,
    remoteAddress: request.ip,
  }),
  res: (reply: FastifyReply) => ({ statusCode: reply.statusCode }),
  err: pino.stdSerializers.err,
};

export interface LoggerOptions {
  level: string;
  service: string;
  zoneId?: string;
  /** Where lines go; stdout when absent. Tests pass a stream to read what was logged. */
  destination?: DestinationStream;
}

/** The structured pino logger a service and its fastify instance share. */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { service: options.service, ...(options.zoneId ? { zoneId: options.zoneId } : {}) },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers,
    },
    options.destination,
  );
}

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Honours the caller's `x-request-id` so one id follows a call across services, but only when it
 * is short and plain: it goes into logs and headers, so anything else is replaced.
 */
export function requestIdFor(request: IncomingMessage): string {
  const incoming = request.headers[REQUEST_ID_HEADER];
  if (typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming)) return incoming;
  return randomUUID();
}
