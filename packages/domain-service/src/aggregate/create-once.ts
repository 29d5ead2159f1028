import { OutboxConflictError } from '@zone-risk/messaging';
import type { Decision } from '../domain/decision.ts';
import type { Caller } from './writer.ts';

/**
 * Creates the aggregate a decision describes, or — when its id is taken, because the same request
 * ran before (ids derive from the Idempotency-Key or the cause) — reads the one that exists.
 */
export async function createOnce<State extends { id: string }, Fact>(
  aggregate: {
    create(caller: Caller, decision: Decision<State, Fact>, now: Date): Promise<void>;
    find(id: string): Promise<State | null>;
  },
  caller: Caller,
  decision: Decision<State, Fact>,
  now: Date,
): Promise<{ state: State; created: boolean }> {
  try {
    await aggregate.create(caller, decision, now);
    return { state: decision.state, created: true };
  } catch (error) {
    if (!(error instanceof OutboxConflictError)) throw error;
    const existing = await aggregate.find(decision.state.id);
    if (!existing) throw error;
    return { state: existing, created: false };
  }
}
