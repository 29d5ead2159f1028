import { randomUUID } from 'node:crypto';
import { startPeriodic } from '@zone-risk/platform';
import type { Logger } from 'pino';
import { armedHazards } from '../data/hazards.ts';
import { detectOverdue } from '../domain/decisions.ts';
import type { Person } from '../domain/hazard.ts';
import type { SafetyContext } from './context.ts';
import { hazardWriter } from './hazards.ts';

export const SWEEPER: Person = { id: 'system:overdue-sweeper', name: '超期自动检测' };

export interface OverdueSweeper {
  /** One pass now; resolves with the number of hazards that became overdue in it. */
  sweepOnce(): Promise<number>;
  /** Stops the timer and waits for a pass in flight. */
  stop(): Promise<void>;
}

/**
 * Overdue is derived from time: no event arrives when a deadline passes, so a sweeper looks. It
 * runs at start (catching deadlines that passed while the service was down) and every interval.
 *
 * Exactly once per deadline: firing a deadline clears its arming in the same conditional write
 * (on `_version`) that queues HazardBecameOverdue. A second replica, an overlapping pass or a
 * restarted process either loses that write (OutboxConflictError, skipped) or reads the hazard
 * afterwards and finds nothing armed. An approved extension arms the new deadline again.
 */
export function startOverdueSweeper(
  ctx: SafetyContext,
  options: { intervalMs: number; logger: Logger },
): OverdueSweeper {
  const logger = options.logger.child({ component: 'overdue-sweeper' });
  const task = startPeriodic('overdue-sweeper', options, () => sweepOverdue(ctx, logger));
  return { sweepOnce: task.runNow, stop: task.stop };
}

/** One pass: fires every armed deadline that has passed. @returns how many hazards became overdue. */
export async function sweepOverdue(ctx: SafetyContext, logger: Logger): Promise<number> {
  const now = ctx.clock.now();
  const correlationId = `overdue-sweep-${randomUUID()}`;
  return hazardWriter.sweep(ctx, {
    armed: await armedHazards(ctx.data),
    decide: detectOverdue,
    by: SWEEPER,
    cause: { zoneId: ctx.zoneId, correlationId, time: now },
    written: (id, events) =>
      logger.info(
        { hazardId: id, eventIds: events.map((e) => e.id), correlationId },
        'hazard became overdue',
      ),
  });
}
