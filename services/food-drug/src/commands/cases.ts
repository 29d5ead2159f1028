import { zoneDay } from '@zone-risk/calendar';
import type { Caller } from '@zone-risk/domain-service';
import { type DisposalCase, recordEntriesOfClosedCase } from '../domain/disposal-case.ts';
import { feedRecord } from './businesses.ts';
import type { FoodDrugContext } from './context.ts';

/**
 * What a closed case feeds into its business's record: a penalty or a recall counts at once; a
 * case closed as unfounded (qualified retest) voids the unqualified sample that opened it.
 */
export async function caseEffects(ctx: FoodDrugContext, caller: Caller, c: DisposalCase): Promise<void> {
  if (c.status !== 'closed') return;
  const code = c.business.creditCode;
  if (c.closedAs === 'unfounded' && c.cause.kind === 'sample') {
    const sample = await ctx.samples.find(c.cause.ref);
    await feedRecord(ctx, caller, code, {
      kind: 'sample',
      ref: c.cause.ref,
      date: sample?.sampledOn ?? zoneDay(c.openedAt),
      result: 'unqualified',
      void: true,
    });
    return;
  }
  for (const entry of recordEntriesOfClosedCase(c)) {
    await feedRecord(ctx, caller, code, { ...entry, result: null, void: false });
  }
}
