import type { Caller } from '@zone-risk/domain-service';
import { newId } from '@zone-risk/domain-service';
import { OutboxConflictError } from '@zone-risk/messaging';
import { upsertEnterprise } from '../data/enterprises.ts';
import { type Decision, reportHazard as decideReport, type NewHazard } from '../domain/decisions.ts';
import type { Hazard } from '../domain/hazard.ts';
import type { SafetyContext } from './context.ts';

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
  await upsertEnterprise(ctx.enterprises, input.enterprise, now);
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
    await ctx.hazards.create(caller, decision, now);
  } catch (error) {
    if (!(error instanceof OutboxConflictError)) throw error;
    const existing = await ctx.hazards.find(decision.state.id);
    if (!existing) throw error;
    return { hazard: existing, created: false };
  }
  return { hazard: decision.state, created: true };
}
