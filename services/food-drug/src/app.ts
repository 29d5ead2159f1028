import { buildDomainApp, type DomainAppOptions, type DomainService } from '@zone-risk/domain-service';
import { createImportRunner, type ImportRunner } from '@zone-risk/imports';
import { type App, startPeriodic } from '@zone-risk/platform';
import { type FoodDrugContext, foodDrugContext } from './commands/context.ts';
import { reconcileEffects } from './commands/reconcile.ts';
import { businessRegister } from './commands/register-import.ts';
import { createRegrader, type Regrader } from './commands/regrade.ts';
import type { FoodDrugConfig } from './config.ts';
import { type FoodDrugAggregates, foodDrugAggregates } from './data/aggregates.ts';
import { onTime, SWEEPER } from './domain/business-decisions.ts';
import { onCheckTime } from './domain/check.ts';
import { onCaseTime } from './domain/disposal-case.ts';
import { foodDrugRoutes } from './routes/index.ts';

/** What runs beside the routes: the register import and the re-grading after a rule-set change. */
export interface FoodDrugRunning {
  imports: ImportRunner;
  regrader: Regrader;
  stop(): Promise<void>;
}

/** The food-drug service on the domain-service kit: what it holds, what time changes, its routes. */
export const foodDrugService: DomainService<
  FoodDrugConfig,
  FoodDrugAggregates,
  FoodDrugContext,
  FoodDrugRunning
> = {
  name: 'food-drug',
  description:
    'Food and drug supervision (食品药品监管): the business register with risk grades A–D and their traces under a versioned rule set, supervision checks and the annual check frequency (序时), verifiable random draws (双随机一公开), sampling (抽检) and disposal cases (核查处置).',
  topic: (config) => ({ name: config.FOOD_DRUG_TOPIC, partitions: config.FOOD_DRUG_TOPIC_PARTITIONS }),
  aggregates: foodDrugAggregates,
  context: foodDrugContext,
  prepare: async (ctx) => {
    await ctx.rules.model.createIndexes();
    await ctx.imports.createIndexes();
    await ctx.rules.refresh();
  },
  sweepers: (ctx, config) => [
    {
      name: 'business-sweeper',
      correlation: 'business-sweep',
      aggregate: ctx.businesses,
      decide: (business, now) => onTime(business, ctx.rules.current(), now),
      by: SWEEPER,
      // What time changes on a business is day-granular (a period's end, an entry's expiry), and
      // every business is armed, so this sweep reads the whole register: hourly at most often.
      intervalMs: Math.max(config.SWEEP_SECONDS, 3600) * 1000,
      message: 'time changed a business (a check period ended, a record entry left the window)',
    },
    {
      name: 'check-sweeper',
      correlation: 'check-sweep',
      aggregate: ctx.checks,
      decide: onCheckTime,
      by: SWEEPER,
      intervalMs: config.SWEEP_SECONDS * 1000,
      message: 'a follow-up became overdue',
    },
    {
      name: 'case-sweeper',
      correlation: 'case-sweep',
      aggregate: ctx.disposalCases,
      decide: onCaseTime,
      by: SWEEPER,
      intervalMs: config.SWEEP_SECONDS * 1000,
      message: 'a disposal case became overdue',
    },
  ],
  start: (ctx, config) => {
    const imports = createImportRunner(
      { jobs: ctx.imports, clock: ctx.clock, logger: ctx.logger },
      businessRegister(ctx),
      {
        chunkRows: config.IMPORT_CHUNK_ROWS,
        maxRows: config.IMPORT_MAX_ROWS,
        watchIntervalMs: config.SWEEP_SECONDS * 1000,
      },
    );
    const regrader = createRegrader(ctx, { intervalMs: config.SWEEP_SECONDS * 1000, logger: ctx.logger });
    // At start (what a stopped process left undone) and then now and again (an effect that failed).
    const reconciler = startPeriodic(
      'reconcile',
      { intervalMs: config.SWEEP_SECONDS * 10_000, logger: ctx.logger },
      () => reconcileEffects(ctx),
    );
    return {
      imports,
      regrader,
      async stop() {
        await reconciler.stop();
        await imports.stop();
        await regrader.stop();
      },
    };
  },
  routes: (ctx, config, running) => foodDrugRoutes({ ctx, config, running }),
};

export type FoodDrugAppOptions = DomainAppOptions<FoodDrugConfig>;

export function buildFoodDrugApp(options: FoodDrugAppOptions): Promise<App> {
  return buildDomainApp(options, foodDrugService);
}
