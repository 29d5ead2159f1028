import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  AuthConfigError,
  authPlugin,
  createTokenVerifier,
  type TokenVerifier,
  verifierOptionsFromConfig,
} from '@zone-risk/auth';
import { pingStore } from '@zone-risk/store';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  LogController,
  type RawServerDefault,
} from 'fastify';
import {
  type FastifyPluginAsyncZod,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { ConfigError, type HttpConfig } from './config.ts';
import type { ProblemError } from './errors.ts';
import { installHealth, type ReadinessCheck } from './health.ts';
import { type IdempotencyOptions, installIdempotency } from './idempotency/hooks.ts';
import { createLogger, REQUEST_ID_HEADER, requestIdFor } from './logging.ts';
import { installMetrics } from './metrics.ts';
import { installOpenApi } from './openapi.ts';
import { installProblemHandlers } from './problem.ts';

/** A service's fastify instance, typed for zod route schemas. */
export type App = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** A service's routes: a plugin whose route schemas are zod. */
export type ServiceRoutes = FastifyPluginAsyncZod;

declare module 'fastify' {
  interface FastifyInstance {
    /** The Prometheus registry behind /metrics; add gauges (outbox backlog, consumer lag) to it. */
    metrics: Registry;
  }
}

export interface BuildAppOptions {
  /** Service name: OpenAPI title and the `service` field of every log line. */
  name: string;
  version?: string;
  description?: string;
  config: HttpConfig;
  /** The service's store: enables Idempotency-Key and the `store` readiness check. */
  store?: Connection;
  /** Close `store` when the app closes. Default true. */
  closeStore?: boolean;
  /** More readiness checks by name (e.g. `kafka`). */
  readiness?: Record<string, ReadinessCheck>;
  /** Use this registry instead of a new one. */
  registry?: Registry;
  /** The AsyncAPI document to serve at /asyncapi.json. */
  asyncapi?: object;
  /** Verify tokens with this instead of the one the AUTH_* config describes (tests, custom IdPs). */
  verifier?: TokenVerifier;
  /** Idempotency-Key tuning, or false to ignore the header. Needs `store`. */
  idempotency?: IdempotencyOptions | false;
  /** Log with this pino logger instead of a new one on stdout. */
  logger?: Logger;
  /** Largest accepted request body in bytes. Default 1 MiB. */
  bodyLimit?: number;
  /** The service's routes, registered after the platform. */
  routes?: ServiceRoutes;
  /**
   * Maps errors the platform does not know — a domain's own, which know nothing of HTTP — to
   * problems; undefined leaves an error to the platform (a 500 when it knows it neither).
   */
  mapError?: (error: unknown) => ProblemError | undefined;
}

function verifierFrom(options: BuildAppOptions): TokenVerifier {
  if (options.verifier) return options.verifier;
  try {
    return createTokenVerifier(verifierOptionsFromConfig(options.config, options.config.NODE_ENV));
  } catch (error) {
    if (error instanceof AuthConfigError) {
      throw new ConfigError([{ variable: error.variable, message: error.message }]);
    }
    throw error;
  }
}

/**
 * Builds a service's fastify app with the platform around it: logging with request ids,
 * problem+json errors, bearer auth, zod validation and OpenAPI, health, metrics and
 * Idempotency-Key. Register the service's routes through `options.routes` or on the result.
 */
export async function buildApp(options: BuildAppOptions): Promise<App> {
  const { config } = options;
  const verifier = verifierFrom(options);
  const logger =
    options.logger ??
    createLogger({ level: config.LOG_LEVEL, service: options.name, zoneId: config.ZONE_ID });
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    genReqId: requestIdFor,
    logController: new LogController({
      requestIdLogLabel: 'requestId',
      // Probes hit these every few seconds; their lines would drown the requests that matter.
      disableRequestLogging: (request) => /^\/(health\/|metrics)/.test(request.url),
    }),
    bodyLimit: options.bodyLimit ?? 1_048_576,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });
  installProblemHandlers(app, options.mapError);
  app.decorate('metrics', installMetrics(app, options.registry));
  await installOpenApi(app, {
    title: options.name,
    version: options.version ?? '0.1.0',
    ...(options.description ? { description: options.description } : {}),
    ...(options.asyncapi ? { asyncapi: options.asyncapi } : {}),
  });
  await app.register(authPlugin, { verifier });

  const store = options.store;
  installHealth(app, {
    ...(store ? { store: async () => pingStore(store) } : {}),
    ...options.readiness,
  });
  if (store && options.idempotency !== false) {
    installIdempotency(app, store, {
      retentionMs: config.IDEMPOTENCY_RETENTION_HOURS * 3_600_000,
      sweepIntervalMs: config.IDEMPOTENCY_SWEEP_SECONDS * 1_000,
      ...options.idempotency,
    });
  }
  if (store && options.closeStore !== false) app.addHook('onClose', async () => store.close());

  if (options.routes) await app.register(options.routes);
  return app;
}
