// Demo data for `./infra/platform up`: the debt register of 江宁经开区 (register.ts) taken on
// 2025-12-31, and 2026 as it went (year.ts): every scheduled payment met on its due date, a new
// special bond (新增举借), a refinancing bond replacing (置换) part of the hidden debt, one repayment
// typed wrongly and reversed (冲正), the fiscal capacity of 2025 (债务率 ~150 %, yellow) and the 2026
// task a few points behind 序时进度. Two things are left for the indicators to find: the lease's
// latest payment is not paid, so the time sweeper marks it overdue (逾期) at the end; and every
// payment due in the next 90 days has its funds assigned but the loan's next one, within 30 days.
//
// It runs the service's own commands (the code the routes run), so every change is written with
// its events into the outbox, which the service's relay publishes (`./infra/platform up` seeds
// before it starts the services: a running sweeper would see the simulated year's payments due
// before the seed has posted them). Time is simulated: each step runs on its own day, in date
// order, so the indicators' timeline follows the year. What is due is worked out against today,
// so a later run still leaves exactly one overdue payment. Idempotent: posting ids derive from
// fixed Idempotency-Keys as the routes derive them, registrations are by number, and a marker
// records a finished run.

import { zoneDay } from '@zone-risk/calendar';
import { createDomainContext, prepareDomainStore, runSeed, sweepDomainNow } from '@zone-risk/domain-service';
import { pino } from 'pino';
import { debtService } from '../app.ts';
import { debtConfigSchema } from '../config.ts';
import type { Indicators } from '../domain/indicators-aggregate.ts';
import { CAPACITY_2025, COMPANIES, IN_ARREARS, INSTRUMENTS } from './register.ts';
import { planYear, type Year } from './year.ts';

const YI = 10_000_000_000;
const COLOUR = { low: 'blue', general: 'yellow', significant: 'orange', major: 'red' } as const;
const yi = (fen: number) => `${(fen / YI).toFixed(2)} 亿元`;
const points = (bp: number) => `${(bp / 100).toFixed(1)} %`;

function summary(indicators: Indicators, year: Year, swept: number): string {
  const { task } = indicators;
  const progress = task
    ? `${task.year} task ${yi(task.done)} of ${yi(task.target)} = ${points(Math.round((task.done / task.target) * 10_000))} against 序时进度 ${points(Math.round((task.expected / task.target) * 10_000))} (behind ${(task.behindBp / 100).toFixed(2)} points)`
    : 'no task this year';
  const arrears = year.arrears
    ? ` (${IN_ARREARS} payment ${year.arrears.seq}, due ${year.arrears.dueDate})`
    : '';
  return [
    `${INSTRUMENTS.length} instruments of ${Object.keys(COMPANIES).length} platform companies, ${year.postings()} postings`,
    `balance ${yi(indicators.balance)}`,
    `债务率 ${indicators.debtRatioBp === null ? 'n/a' : points(indicators.debtRatioBp)} (2025 capacity ${yi(CAPACITY_2025.amount)})`,
    `level ${indicators.level} (${COLOUR[indicators.level]}: ${indicators.reasons.map((r) => `${r.rule} ${r.level}`).join(', ')})`,
    progress,
    `${indicators.overduePayments} overdue, ${indicators.unfundedAlerts} unfunded within 30 days; ${swept} marked overdue by time now${arrears}`,
  ].join('; ');
}

await runSeed({
  name: 'debt',
  marker: 'debt-demo-2026-v1',
  config: debtConfigSchema,
  seed: async ({ config, store, clock }) => {
    const ctx = createDomainContext(debtService, {
      store,
      config,
      clock,
      logger: pino({ level: 'silent' }),
      published: () => undefined,
    });
    await prepareDomainStore(debtService, ctx);
    const today = zoneDay(clock.now());
    const year = planYear(ctx, today);
    for (const step of year.steps) {
      clock.at(Math.round((Date.parse(today) - Date.parse(step.date)) / 86_400_000));
      await step.run();
    }
    clock.at(0);
    // The lease's payment passed its due date unpaid in the simulated past: the sweeper notices now.
    const swept = await sweepDomainNow(debtService, ctx, config);
    return summary(await ctx.refresher.refresh(), year, swept);
  },
});
