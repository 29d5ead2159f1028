import { OutboxConflictError } from '@zone-risk/messaging';
import { ConflictError, etagFor, NotFoundError, PreconditionFailedError } from '@zone-risk/platform';
import { upsertEnterprise } from '../data/enterprises.ts';
import { commitHazard, findHazard, insertHazard } from '../data/hazards.ts';
import { type Decision, reportHazard as decideReport, type NewHazard } from '../domain/decisions.ts';
import type { Hazard } from '../domain/hazard.ts';
import { hazardEvents } from '../events/hazard-events.ts';
import { type Caller, eventContext, newId, type SafetyContext } from './context.ts';

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
  const { events, history } = hazardEvents(decision, 0, caller.actor, eventContext(ctx, caller, now));
  try {
    await insertHazard(ctx.data, decision.hazard, events, history);
  } catch (error) {
    if (!(error instanceof OutboxConflictError)) throw error;
    const existing = await findHazard(ctx.data, decision.hazard.id);
    if (!existing) throw error;
    return { hazard: existing, created: false };
  }
  ctx.published();
  return { hazard: decision.hazard, created: true };
}

export interface ChangeOptions {
  /** Checks the version the caller read (If-Match) once the hazard is loaded. */
  precondition?: (version: number) => void;
  /** The caller named a version: a lost race is a 412, not a 409. */
  ifMatch?: boolean;
  /** Re-read and re-decide this many times on a lost race (for changes that commute, like evidence). */
  retries?: number;
}

/**
 * Load, decide, write: the one path every hazard change takes. The new state, its timeline
 * entries and its events are one conditional write on the version that was decided on.
 */
export async function changeHazard(
  ctx: SafetyContext,
  caller: Caller,
  id: string,
  decide: (hazard: Hazard, now: Date) => Decision,
  options: ChangeOptions = {},
): Promise<Hazard> {
  for (let attempt = 0; ; attempt++) {
    const hazard = await findHazard(ctx.data, id);
    if (!hazard) throw new NotFoundError(`Hazard ${id} does not exist`);
    options.precondition?.(hazard.version);
    const now = ctx.clock.now();
    const decision = decide(hazard, now);
    const { events, history } = hazardEvents(
      decision,
      hazard.version,
      caller.actor,
      eventContext(ctx, caller, now),
    );
    try {
      await commitHazard(ctx.data, hazard.version, decision.hazard, events, history);
    } catch (error) {
      if (!(error instanceof OutboxConflictError)) throw error;
      if (attempt < (options.retries ?? 0)) continue;
      throw lostRace(id, error, options.ifMatch === true);
    }
    ctx.published();
    return { ...decision.hazard, version: hazard.version + events.length };
  }
}

function lostRace(id: string, error: OutboxConflictError, ifMatch: boolean): Error {
  const current = error.actualVersion;
  const extensions = current === undefined ? {} : { currentVersion: current };
  if (ifMatch) {
    return new PreconditionFailedError(
      `Hazard ${id} changed while your request ran; read it again and reapply your change`,
      { extensions, headers: current === undefined ? {} : { etag: etagFor(id, current) } },
    );
  }
  return new ConflictError(
    `Hazard ${id} changed while your request ran; read it again and retry`,
    extensions,
  );
}
