import { buildDomainApp, type DomainAppOptions } from '@zone-risk/domain-service';
import type { Relay } from '@zone-risk/messaging';
import type { App } from '@zone-risk/platform';
import type { mongo } from 'mongoose';
import type { SafetyContext } from './commands/context.ts';
import { type OverdueSweeper, startOverdueSweeper } from './commands/overdue-sweeper.ts';
import type { SafetyConfig } from './config.ts';
import { ensureIndexes, safetyData } from './data/collections.ts';
import { ensureBuiltinTemplates } from './data/templates.ts';
import { safetyRoutes } from './routes/index.ts';

export type SafetyAppOptions = DomainAppOptions<SafetyConfig>;

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
 * The safety service: the domain service frame (platform, outbox relay to Kafka, heartbeat)
 * around its routes, plus the overdue sweeper, stopped before the relay when the app closes.
 */
export async function buildSafetyApp(options: SafetyAppOptions): Promise<App> {
  const { config } = options;
  const data = safetyData(options.store);
  return buildDomainApp(options, {
    name: 'safety',
    description:
      'Workplace safety (安全生产): enterprises, checklist templates, inspections and the hidden-hazard closed loop 排查-登记-整改-验收-销号.',
    topic: config.SAFETY_TOPIC,
    partitions: config.SAFETY_TOPIC_PARTITIONS,
    prepare: async (clock) => {
      await ensureIndexes(data);
      await ensureBuiltinTemplates(data, clock.now());
    },
    outboxes: [data.hazards, data.inspections] as unknown as mongo.Collection[],
    start: ({ app, clock, logger, relay }) => {
      const context: SafetyContext = { data, clock, zoneId: config.ZONE_ID, published: () => relay.nudge() };
      const sweeper = startOverdueSweeper(context, {
        intervalMs: config.OVERDUE_SWEEP_SECONDS * 1000,
        logger,
      });
      app.decorate('safety', { context, sweeper, relay });
      return { routes: safetyRoutes({ ctx: context, config }), stop: () => sweeper.stop() };
    },
  });
}
