import type { Caller } from '@zone-risk/domain-service';
import { caseEffects } from './cases.ts';
import { checkEffects } from './checks.ts';
import type { FoodDrugContext } from './context.ts';
import { sampleEffects } from './samples.ts';

/** How many of the newest checks, samples and cases a start looks at again. */
const RECENT = 200;

const SYSTEM: Caller = { actor: { id: 'system:reconcile', name: '启动核对' }, correlationId: 'reconcile' };

/**
 * A check, a sample or a case action writes its own aggregate first and then what it sets off in
 * others (the case it opens, the business's record). A process stopped between the two leaves the
 * second undone, and an effect that failed after its write (a lost race retried too often) leaves
 * it undone too; every effect is idempotent, so at start and then every ten sweep intervals the
 * newest of each are applied again and what was done already changes nothing. (A client's retry with the same Idempotency-Key does the
 * same for its own request.)
 */
export async function reconcileEffects(ctx: FoodDrugContext): Promise<number> {
  let failed = 0;
  // One that cannot be applied (logged) does not keep the others from being applied.
  const apply = async (what: string, id: string, effect: () => Promise<void>) => {
    try {
      await effect();
    } catch (error) {
      failed += 1;
      ctx.logger.warn({ err: error, [what]: id }, `the effects of ${what} ${id} could not be applied`);
    }
  };
  const recentChecks = await ctx.checks.list({}, { limit: RECENT }, { field: 'recordedAt', direction: -1 });
  for (const check of recentChecks.items)
    await apply('check', check.id, () => checkEffects(ctx, SYSTEM, check));
  const recentSamples = await ctx.samples.list(
    { verdict: 'unqualified' },
    { limit: RECENT },
    { field: 'recordedAt', direction: -1 },
  );
  for (const sample of recentSamples.items) {
    await apply('sample', sample.id, () => sampleEffects(ctx, SYSTEM, sample));
  }
  const closed = await ctx.disposalCases.list(
    { status: 'closed' },
    { limit: RECENT },
    { field: 'closedAt', direction: -1 },
  );
  for (const c of closed.items) await apply('case', c.id, () => caseEffects(ctx, SYSTEM, c));
  return failed;
}
