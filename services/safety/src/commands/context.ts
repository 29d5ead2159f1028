import { createHash, randomBytes } from 'node:crypto';
import type { Caller as DomainCaller, EventCause, WriteContext } from '@zone-risk/domain-service';
import type { SafetyData } from '../data/collections.ts';
import type { Person } from '../domain/hazard.ts';

/** What the commands need: the store, the time, the zone, and a way to wake the outbox relay. */
export interface SafetyContext extends WriteContext {
  data: SafetyData;
}

/** Who asks, and the id that ties the events of this request together. */
export type Caller = DomainCaller<Person>;

export function eventContext(ctx: SafetyContext, caller: Caller, time: Date): EventCause {
  return { zoneId: ctx.zoneId, correlationId: caller.correlationId, time };
}

/**
 * An aggregate id. With a seed (the caller's Idempotency-Key, or the inspection and item a hazard
 * comes from) the id is derived from it, so a request re-run after a crash finds what its first
 * run created instead of creating it twice.
 */
export function newId(prefix: string, seed?: string): string {
  const body =
    seed === undefined
      ? randomBytes(12).toString('hex')
      : createHash('sha256').update(seed).digest('hex').slice(0, 24);
  return `${prefix}-${body}`;
}
