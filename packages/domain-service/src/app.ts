import type { TokenVerifier } from '@zone-risk/auth';
import type { Clock } from '@zone-risk/calendar';
import { asyncApiDocument } from '@zone-risk/contracts';
import { openPublisher, type Relay } from '@zone-risk/messaging';
import { type App, buildApp, configuredClock, createLogger, type ServiceRoutes } from '@zone-risk/platform';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { Aggregate, AggregateType } from './aggregate/define.ts';
import type { WriteContext } from './aggregate/writer.ts';
import type { DomainConfig } from './config.ts';
import { domainProblem } from './http/problems.ts';
import { type SweepSpec, startSweeper, sweepNow } from './sweeper.ts';

/** What a domain service's app is built from, by its entry, its tests and its tools. */
export interface DomainAppOptions<Config extends DomainConfig> {
  config: Config;
  store: Connection;
  /**
   * Default: the system clock, moved forward by CLOCK_SHIFT_DAYS. Tests move time by hand to pass
   * deadlines without waiting.
   */
  clock?: Clock;
  /** Close the store when the app closes. Default true; tests keep the testkit's connection. */
  closeStore?: boolean;
  verifier?: TokenVerifier;
  logger?: Logger;
}

// biome-ignore lint/suspicious/noExplicitAny: a map of aggregate types of any state
type AggregateTypes = Record<string, AggregateType<any, any>>;

type Bound<Types extends AggregateTypes> = {
  [K in keyof Types]: Types[K] extends AggregateType<infer State, infer Name>
    ? Aggregate<State, Name>
    : never;
};

/** What every command of a domain service is given: the write context and its bound aggregates. */
export type DomainContext<Types extends AggregateTypes = AggregateTypes> = WriteContext & {
  store: Connection;
  logger: Logger;
} & Bound<Types>;

/** What a domain service starts beside its routes, stopped before the relay when the app closes. */
export interface Running {
  stop(): Promise<void>;
}

/** What differs from one domain service to the next. */
export interface DomainService<
  Config extends DomainConfig,
  Types extends AggregateTypes,
  Context extends DomainContext<Types>,
  Started extends Running | undefined = undefined,
> {
  /** The service's and its domain's name: OpenAPI title, log `service`, Kafka client, heartbeats. */
  name: string;
  /** The OpenAPI description. */
  description: string;
  /** The domain's topic, created with `partitions` when missing. */
  topic(config: Config): { name: string; partitions: number };
  /** The aggregate types, by the name the context holds each under. */
  aggregates: Types;
  /** The service's context: the kit's, plus its own models and settings. Default: the kit's. */
  context?(base: DomainContext<Types>, config: Config): Context;
  /** Readies the store after the aggregates' indexes: its own models' indexes, built-in data. */
  prepare?(ctx: Context): Promise<void>;
  /** What time alone changes, swept at start and every interval. */
  // biome-ignore lint/suspicious/noExplicitAny: sweeps of any of the service's aggregate types
  sweepers?(ctx: Context, config: Config): SweepSpec<any, any>[];
  /**
   * Starts what else runs beside the routes (an import runner); stopped before the relay. A
   * service that declares `Started` has a `start`.
   */
  start?(ctx: Context, config: Config): Started;
  /** The routes, given what `start` started. */
  routes(ctx: Context, config: Config, started: Started): ServiceRoutes;
}

/** What tests and tools reach through `app.domain`. */
export interface DomainRuntime {
  /** One pass of every sweeper now (rather than at the next interval); how many aggregates changed. */
  sweepOnce(): Promise<number>;
}

declare module 'fastify' {
  interface FastifyInstance {
    domain: DomainRuntime;
  }
}

/**
 * A domain service's context on `store`: its aggregates bound to the store and the write context,
 * then the service's own additions. The app builds it at start; a seed or a tool builds its own.
 */
export function createDomainContext<
  Config extends DomainConfig,
  Types extends AggregateTypes,
  Context extends DomainContext<Types>,
  Started extends Running | undefined,
>(
  service: DomainService<Config, Types, Context, Started>,
  options: { store: Connection; config: Config; clock: Clock; logger: Logger; published(): void },
): Context {
  const write: WriteContext = {
    clock: options.clock,
    zoneId: options.config.ZONE_ID,
    published: options.published,
  };
  const bound = Object.fromEntries(
    Object.entries(service.aggregates).map(([key, type]) => [key, type.bind(options.store, write)]),
  ) as Bound<Types>;
  const base = { ...write, store: options.store, logger: options.logger, ...bound } as DomainContext<Types>;
  return service.context ? service.context(base, options.config) : (base as Context);
}

