import { type Caller, createOnce, newId } from '@zone-risk/domain-service';
import { InvalidInput, NoChange } from '@zone-risk/domain-service/domain';
import type { Business } from '../domain/business.ts';
import { businessRefOf, type Check, type CheckInput, followedUp, recordCheck } from '../domain/check.ts';
import { openCase } from '../domain/disposal-case.ts';
import { feedRecord } from './businesses.ts';
import type { FoodDrugContext } from './context.ts';

/** An id from the request's Idempotency-Key when it has one, so a retried request records once. */

export async function businessFor(
  ctx: FoodDrugContext,
  creditCode: string,
  pointer: string,
): Promise<Business> {
  const business = await ctx.businesses.find(creditCode);
  if (!business) {
    throw new InvalidInput(`Business ${creditCode} is not on the register; register it first`, [
      { pointer, reason: 'is not a registered business' },
    ]);
  }
  return business;
}

/**
 * A check is recorded; then what it sets off, each idempotent so a retried request (same
 * Idempotency-Key, same check id) finishes what a stop left undone: the follow-up settles the
 * check it follows up, 不符合 opens a disposal case, and the business's record gains the check
 * (re-grading it, moving its standing, and making its inspectors the last ones for 回避).
 */
export async function recordCheckCommand(
  ctx: FoodDrugContext,
  caller: Caller,
  input: CheckInput & { creditCode: string },
  seed: string | undefined,
): Promise<{ check: Check; created: boolean }> {
  const business = await businessFor(ctx, input.creditCode, '/creditCode');
  const id = newId('chk', seed);
  const now = ctx.clock.now();
  const caseId = input.outcome === 'non-conforming' ? `case-${id}` : null;
  if (input.followUpOf !== null) {
    const original = await ctx.checks.find(input.followUpOf);
    if (!original) {
      throw new InvalidInput(`Check ${input.followUpOf} does not exist`, [
        { pointer: '/followUpOf', reason: 'is not a check' },
      ]);
    }
    // Refused before anything is written: what settling the original would refuse.
    if (original.followUpCheckId !== id) {
      followedUp(original, { id, outcome: input.outcome, business: businessRefOf(business) });
    }
  }
  const decision = recordCheck(
    { ...input, id, zoneId: ctx.zoneId, caseId },
    business,
    ctx.rules.current().followUpDays,
    caller.actor,
    now,
  );
  const { state: check, created } = await createOnce(ctx.checks, caller, decision, now);
  await checkEffects(ctx, caller, check);
  return { check, created };
}

/** What a recorded check sets off; every step is idempotent. */
export async function checkEffects(ctx: FoodDrugContext, caller: Caller, check: Check): Promise<void> {
  if (check.followUpOf !== null) {
    try {
      await ctx.checks.change(
        caller,
        check.followUpOf,
        (original) => {
          if (original.followUpCheckId === check.id) throw new NoChange(`Check ${original.id}`);
          return followedUp(original, check);
        },
        { retries: 3 },
      );
    } catch (error) {
      if (!(error instanceof NoChange)) throw error;
    }
  }
  if (check.caseId !== null) {
    const business = await ctx.businesses.find(check.business.creditCode);
    if (business) await openCaseOnce(ctx, caller, check.caseId, business, { kind: 'check', ref: check.id });
  }
  await feedRecord(
    ctx,
    caller,
    check.business.creditCode,
    { kind: 'check', ref: check.id, date: check.date, result: check.outcome, void: false },
    { inspectors: check.inspectors.map((p) => p.id) },
  );
}

export async function openCaseOnce(
  ctx: FoodDrugContext,
  caller: Caller,
  id: string,
  business: Business,
  cause: { kind: 'sample' | 'check'; ref: string },
): Promise<void> {
  const now = ctx.clock.now();
  const decision = openCase(
    { id, zoneId: ctx.zoneId, business: businessRefOf(business), cause },
    ctx.rules.current().disposal,
    caller.actor,
    now,
  );
  await createOnce(ctx.disposalCases, caller, decision, now);
}
