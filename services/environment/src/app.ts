import type { TokenVerifier } from '@zone-risk/auth';
import type { Clock } from '@zone-risk/calendar';
import { asyncApiDocument } from '@zone-risk/contracts';
import { openPublisher, type Relay } from '@zone-risk/messaging';
import { type App, buildApp, configuredClock, createLogger } from '@zone-risk/platform';
import type { Connection, mongo } from 'mongoose';
import type { Logger } from 'pino';
import type { EnvironmentContext } from './commands/context.ts';
import { createImportRunner, type ImportRunner } from './commands/imports.ts';
import { startTimeSweeper, type TimeSweeper } from './commands/time-sweeper.ts';
import type { EnvironmentConfig } from './config.ts';
import { ensureIndexes, environmentData } from './data/collections.ts';
import { environmentRoutes } from './routes/index.ts';

export interface EnvironmentAppOptions {
  config: EnvironmentConfig;
  store: Connection;
  /**
   * Default: the system clock, moved forward by CLOCK_SHIFT_DAYS. Tests move time by hand to pass
   * deadlines and notice windows.
   */
  clock?: Clock;
  /** Close the store when the app closes. Default true; tests keep the testkit's connection. */
  closeStore?: boolean;
  verifier?: TokenVerifier;
  logger?: Logger;
}

/** What tests and tools reach through `app.environment`. */
export interface EnvironmentRuntime {
  context: EnvironmentContext;
  sweeper: TimeSweeper;
  imports: ImportRunner;
  relay: Relay;
}

declare module 'fastify' {
  interface FastifyInstance {
    environment: EnvironmentRuntime;
  }
}

/**
 * The environment service: the platform (auth, errors, docs, health, metrics, Idempotency-Key)
 * around its routes, plus what runs beside them — the outbox relay, the heartbeat, the time
 * sweeper (overdue, end of notice) and the ledger imports — stopped, in order, when the app closes.
 */
export async function buildEnvironmentApp(options: EnvironmentAppOptions): Promise<App> {
  const { config, store } = options;
  const logger =
    options.logger ??
    createLogger({ level: config.LOG_LEVEL, service: 'environment', zoneId: config.ZONE_ID });
  const clock = options.clock ?? configuredClock(config.CLOCK_SHIFT_DAYS, logger);

  // Kafka first: brokers never auto-create topics, and a service that cannot publish is not ready.
  const publisher = await openPublisher({
    service: 'environment',
    domain: 'environment',
    zoneId: config.ZONE_ID,
    topic: config.ENVIRONMENT_TOPIC,
    partitions: config.ENVIRONMENT_TOPIC_PARTITIONS,
    brokers: config.KAFKA_BROKERS,
    logger,
  });

  let app: App;
  const data = environmentData(store);
  try {
    await ensureIndexes(data);
    app = await buildApp({
      name: 'environment',
      description:
        'Environmental rectification (环境保护整改): the rectification ledger 拉条挂账 → 督办落实 → 办结销号 — items, ledger import (CSV/XLSX), progress with evidence, city and provincial acceptance, public notice, close-out and recurrence.',
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
    collections: [data.items] as unknown as mongo.Collection[],
    registry: app.metrics,
    heartbeatMs: config.HEARTBEAT_SECONDS * 1000,
  });
  const context: EnvironmentContext = {
    data,
    clock,
    zoneId: config.ZONE_ID,
    noticeWorkingDays: config.NOTICE_WORKING_DAYS,
    published: () => relay.nudge(),
  };
  const sweeper = startTimeSweeper(context, { intervalMs: config.SWEEP_SECONDS * 1000, logger });
  const imports = createImportRunner(context, {
    chunkRows: config.IMPORT_CHUNK_ROWS,
    maxRows: config.IMPORT_MAX_ROWS,
    logger,
  });
  app.decorate('environment', { context, sweeper, imports, relay });

  app.addHook('onClose', async () => {
    // Writers first, then the relay (it publishes what they queued), then the connections.
    await imports.stop();
    await sweeper.stop();
    await publisher.close();
    if (options.closeStore !== false) await store.close();
  });

  await app.register(environmentRoutes({ ctx: context, config, imports }));
  return app;
}
