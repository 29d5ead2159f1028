import { type Caller, createOnce, newId } from '@zone-risk/domain-service';
import { recordSample, type Sample, type SampleInput } from '../domain/sample.ts';
import { feedRecord } from './businesses.ts';
import { businessFor, openCaseOnce } from './checks.ts';
import type { FoodDrugContext } from './context.ts';

/**
 * A sample's result is recorded; unqualified opens its disposal case and feeds the business's
 * record at once (re-grading it). Each step is idempotent: a retried request finishes the rest.
 */
export async function recordSampleCommand(
  ctx: FoodDrugContext,
  caller: Caller,
  input: SampleInput & { creditCode: string },
  seed: string | undefined,
): Promise<{ sample: Sample; created: boolean }> {
  const business = await businessFor(ctx, input.creditCode, '/creditCode');
  const { creditCode: _code, ...content } = input;
  const id = newId('smp', seed);
  const now = ctx.clock.now();
  const decision = recordSample({ ...content, id, zoneId: ctx.zoneId }, business, caller.actor, now);
  const { state: sample, created } = await createOnce(ctx.samples, caller, decision, now);
  await sampleEffects(ctx, caller, sample);
  return { sample, created };
}

export async function sampleEffects(ctx: FoodDrugContext, caller: Caller, sample: Sample): Promise<void> {
  if (sample.caseId === null) return;
  const business = await ctx.businesses.find(sample.business.creditCode);
  if (!business) return;
  await openCaseOnce(ctx, caller, sample.caseId, business, { kind: 'sample', ref: sample.id });
  const existing = business.record.find((e) => e.kind === 'sample' && e.ref === sample.id);
  // A qualified retest may have voided it already: the void stands.
  if (existing) return;
  await feedRecord(ctx, caller, business.creditCode, {
    kind: 'sample',
    ref: sample.id,
    date: sample.sampledOn,
    result: 'unqualified',
    void: false,
  });
}
