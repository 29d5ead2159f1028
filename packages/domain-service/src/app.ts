import type { TokenVerifier } from '@zone-risk/auth';
import type { Clock } from '@zone-risk/calendar';
import { asyncApiDocument } from '@zone-risk/contracts';
import { openPublisher, type Relay } from '@zone-risk/messaging';
import {
  type App,
  type BaseConfig,
  buildApp,
  configuredClock,
  createLogger,
  type ServiceRoutes,
} from '@zone-risk/platform';
import type { Connection, mongo } from 'mongoose';
import type { Logger } from 'pino';

/** The variables every domain service reads beyond the platform's. */
export interface DomainConfig extends BaseConfig {
  CLOCK_SHIFT_DAYS: number;
  HEARTBEAT_SECONDS: number;
}

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

/** What a domain service's own parts are started with, once the app is built. */
export interface DomainRuntime {
  app: App;
  clock: Clock;
  logger: Logger;
  /** Delivers the outboxes to Kafka; nudge it after each write. */
  relay: Relay;
}

/** What differs from one domain service to the next. */
export interface DomainService {
  /** The service's and its domain's name: OpenAPI title, log `service`, Kafka client, heartbeats. */
  name: string;
  /** The OpenAPI description. */
  description: string;
  /** The domain's topic, created with `partitions` when missing. */
  topic: string;
  partitions: number;
  /** Readies the store before the app is built (indexes, built-in data). */
  prepare(clock: Clock): Promise<void>;
  /** The collections whose outboxes the relay delivers. */
  outboxes: readonly mongo.Collection[];
  /**
   * Starts what runs beside the routes (sweepers, runners) and decorates the app. Returns the
   * routes, and how to stop what it started: on close that runs before the relay stops.
   */
  start(runtime: DomainRuntime): { routes: ServiceRoutes; stop(): Promise<void> };
}

/**
 * A domain service's app: the platform (auth, errors, docs, health, metrics, Idempotency-Key)
 * around its routes, with Kafka readiness, the outbox relay and the heartbeat beside them, all
 * stopped in order when the app closes. Kafka is opened first, and closed again if the rest cannot
 * be built.
 */
export async function buildDomainApp<Config extends DomainConfig>(
  options: DomainAppOptions<Config>,
  service: DomainService,
): Promise<App> {
  const { config, store } = options;
  const logger =
    options.logger ??
    createLogger({ level: config.LOG_LEVEL, service: service.name, zoneId: config.ZONE_ID });
  const clock = options.clock ?? configuredClock(config.CLOCK_SHIFT_DAYS, logger);

  // Kafka first: brokers never auto-create topics, and a service that cannot publish is not ready.
  const publisher = await openPublisher({
    service: service.name,
    domain: service.name,
    zoneId: config.ZONE_ID,
    topic: service.topic,
    partitions: service.partitions,
    brokers: config.KAFKA_BROKERS,
    logger,
  });

  let app: App;
  try {
    await service.prepare(clock);
    app = await buildApp({
      name: service.name,
      description: service.description,
      config,
      store,
      closeStore: false,
      asyncapi: asyncApiDocument(),
      readiness: { kafka: publisher.ready },
      logger,
      ...(options.verifier ? { verifier: options.verifier } : {}),
    });
  } catch (error) {
    // A half-built service must not keep the process alive with open Kafka connections.
    await publisher.close().catch(() => undefined);
    throw error;
  }

  const relay = publisher.start({
    collections: service.outboxes,
    registry: app.metrics,
    heartbeatMs: config.HEARTBEAT_SECONDS * 1000,
  });
  const running = service.start({ app, clock, logger, relay });
  app.addHook('onClose', async () => {
    // Writers first, then the relay (it publishes what they queued), then the connections.
    await running.stop();
    await publisher.close();
    if (options.closeStore !== false) await store.close();
  });
  await app.register(running.routes);
  return app;
}
