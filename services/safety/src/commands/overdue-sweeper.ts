import { randomUUID } from 'node:crypto';
import { OutboxConflictError } from '@zone-risk/messaging';
import { startPeriodic } from '@zone-risk/platform';
import type { Logger } from 'pino';
import { armedHazards, commitHazard, findHazard } from '../data/hazards.ts';
import { detectOverdue } from '../domain/decisions.ts';
import type { Person } from '../domain/hazard.ts';
import { hazardEvents } from '../events/hazard-events.ts';
import type { SafetyContext } from './context.ts';

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
  const due = (await armedHazards(ctx.data)).filter(
    (hazard) => hazard.nextDueAt !== null && hazard.nextDueAt.getTime() <= now.getTime(),
  );
  let fired = 0;
  for (const { id } of due) {
    const hazard = await findHazard(ctx.data, id);
    if (!hazard) continue;
    const decision = detectOverdue(hazard, now);
    if (!decision) continue;
    const { events, history } = hazardEvents(decision, hazard.version, SWEEPER, {
      zoneId: ctx.zoneId,
      correlationId,
      time: now,
    });
    try {
      await commitHazard(ctx.data, hazard.version, decision.hazard, events, history);
      fired += 1;
      logger.info(
        { hazardId: id, eventIds: events.map((e) => e.id), correlationId },
        'hazard became overdue',
      );
    } catch (error) {
      // Someone changed it first (a user, or another replica's sweep): the next pass re-reads it.
      if (!(error instanceof OutboxConflictError)) throw error;
    }
  }
  if (fired > 0) ctx.published();
  return fired;
}
