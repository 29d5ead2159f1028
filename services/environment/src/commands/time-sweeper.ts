import { randomUUID } from 'node:crypto';
import { startPeriodic } from '@zone-risk/platform';
import type { Logger } from 'pino';
import { interruptStaleImports } from '../data/imports.ts';
import { armedItems } from '../data/items.ts';
import { onTime, SWEEPER } from '../domain/decisions.ts';
import type { EnvironmentContext } from './context.ts';
import { itemWriter } from './items.ts';

/** A running import writes after every chunk; one silent this long belongs to a stopped process. */
const STALE_IMPORT_MS = 5 * 60_000;

export interface TimeSweeper {
  /** One pass now; resolves with the number of items it changed. */
  sweepOnce(): Promise<number>;
  /** Stops the timer and waits for a pass in flight. */
  stop(): Promise<void>;
}

/**
 * Time changes items without any event arriving: a deadline passes (overdue) and a notice window
 * ends (closed). The sweeper runs at start — catching what passed while no instance ran — and
 * every interval. Each change is one conditional write (on `_version`) that also disarms its timer,
 * so a second replica, an overlapping pass or a restarted process fires it at most once.
 */
export function startTimeSweeper(
  ctx: EnvironmentContext,
  options: { intervalMs: number; logger: Logger },
): TimeSweeper {
  const logger = options.logger.child({ component: 'time-sweeper' });
  const task = startPeriodic('time-sweeper', options, () => sweepTime(ctx, logger));
  return { sweepOnce: task.runNow, stop: task.stop };
}

/** One pass: fires every armed timer that has passed. @returns how many items changed. */
export async function sweepTime(ctx: EnvironmentContext, logger: Logger): Promise<number> {
  const now = ctx.clock.now();
  const correlationId = `time-sweep-${randomUUID()}`;
  const fired = await itemWriter.sweep(ctx, {
    armed: await armedItems(ctx.data),
    decide: onTime,
    by: SWEEPER,
    cause: { zoneId: ctx.zoneId, correlationId, time: now },
    written: (id, events) =>
      logger.info(
        { itemId: id, eventIds: events.map((e) => e.id), event: events[0]?.type, correlationId },
        'time changed an item',
      ),
  });
  const interrupted = await interruptStaleImports(ctx.data, now, STALE_IMPORT_MS);
  if (interrupted > 0) logger.warn({ interrupted }, 'imports of a stopped process marked interrupted');
  return fired;
}
