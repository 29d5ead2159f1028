import { randomUUID } from 'node:crypto';
import type { PersonRef } from '@zone-risk/contracts';
import { startPeriodic } from '@zone-risk/platform';
import type { Logger } from 'pino';
import type { Aggregate } from './aggregate/define.ts';
import type { DecisionOf, Versioned } from './aggregate/writer.ts';

/** What time alone changes on one aggregate type (no event arrives when a deadline passes). */
export interface SweepSpec<State extends Versioned, Name extends string> {
  /** The component name in logs, e.g. `overdue-sweeper`. */
  name: string;
  /** What the sweep's correlation ids (the events' `correlationid`) start with, e.g. `overdue-sweep`. */
  correlation: string;
  aggregate: Aggregate<State, Name>;
  /** Pure: what is due at `now`, or null. Must disarm what it fires, in the same decision. */
  decide(state: State, now: Date): DecisionOf<State, Name> | null;
  /** The system actor the timeline names, e.g. `{ id: 'system:overdue-sweeper' }`. */
  by: PersonRef;
  intervalMs: number;
  /** The log line of each change, e.g. `hazard became overdue`. */
  message: string;
  /**
   * What a pass that changed something sets off beyond the aggregates it wrote (e.g. figures
   * computed over all of them); awaited before the pass resolves, so a seed or test sees it done.
   */
  afterChanges?(changed: readonly string[]): Promise<void>;
}

export interface Sweeper {
  readonly name: string;
  /** One pass now; resolves with how many aggregates it changed. */
  sweepOnce(): Promise<number>;
  /** Stops the timer and waits for a pass in flight. */
  stop(): Promise<void>;
}

interface SweepOptions {
  clock: { now(): Date };
  zoneId: string;
  logger: Logger;
}

/**
 * One pass at the clock's time: fires every armed timer that has passed. For the sweeper's timer,
 * and for a seed stepping through simulated days. @returns how many aggregates changed.
 */
export async function sweepNow<State extends Versioned, Name extends string>(
  spec: Omit<SweepSpec<State, Name>, 'intervalMs'>,
  options: SweepOptions,
): Promise<number> {
  const now = options.clock.now();
  const correlationId = `${spec.correlation}-${randomUUID()}`;
  const ids: string[] = [];
  const changed = await spec.aggregate.sweep({
    armed: await spec.aggregate.armed(),
    decide: spec.decide,
    by: spec.by,
    cause: { zoneId: options.zoneId, correlationId, time: now },
    written: (id, events) => {
      ids.push(id);
      options.logger.info(
        {
          component: spec.name,
          aggregateId: id,
          eventIds: events.map((e) => e.id),
          events: events.map((e) => e.type),
          correlationId,
        },
        spec.message,
      );
    },
    failed: (id, error) =>
      options.logger.error(
        { component: spec.name, aggregateId: id, err: error, correlationId },
        'a timer could not be decided on; it is tried again at the next sweep',
      ),
  });
  if (ids.length > 0) await spec.afterChanges?.(ids);
  return changed;
}

/**
 * Fires the timers of an aggregate type: at start (catching what passed while no instance ran)
 * and every interval. Only `{ <armed flag>: true }` is read — an indexed equality — and each
 * `nextDueAt` is compared here: a date range is not pushed down on FerretDB. Each change is one
 * conditional write that disarms its timer, so replicas, overlapping passes and restarts fire a
 * timer at most once (see `AggregateWriter.sweep`).
 */
export function startSweeper<State extends Versioned, Name extends string>(
  spec: SweepSpec<State, Name>,
  options: SweepOptions,
): Sweeper {
  const task = startPeriodic(spec.name, { intervalMs: spec.intervalMs, logger: options.logger }, () =>
    sweepNow(spec, options),
  );
  return { name: spec.name, sweepOnce: task.runNow, stop: task.stop };
}
