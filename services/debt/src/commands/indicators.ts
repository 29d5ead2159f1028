import { zoneDay } from '@zone-risk/calendar';
import type { Caller } from '@zone-risk/domain-service';
import { NoChange } from '@zone-risk/domain-service/domain';
import { OutboxConflictError } from '@zone-risk/messaging';
import { readAll } from '../data/read-all.ts';
import { computeIndicators, DEFAULT_SETTINGS, type Figures } from '../domain/indicators.ts';
import { firstIndicators, type Indicators, refreshIndicators } from '../domain/indicators-aggregate.ts';
import type { DebtContext } from './context.ts';

// The indicators are recomputed from the whole register after every change that moves them and
// by time. A recompute reads the indicators' version first, then the register, and writes on that
// version: a recompute that lost the race to a later one starts again, so the last write is never
// based on an older read of the register than the one before it.

export const RECOMPUTER = { id: 'system:indicators', name: '债务指标' };
const caller: Caller = { actor: RECOMPUTER, correlationId: 'indicators' };

export interface IndicatorsRefresher {
  /** Recomputes (once for every call that arrives while one runs) and publishes what moved. */
  refresh(): Promise<Indicators>;
  /** Starts a refresh without waiting for it (a failure is logged; the next change retries). */
  refreshSoon(): void;
  /** What the indicators would be now under `settings`, without writing. */
  compute(settings: Indicators['settings']): Promise<Figures>;
}

export function indicatorsRefresher(ctx: DebtContext): IndicatorsRefresher {
  async function compute(settings: Indicators['settings']): Promise<Figures> {
    const day = zoneDay(ctx.clock.now());
    const [instruments, capacities, task] = await Promise.all([
      ctx.figures.all(),
      readAll(ctx.capacities),
      ctx.tasks.find(day.slice(0, 4)),
    ]);
    return computeIndicators({ instruments, capacities, task, settings, day });
  }

  async function once(): Promise<Indicators> {
    for (let attempt = 0; ; attempt += 1) {
      const current = await ctx.indicators.find(ctx.zoneId);
      const settings = current?.settings ?? DEFAULT_SETTINGS;
      const computed = await compute(settings);
      const base = current ?? firstIndicators(ctx.zoneId, settings, computed);
      let decision: ReturnType<typeof refreshIndicators>;
      try {
        decision = refreshIndicators(base, computed);
      } catch (error) {
        if (error instanceof NoChange && current) return current;
        throw error;
      }
      try {
        if (current) {
          await ctx.indicators.write({
            decision,
            expectedVersion: current.version,
            by: RECOMPUTER,
            cause: { zoneId: ctx.zoneId, correlationId: caller.correlationId, time: ctx.clock.now() },
          });
          ctx.published();
        } else {
          await ctx.indicators.create(
            caller,
            { ...decision, state: { ...decision.state, version: 1 } },
            ctx.clock.now(),
          );
        }
        return { ...decision.state, version: (current?.version ?? 0) + 1 };
      } catch (error) {
        if (!(error instanceof OutboxConflictError) || attempt >= 10) throw error;
      }
    }
  }

  let running: Promise<Indicators> | null = null;
  let queued: Promise<Indicators> | null = null;

  function refresh(): Promise<Indicators> {
    if (queued) return queued;
    if (!running) {
      running = once().finally(() => {
        running = null;
      });
      return running;
    }
    // One runs on an older read: one more after it serves every call that arrives meanwhile.
    const after = running.catch(() => undefined);
    queued = after.then(() => {
      queued = null;
      return refresh();
    });
    return queued;
  }

  function refreshSoon(): void {
    refresh().catch((error: unknown) =>
      ctx.logger.warn({ err: error }, 'the debt indicators could not be recomputed'),
    );
  }

  return { refresh, refreshSoon, compute };
}
