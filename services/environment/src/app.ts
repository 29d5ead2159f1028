import { buildDomainApp, type DomainAppOptions } from '@zone-risk/domain-service';
import type { Relay } from '@zone-risk/messaging';
import type { App } from '@zone-risk/platform';
import type { mongo } from 'mongoose';
import type { EnvironmentContext } from './commands/context.ts';
import { createImportRunner, type ImportRunner } from './commands/imports.ts';
import { startTimeSweeper, type TimeSweeper } from './commands/time-sweeper.ts';
import type { EnvironmentConfig } from './config.ts';
import { ensureIndexes, environmentData } from './data/collections.ts';
import { environmentRoutes } from './routes/index.ts';

export type EnvironmentAppOptions = DomainAppOptions<EnvironmentConfig>;

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
 * The environment service: the domain service frame (platform, outbox relay, heartbeat) around its
 * routes, plus the time sweeper (overdue, end of notice) and the ledger imports, stopped before the
 * relay when the app closes.
 */
export async function buildEnvironmentApp(options: EnvironmentAppOptions): Promise<App> {
  const { config } = options;
  const data = environmentData(options.store);
  return buildDomainApp(options, {
    name: 'environment',
    description:
      'Environmental rectification (环境保护整改): the rectification ledger 拉条挂账 → 督办落实 → 办结销号 — items, ledger import (CSV/XLSX), progress with evidence, city and provincial acceptance, public notice, close-out and recurrence.',
    topic: config.ENVIRONMENT_TOPIC,
    partitions: config.ENVIRONMENT_TOPIC_PARTITIONS,
    prepare: () => ensureIndexes(data),
    outboxes: [data.items] as unknown as mongo.Collection[],
    start: ({ app, clock, logger, relay }) => {
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
      return {
        routes: environmentRoutes({ ctx: context, config, imports }),
        stop: async () => {
          await imports.stop();
          await sweeper.stop();
        },
      };
    },
  });
}
