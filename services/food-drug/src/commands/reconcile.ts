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
 * second undone; every effect is idempotent, so at start the newest of each are applied again and
 * what was done already changes nothing. (A client's retry with the same Idempotency-Key does the
 * same for its own request.)
 */
export async function reconcileEffects(ctx: FoodDrugContext): Promise<void> {
  const recentChecks = await ctx.checks.list({}, { limit: RECENT }, { field: 'recordedAt', direction: -1 });
  for (const check of recentChecks.items) await checkEffects(ctx, SYSTEM, check);
  const recentSamples = await ctx.samples.list(
    { verdict: 'unqualified' },
    { limit: RECENT },
    { field: 'recordedAt', direction: -1 },
  );
  for (const sample of recentSamples.items) await sampleEffects(ctx, SYSTEM, sample);
  const closed = await ctx.disposalCases.list(
    { status: 'closed' },
    { limit: RECENT },
    { field: 'closedAt', direction: -1 },
  );
  for (const c of closed.items) await caseEffects(ctx, SYSTEM, c);
}
