import {
  AuthConfigError,
  createTokenVerifier,
  type TokenVerifier,
  verifierOptionsFromConfig,
} from '@zone-risk/auth';
import { asyncApiDocument } from '@zone-risk/contracts';
import { createKafka } from '@zone-risk/messaging';
import { type App, buildApp, ConfigError, createLogger } from '@zone-risk/platform';
import { connectStore } from '@zone-risk/store';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import { Registry } from 'prom-client';
import type { AggregatorConfig } from './config.ts';
import { type Aggregator, createAggregator } from './engine/aggregator.ts';
import { aggregatorRoutes } from './routes/index.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The running aggregator behind the routes (tests reach into it, e.g. to force a snapshot). */
    aggregator: Aggregator;
  }
}

export interface AggregatorAppOptions {
  config: AggregatorConfig;
  /** An open store connection (tests pass the testkit's; it is then left open on close). */
  store?: Connection;
  logger?: Logger;
  verifier?: TokenVerifier;
}

function verifierFor(config: AggregatorConfig): TokenVerifier {
  try {
    return createTokenVerifier(verifierOptionsFromConfig(config, config.NODE_ENV));
  } catch (error) {
    if (error instanceof AuthConfigError) {
      throw new ConfigError([{ variable: error.variable, message: error.message }]);
    }
    throw error;
  }
}

/**
 * The aggregator service: loads the policy, the latest snapshot and the recorded status, starts
 * consuming the domain topics from the snapshot's offsets, then serves the status routes. Closing
 * the app stops consumption and saves a final snapshot before the store closes.
 */
export async function buildAggregatorApp(options: AggregatorAppOptions): Promise<App> {
  const { config } = options;
  const verifier = options.verifier ?? verifierFor(config);
  const logger =
    options.logger ??
    createLogger({ level: config.LOG_LEVEL, service: 'aggregator', zoneId: config.ZONE_ID });
  const store = options.store ?? (await connectStore({ url: config.MONGO_URL, dbName: config.MONGO_DB }));
  const registry = new Registry();
  const kafka = createKafka({
    clientId: `aggregator-${config.ZONE_ID}`,
    brokers: config.KAFKA_BROKERS,
    logger,
  });
  const aggregator = createAggregator({ config, store, kafka, logger, registry });
  try {
    await aggregator.start();
  } catch (error) {
    await aggregator.stop({ snapshot: false }).catch(() => undefined);
    if (!options.store) await store.close().catch(() => undefined);
    throw error;
  }

  let app: App;
  try {
    app = await buildApp({
      name: 'aggregator',
      description:
        'Zone-wide risk status (双重预防机制 colours): live, explainable, with history, drill-down and a Server-Sent Events stream',
      config,
      store,
      closeStore: options.store === undefined,
      registry,
      logger,
      verifier,
      asyncapi: asyncApiDocument(),
      readiness: { kafka: () => aggregator.ready() },
      routes: aggregatorRoutes({ aggregator, verifier, sseHeartbeatMs: config.AGGREGATOR_SSE_HEARTBEAT_MS }),
    });
  } catch (error) {
    await aggregator.stop({ snapshot: false }).catch(() => undefined);
    if (!options.store) await store.close().catch(() => undefined);
    throw error;
  }
  app.decorate('aggregator', aggregator);
  // preClose runs before the store's onClose: consumption stops and the snapshot is written first.
  app.addHook('preClose', async () => {
    await aggregator.stop();
  });
  return app;
}
