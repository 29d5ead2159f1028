import { type Caller, createOnce } from '@zone-risk/domain-service';
import { InvalidInput, NoChange } from '@zone-risk/domain-service/domain';
import type { Instrument } from '../domain/instrument.ts';
import {
  assignFunding,
  type InstrumentDecision,
  issueByReplacement,
  type PostingInput,
  postRepayment,
  postWriteOff,
  type ReplacementInput,
  retireByReplacement,
  reversePosting,
} from '../domain/instrument-decisions.ts';
import { type RegisterInput, registerInstrument, sameRegistration } from '../domain/register.ts';
import type { DebtContext } from './context.ts';

// Each command writes one instrument and then recomputes the zone's indicators. What a change
// sets off on another instrument (the bond's side of a replacement, the other side of its
// reversal) runs after the write and is idempotent: reconcile.ts re-applies it after a stop.

export type Outcome = 'created' | 'updated' | 'unchanged';

/** Registers an instrument: 201 new, 200 the same terms again, 409 other terms for its number. */
export async function registerCommand(
  ctx: DebtContext,
  caller: Caller,
  input: RegisterInput,
  options: { indicators: 'await' | 'background' } = { indicators: 'await' },
): Promise<{ instrument: Instrument; outcome: Outcome }> {
  const now = ctx.clock.now();
  const decision = registerInstrument(input, ctx.zoneId, caller.actor, now);
  const { state, created } = await createOnce(ctx.instruments, caller, decision, now);
  if (!created) {
    try {
      sameRegistration(state, decision.state);
    } catch (error) {
      if (!(error instanceof NoChange)) throw error;
    }
  }
  await ctx.figures.save(state);
  if (options.indicators === 'await') await ctx.refresher.refresh();
  else ctx.refresher.refreshSoon();
  return { instrument: state, outcome: created ? 'created' : 'unchanged' };
}

/** A change decided on the current instrument; the same posting again changes nothing (200). */
async function changeInstrument(
  ctx: DebtContext,
  caller: Caller,
  id: string,
  decide: (current: Instrument, now: Date) => InstrumentDecision,
): Promise<{ instrument: Instrument; changed: boolean }> {
  let unchanged: Instrument | null = null;
  const instrument = await ctx.instruments
    .change(
      caller,
      id,
      (current, now) => {
        try {
          return decide(current, now);
        } catch (error) {
          if (error instanceof NoChange) unchanged = current;
          throw error;
        }
      },
      // Postings commute with one another: a lost race is re-decided on the newer state.
      { retries: 5 },
    )
    .catch((error: unknown) => {
      if (error instanceof NoChange && unchanged) return unchanged;
      throw error;
    });
  // Also when unchanged: a retry after a failure between the write and these finishes them.
  await ctx.figures.save(instrument);
  await ctx.refresher.refresh();
  return { instrument, changed: instrument !== unchanged };
}

export const repaymentCommand = (ctx: DebtContext, caller: Caller, id: string, input: PostingInput) =>
  changeInstrument(ctx, caller, id, (current, now) => postRepayment(current, input, caller.actor, now));

export const writeOffCommand = (ctx: DebtContext, caller: Caller, id: string, input: PostingInput) =>
  changeInstrument(ctx, caller, id, (current, now) => postWriteOff(current, input, caller.actor, now));

export const fundingCommand = (
  ctx: DebtContext,
  caller: Caller,
  id: string,
  input: Parameters<typeof assignFunding>[1],
) => changeInstrument(ctx, caller, id, (current, now) => assignFunding(current, input, caller.actor, now));

/** A replacement: the retired side is posted, then the bond's side (idempotent, by posting id). */
export async function replacementCommand(
  ctx: DebtContext,
  caller: Caller,
  retiredId: string,
  input: ReplacementInput & { bond: string },
) {
  const bond = await ctx.instruments.find(input.bond);
  if (!bond) {
    throw new InvalidInput('There is no such bond', [
      { pointer: '/bond', reason: `${input.bond} is not on the register` },
    ]);
  }
  const result = await changeInstrument(ctx, caller, retiredId, (current, now) =>
    retireByReplacement(current, bond, input, caller.actor, now),
  );
  await replacementEffects(ctx, caller, result.instrument);
  return result;
}

/** A reversal; on a replacement, the other side is reversed too, with the same reversal id. */
export async function reversalCommand(
  ctx: DebtContext,
  caller: Caller,
  id: string,
  input: { postingId: string; reverses: string; reason: string },
) {
  const result = await changeInstrument(ctx, caller, id, (current, now) =>
    reversePosting(current, input, caller.actor, now),
  );
  await replacementEffects(ctx, caller, result.instrument);
  return result;
}

/**
 * Brings the other side of every replacement of this instrument in step: a tranche posted on the
 * retired debt appears on its bond, and a reversal of either side reverses the other.
 */
export async function replacementEffects(
  ctx: DebtContext,
  caller: Caller,
  instrument: Instrument,
): Promise<void> {
  for (const posting of instrument.postings) {
    if (posting.counterpart === null) continue;
    const otherId = posting.counterpart.instrumentId;
    if (posting.kind === 'replacement-retired' && posting.reversedBy === null) {
      await changeInstrument(ctx, caller, otherId, (bond, now) =>
        issueByReplacement(bond, instrument.id, posting, now),
      );
    }
    if (posting.kind === 'reversal') {
      const other = await ctx.instruments.find(otherId);
      const mirrored = other?.postings.find((p) => p.id === posting.counterpart?.postingId);
      if (!other || !mirrored || mirrored.reversedBy !== null) continue;
      await changeInstrument(ctx, caller, otherId, (current, now) =>
        reversePosting(
          current,
          { postingId: posting.id, reverses: mirrored.id, reason: posting.note },
          caller.actor,
          now,
        ),
      );
    }
  }
}
