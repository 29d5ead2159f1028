import { buildDomainApp, type DomainAppOptions, type DomainService } from '@zone-risk/domain-service';
import type { App } from '@zone-risk/platform';
import { type SafetyAggregates, type SafetyContext, safetyContext } from './commands/context.ts';
import type { SafetyConfig } from './config.ts';
import { hazards } from './data/hazards.ts';
import { inspections } from './data/inspections.ts';
import { ensureBuiltinTemplates } from './data/templates.ts';
import { detectOverdue, SWEEPER } from './domain/decisions.ts';
import { safetyRoutes } from './routes/index.ts';

/** The safety service on the domain-service kit: what it holds, what time changes, its routes. */
export const safetyService: DomainService<SafetyConfig, SafetyAggregates, SafetyContext> = {
  name: 'safety',
  description:
    'Workplace safety (安全生产): enterprises, checklist templates, inspections and the hidden-hazard closed loop 排查-登记-整改-验收-销号.',
  topic: (config) => ({ name: config.SAFETY_TOPIC, partitions: config.SAFETY_TOPIC_PARTITIONS }),
  aggregates: { hazards, inspections },
  context: safetyContext,
  prepare: async (ctx) => {
    await ctx.templates.createIndexes();
    await ensureBuiltinTemplates(ctx.templates, ctx.clock.now());
  },
  sweepers: (ctx, config) => [
    {
      name: 'overdue-sweeper',
      correlation: 'overdue-sweep',
      aggregate: ctx.hazards,
      decide: detectOverdue,
      by: SWEEPER,
      intervalMs: config.OVERDUE_SWEEP_SECONDS * 1000,
      message: 'hazard became overdue',
    },
  ],
  routes: (ctx, config) => safetyRoutes({ ctx, config }),
};

export type SafetyAppOptions = DomainAppOptions<SafetyConfig>;

export function buildSafetyApp(options: SafetyAppOptions): Promise<App> {
  return buildDomainApp(options, safetyService);
}
