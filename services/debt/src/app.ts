import { buildDomainApp, type DomainAppOptions, type DomainService } from '@zone-risk/domain-service';
import { createImportRunner, type ImportRunner } from '@zone-risk/imports';
import { type App, startPeriodic } from '@zone-risk/platform';
import { type DebtContext, debtContext } from './commands/context.ts';
import { reconcile } from './commands/reconcile.ts';
import { instrumentRegister } from './commands/register-import.ts';
import type { DebtConfig } from './config.ts';
import { type DebtAggregates, debtAggregates } from './data/aggregates.ts';
import { onInstrumentTime } from './domain/instrument-decisions.ts';
import { debtRoutes } from './routes/index.ts';

/** What runs beside the routes: the register import and the indicators by time. */
export interface DebtRunning {
  imports: ImportRunner;
  stop(): Promise<void>;
}

export const SWEEPER = { id: 'system:time-sweeper', name: '到期检查' };

/** The debt service on the domain-service kit: what it holds, what time changes, its routes. */
export const debtService: DomainService<DebtConfig, DebtAggregates, DebtContext, DebtRunning> = {
  name: 'debt',
  description:
    'Debt reduction (债务化解): the debt register (债务台账) with generated schedules, postings and reversals (冲正), replacements (置换), overdue payments (逾期), the annual reduction task against time elapsed (序时进度) with its forecast, and the debt indicators (债务率, 逾期债务率, maturities against funds) with their level.',
  topic: (config) => ({ name: config.DEBT_TOPIC, partitions: config.DEBT_TOPIC_PARTITIONS }),
  aggregates: debtAggregates,
  context: debtContext,
  prepare: async (ctx) => {
    await ctx.imports.createIndexes();
  },
  sweepers: (ctx, config) => [
    {
      name: 'overdue-sweeper',
      correlation: 'overdue-sweep',
      aggregate: ctx.instruments,
      decide: onInstrumentTime,
      by: SWEEPER,
      intervalMs: config.SWEEP_SECONDS * 1000,
      message: 'a scheduled payment passed its due date unpaid (逾期)',
      afterChanges: async (ids) => {
        for (const id of ids) {
          const instrument = await ctx.instruments.find(id);
          if (instrument) await ctx.figures.save(instrument);
        }
        await ctx.refresher.refresh();
      },
    },
  ],
  start: (ctx, config) => {
    const imports = createImportRunner(
      { jobs: ctx.imports, clock: ctx.clock, logger: ctx.logger },
      instrumentRegister(ctx),
      {
        chunkRows: config.IMPORT_CHUNK_ROWS,
        maxRows: config.IMPORT_MAX_ROWS,
        watchIntervalMs: config.SWEEP_SECONDS * 1000,
      },
    );
    // At start: the other sides of replacements a stop left undone, then the indicators; then by
    // time, since the day moving on moves 序时进度 and the maturity windows with no event at all.
    // Day-granular and a read of the whole register: every quarter of an hour at most often
    // (every change and every overdue pass recompute them at once anyway).
    let started = false;
    const indicators = startPeriodic(
      'indicators',
      { intervalMs: Math.max(config.SWEEP_SECONDS, 900) * 1000, logger: ctx.logger },
      async () => {
        if (!started) {
          started = true;
          return reconcile(ctx);
        }
        await ctx.refresher.refresh();
        return 0;
      },
    );
    return {
      imports,
      async stop() {
        await indicators.stop();
        await imports.stop();
      },
    };
  },
  routes: (ctx, config, running) => debtRoutes({ ctx, config, running }),
};

export type DebtAppOptions = DomainAppOptions<DebtConfig>;

export function buildDebtApp(options: DebtAppOptions): Promise<App> {
  return buildDomainApp(options, debtService);
}
