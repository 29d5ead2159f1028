import { aggregateWriter } from '@zone-risk/domain-service';
import { OutboxConflictError } from '@zone-risk/messaging';
import { upsertEnterprise } from '../data/enterprises.ts';
import { commitHazard, findHazard, insertHazard } from '../data/hazards.ts';
import { type Decision, reportHazard as decideReport, type NewHazard } from '../domain/decisions.ts';
import type { HazardFactName } from '../domain/facts.ts';
import type { Hazard, Person } from '../domain/hazard.ts';
import { hazardRecorder } from '../events/hazard-events.ts';
import { type Caller, newId, type SafetyContext } from './context.ts';

/** How a hazard is created and changed: its state, timeline and events in one write. */
export const hazardWriter = aggregateWriter<SafetyContext, Hazard, Decision, HazardFactName, Person>({
  noun: 'Hazard',
  notFound: (id) => `Hazard ${id} does not exist`,
  recorder: hazardRecorder,
  stateOf: (decision) => decision.hazard,
  load: (ctx, id) => findHazard(ctx.data, id),
  insert: (ctx, hazard, { events, history }) => insertHazard(ctx.data, hazard, events, history),
  commit: (ctx, expectedVersion, hazard, { events, history }) =>
    commitHazard(ctx.data, expectedVersion, hazard, events, history),
});

/**
 * Load, decide, write: the one path every hazard change takes (see `AggregateWriter.change`).
 * Answers 404 for an unknown hazard and 409, or 412 with If-Match, when a race is lost for good.
 */
export const changeHazard = hazardWriter.change;

export type ReportInput = Omit<
  NewHazard,
  'id' | 'zoneId' | 'inspectionId' | 'inspectors' | 'checklistItemCode'
>;

/**
 * Registers a standalone hazard. With `idSeed` (the Idempotency-Key) a re-run finds the hazard its
 * first run created and returns it with `created: false`.
 */
export async function reportHazard(
  ctx: SafetyContext,
  caller: Caller,
  input: ReportInput,
  idSeed?: string,
): Promise<{ hazard: Hazard; created: boolean }> {
  const now = ctx.clock.now();
  const id = newId('hz', idSeed);
  const decision = decideReport({ ...input, id, zoneId: ctx.zoneId }, caller.actor, now);
  await upsertEnterprise(ctx.data, input.enterprise, now);
  return createHazard(ctx, caller, decision, now);
}

/** Writes a new hazard's document with its first event; an id already taken returns that hazard. */
export async function createHazard(
  ctx: SafetyContext,
  caller: Caller,
  decision: Decision,
  now: Date,
): Promise<{ hazard: Hazard; created: boolean }> {
  try {
    await hazardWriter.create(ctx, caller, decision, now);
  } catch (error) {
    if (!(error instanceof OutboxConflictError)) throw error;
    const existing = await findHazard(ctx.data, decision.hazard.id);
    if (!existing) throw error;
    return { hazard: existing, created: false };
  }
  return { hazard: decision.hazard, created: true };
}