/** Readies a domain service's store: its aggregates' indexes, then the service's own `prepare`. */
export async function prepareDomainStore<
  Config extends DomainConfig,
  Types extends AggregateTypes,
  Context extends DomainContext<Types>,
>(service: DomainService<Config, Types, Context, Running | undefined>, ctx: Context): Promise<void> {
  for (const type of Object.values(service.aggregates)) await type.model(ctx.store).createIndexes();
  await service.prepare?.(ctx);
}

/**
 * One pass of every sweep the service declares, at the context's clock (a seed stepping through
 * simulated days notices what time changed meanwhile). @returns how many aggregates changed.
 */
export async function sweepDomainNow<
  Config extends DomainConfig,
  Types extends AggregateTypes,
  Context extends DomainContext<Types>,
>(
  service: DomainService<Config, Types, Context, Running | undefined>,
  ctx: Context,
  config: Config,
): Promise<number> {
  let changed = 0;
  for (const sweep of service.sweepers?.(ctx, config) ?? []) {
    changed += await sweepNow(sweep, { clock: ctx.clock, zoneId: ctx.zoneId, logger: ctx.logger });
  }
  return changed;
}

/**
 * A domain service's app: the platform (auth, errors — domain errors included — docs, health,
 * metrics, Idempotency-Key) around its routes, with Kafka readiness, the outbox relay over its
 * aggregates, the heartbeat and its sweepers beside them, all stopped in order when the app closes.
 *
 * In this order: the logger and the clock; Kafka (the topic and its dead-letter topic are created,
 * the producer connected — a service that cannot publish does not start); the aggregates' indexes
 * and `prepare`; the platform app; the relay and heartbeat; the sweepers and `start`; the routes.
 * On close: `start`'s stop and the sweepers (the writers), then the relay — which still publishes
 * what they queued — and Kafka, then the store unless `closeStore: false`. If anything fails
 * before the app is built, the Kafka connections are closed before the error is thrown, so a
 * half-built service does not keep the process alive.
 */
export async function buildDomainApp<
  Config extends DomainConfig,
  Types extends AggregateTypes,
  Context extends DomainContext<Types>,
  Started extends Running | undefined,
>(options: DomainAppOptions<Config>, service: DomainService<Config, Types, Context, Started>): Promise<App> {
  const { config, store } = options;
  const logger =
    options.logger ??
    createLogger({ level: config.LOG_LEVEL, service: service.name, zoneId: config.ZONE_ID });
  const clock = options.clock ?? configuredClock(config.CLOCK_SHIFT_DAYS, logger);
  const topic = service.topic(config);

  // Kafka first: brokers never auto-create topics, and a service that cannot publish is not ready.
  const publisher = await openPublisher({
    service: service.name,
    zoneId: config.ZONE_ID,
    topic: topic.name,
    partitions: topic.partitions,
    brokers: config.KAFKA_BROKERS,
    logger,
  });

  let relay: Relay | undefined;
  const ctx = createDomainContext(service, {
    store,
    config,
    clock,
    logger,
    published: () => relay?.nudge(),
  });
  let app: App;
  try {
    await prepareDomainStore(service, ctx);
    app = await buildApp({
      name: service.name,
      description: service.description,
      config,
      store,
      closeStore: false,
      asyncapi: asyncApiDocument(),
      readiness: { kafka: publisher.ready },
      mapError: domainProblem,
      logger,
      ...(options.verifier ? { verifier: options.verifier } : {}),
    });
  } catch (error) {
    await publisher.close().catch(() => undefined);
    throw error;
  }

  const running = publisher.start({
    models: Object.values(service.aggregates).map((type) => type.model(store)),
    registry: app.metrics,
    heartbeat: { domain: service.name, intervalMs: config.HEARTBEAT_SECONDS * 1000 },
  });
  relay = running;
  const sweepers = (service.sweepers?.(ctx, config) ?? []).map((spec) =>
    startSweeper(spec, { clock, zoneId: config.ZONE_ID, logger }),
  );
  const started = service.start?.(ctx, config) as Started;
  app.decorate('domain', {
    async sweepOnce() {
      let changed = 0;
      for (const sweeper of sweepers) changed += await sweeper.sweepOnce();
      return changed;
    },
  });
  app.addHook('onClose', async () => {
    // Writers first, then the relay (it publishes what they queued), then the connections.
    await started?.stop();
    for (const sweeper of sweepers) await sweeper.stop();
    await publisher.close();
    if (options.closeStore !== false) await store.close();
  });
  await app.register(service.routes(ctx, config, started));
  return app;
}
