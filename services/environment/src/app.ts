import { buildDomainApp, type DomainAppOptions, type DomainService } from '@zone-risk/domain-service';
import { createImportRunner, type ImportRunner } from '@zone-risk/imports';
import type { App } from '@zone-risk/platform';
import {
  type EnvironmentAggregates,
  type EnvironmentContext,
  environmentContext,
} from './commands/context.ts';
import { ledgerImport } from './commands/ledger-import.ts';
import type { EnvironmentConfig } from './config.ts';
import { items } from './data/items.ts';
import { onTime, SWEEPER } from './domain/decisions.ts';
import { LEDGER_IMPORT_PATH } from './routes/imports.ts';
import { environmentRoutes } from './routes/index.ts';

/** The environment service on the domain-service kit: what it holds, what time changes, its routes. */
export const environmentService: DomainService<
  EnvironmentConfig,
  EnvironmentAggregates,
  EnvironmentContext,
  ImportRunner
> = {
  name: 'environment',
  description:
    'Environmental rectification (环境保护整改): the rectification ledger 拉条挂账 → 督办落实 → 办结销号 — items, ledger import (CSV/XLSX), progress with evidence, city and provincial acceptance, public notice, close-out and recurrence.',
  topic: (config) => ({ name: config.ENVIRONMENT_TOPIC, partitions: config.ENVIRONMENT_TOPIC_PARTITIONS }),
  aggregates: { items },
  context: environmentContext,
  prepare: (ctx) => ctx.imports.createIndexes(),
  sweepers: (ctx, config) => [
    {
      name: 'time-sweeper',
      correlation: 'time-sweep',
      aggregate: ctx.items,
      decide: onTime,
      by: SWEEPER,
      intervalMs: config.SWEEP_SECONDS * 1000,
      message: 'time changed an item',
    },
  ],
  start: (ctx, config) =>
    createImportRunner({ jobs: ctx.imports, clock: ctx.clock, logger: ctx.logger }, ledgerImport(ctx), {
      chunkRows: config.IMPORT_CHUNK_ROWS,
      maxRows: config.IMPORT_MAX_ROWS,
      watchIntervalMs: config.SWEEP_SECONDS * 1000,
      templateUrl: `${LEDGER_IMPORT_PATH}/template`,
    }),
  routes: (ctx, config, imports) => environmentRoutes({ ctx, config, imports }),
};

export type EnvironmentAppOptions = DomainAppOptions<EnvironmentConfig>;

export function buildEnvironmentApp(options: EnvironmentAppOptions): Promise<App> {
  return buildDomainApp(options, environmentService);
}
