import type { Caller, ChangeOptions } from '@zone-risk/domain-service';
import { NoChange } from '@zone-risk/domain-service/domain';
import { OutboxConflictError } from '@zone-risk/messaging';
import { type Business, type BusinessContent, CATEGORIES, type RecordEntry } from '../domain/business.ts';
import {
  addRecord,
  registerBusiness as decideRegister,
  listSeriousViolation,
  updateDetails,
} from '../domain/business-decisions.ts';
import type { FoodDrugContext } from './context.ts';

export type Registered =
  | { outcome: 'created'; business: Business }
  | { outcome: 'updated'; business: Business }
  | { outcome: 'unchanged'; business: Business };

/**
 * A register line: the credit code is the id, so the same line registers one business. A line
 * for a business already registered updates the fields that differ (a new address, a new
 * licence) and re-grades it when its kind or categories changed; the same line again changes
 * nothing. Tries the insert first — an import of new lines is one write each.
 */
export async function registerBusiness(
  ctx: FoodDrugContext,
  caller: Caller,
  line: BusinessContent,
  origin: { via: 'api' | 'import'; importId: string | null } = { via: 'api', importId: null },
): Promise<Registered> {
  // Categories in the contract's order, each once: the same line in another order is the same line.
  const content: BusinessContent = {
    ...line,
    categories: CATEGORIES.filter((category) => line.categories.includes(category)),
  };
  const now = ctx.clock.now();
  const rules = ctx.rules.current();
  const decision = decideRegister({ ...content, zoneId: ctx.zoneId, ...origin }, rules, caller.actor, now);
  try {
    await ctx.businesses.create(caller, decision, now);
    return { outcome: 'created', business: decision.state };
  } catch (error) {
    if (!(error instanceof OutboxConflictError)) throw error;
  }
  try {
    const business = await ctx.businesses.change(
      caller,
      content.creditCode,
      (current, at) => updateDetails(current, content, origin.via, ctx.rules.current(), caller.actor, at),
      { retries: 3 },
    );
    return { outcome: 'updated', business };
  } catch (error) {
    if (!(error instanceof NoChange)) throw error;
    const business = await ctx.businesses.find(content.creditCode);
    if (!business) throw error;
    return { outcome: 'unchanged', business };
  }
}

/**
 * Adds an entry to a business's record and re-grades it; an entry already there is left as it is
 * (NoChange), so re-running whatever fed it counts it once. Returns the business after it.
 */
export async function feedRecord(
  ctx: FoodDrugContext,
  caller: Caller,
  creditCode: string,
  entry: RecordEntry,
  check?: { inspectors: string[] },
  options: ChangeOptions = {},
): Promise<Business | null> {
  try {
    return await ctx.businesses.change(
      caller,
      creditCode,
      (current, now) => addRecord(current, entry, ctx.rules.current(), caller.actor, now, check),
      // Record entries commute: a lost race is decided again on the newer business.
      { retries: 5, ...options },
    );
  } catch (error) {
    if (error instanceof NoChange) return ctx.businesses.find(creditCode);
    throw error;
  }
}

export async function setListing(
  ctx: FoodDrugContext,
  caller: Caller,
  creditCode: string,
  input: { listed: boolean; reason: string },
  options: { precondition?: (version: number) => void; ifMatch?: boolean },
): Promise<Business> {
  try {
    return await ctx.businesses.change(
      caller,
      creditCode,
      (current, now) => listSeriousViolation(current, input, ctx.rules.current(), caller.actor, now),
      options,
    );
  } catch (error) {
    if (!(error instanceof NoChange)) throw error;
    const business = await ctx.businesses.find(creditCode);
    if (!business) throw error;
    return business;
  }
}
