import type { Clock } from '@zone-risk/calendar';
import type { EnvironmentData } from '../data/collections.ts';
import type { Person } from '../domain/item.ts';
import type { EventContext } from '../events/context.ts';

/** What the commands need: the store, the time, the zone, the policy, and a way to wake the relay. */
export interface EnvironmentContext {
  data: EnvironmentData;
  clock: Clock;
  zoneId: string;
  /** Length of a public notice in working days. */
  noticeWorkingDays: number;
  /** Called after every write that queued events (the relay's nudge). */
  published: () => void;
}

/** Who asks, and the id that ties the events of this request together. */
export interface Caller {
  actor: Person;
  correlationId: string;
}

export function eventContext(ctx: EnvironmentContext, caller: Caller, time: Date): EventContext {
  return { zoneId: ctx.zoneId, correlationId: caller.correlationId, time };
}
