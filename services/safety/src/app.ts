import type { TokenVerifier } from '@zone-risk/auth';
import type { Clock } from '@zone-risk/calendar';
import { asyncApiDocument } from '@zone-risk/contracts';
import { openPublisher, type Relay } from '@zone-risk/messaging';
import { type App, buildApp, configuredClock, createLogger } from '@zone-risk/platform';
import type { Connection, mongo } from 'mongoose';
import type { Logger } from 'pino';
import type { SafetyContext } from './commands/context.ts';
import { type OverdueSweeper, startOverdueSweeper } from './commands/overdue-sweeper.ts';
import type { SafetyConfig } from './config.ts';
import { ensureIndexes, safetyData } from './data/collections.ts';
import { ensureBuiltinTemplates } from './data/templates.ts';
import { safetyRoutes } from './routes/index.ts';

export interface SafetyAppOptions {
  config: SafetyConfig;
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

/** What tests and tools reach through `app.safety`. */
export interface SafetyRuntime {
  context: SafetyContext;
  sweeper: OverdueSweeper;
  relay: Relay;
}

declare module 'fastify' {
  interface FastifyInstance {
    safety: SafetyRuntime;
  }
}

/**
 * The safety service: the platform (auth, errors, docs, health, metrics, Idempotency-Key) around
 * its routes, plus what runs beside them — the outbox relay to Kafka, the heartbeat and the
 * overdue sweeper — all stopped, in order, when the app closes.
 */
export async function buildSafetyApp(options: SafetyAppOptions): Promise<App> {
  const { config, store } = options;
  const logger =
    options.logger ?? createLogger({ level: config.LOG_LEVEL, service: 'safety', zoneId: config.ZONE_ID });
  const clock = options.clock ?? configuredClock(config.CLOCK_SHIFT_DAYS, logger);

  // Kafka first: brokers never auto-create topics, and a service that cannot publish is not ready.
  const publisher = await openPublisher({
    service: 'safety',
    domain: 'safety',
    zoneId: config.ZONE_ID,
    topic: config.SAFETY_TOPIC,
    partitions: config.SAFETY_TOPIC_PARTITIONS,
    brokers: config.KAFKA_BROKERS,
    logger,
  });

  let app: App;
  const data = safetyData(store);
  try {
    await ensureIndexes(data);
    await ensureBuiltinTemplates(data, clock.now());

    app = await buildApp({
      name: 'safety',
      description:
        'Workplace safety (安全生产): enterprises, checklist templates, inspections and the hidden-hazard closed loop 排查-登记-整改-验收-销号.',
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
    collections: [data.hazards, data.inspections] as unknown as mongo.Collection[],
    registry: app.metrics,
    heartbeatMs: config.HEARTBEAT_SECONDS * 1000,
  });
  const context: SafetyContext = { data, clock, zoneId: config.ZONE_ID, published: () => relay.nudge() };
  const sweeper = startOverdueSweeper(context, { intervalMs: config.OVERDUE_SWEEP_SECONDS * 1000, logger });
  app.decorate('safety', { context, sweeper, relay });

  app.addHook('onClose', async () => {
    // Writers first, then the relay (it publishes what they queued), then the connections.
    await sweeper.stop();
    await publisher.close();
    if (options.closeStore !== false) await store.close();
  });

  await app.register(safetyRoutes({ ctx: context, config }));
  return app;
}
