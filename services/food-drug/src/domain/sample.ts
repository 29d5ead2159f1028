import { zoneDay } from '@zone-risk/calendar';
import { type PersonRef, personRef, sampleItem, sampleVerdict } from '@zone-risk/contracts';
import { type Decision as DecisionOf, decided, InvalidInput } from '@zone-risk/domain-service/domain';
import { z } from 'zod';
import type { Business } from './business.ts';
import { businessRef, businessRefOf } from './check.ts';
import type { SampleFact } from './facts.ts';

// A sample (抽检) and its lab result, recorded once. Unqualified opens a disposal case (the
// command does) and feeds the business's dynamic risk at once.

export const sampleState = z.object({
  id: z.string(),
  zoneId: z.string(),
  business: businessRef,
  product: z.string(),
  batch: z.string(),
  productionDate: z.string().nullable(),
  sampledOn: z.string(),
  lab: z.string(),
  items: z.array(sampleItem),
  verdict: sampleVerdict,
  caseId: z.string().nullable(),
  recordedBy: personRef,
  recordedAt: z.date(),
  version: z.int(),
});
export type Sample = z.infer<typeof sampleState>;
export type SampleDecision = DecisionOf<Sample, SampleFact>;
export type SampleInput = Pick<
  Sample,
  'product' | 'batch' | 'productionDate' | 'sampledOn' | 'lab' | 'items'
>;

/** The case an unqualified sample opens: one per sample, so a re-run opens none twice. */
export const caseIdOfSample = (sampleId: string) => `case-${sampleId}`;

/** The verdict is the items': one unqualified item makes the sample unqualified. */
export function recordSample(
  input: SampleInput & { id: string; zoneId: string },
  business: Business,
  actor: PersonRef,
  now: Date,
): SampleDecision {
  const problems: { pointer: string; reason: string }[] = [];
  if (input.sampledOn > zoneDay(now)) problems.push({ pointer: '/sampledOn', reason: 'is in the future' });
  if (input.productionDate !== null && input.productionDate > input.sampledOn) {
    problems.push({ pointer: '/productionDate', reason: 'is after the sample was taken' });
  }
  const names = new Set<string>();
  input.items.forEach((item, i) => {
    if (names.has(item.item)) problems.push({ pointer: `/items/${i}/item`, reason: 'is tested twice' });
    names.add(item.item);
  });
  if (problems.length > 0) throw new InvalidInput('The sample cannot be recorded as given', problems);
  const verdict = input.items.every((item) => item.qualified) ? 'qualified' : 'unqualified';
  const sample: Sample = {
    ...input,
    id: input.id,
    zoneId: input.zoneId,
    business: businessRefOf(business),
    verdict,
    caseId: verdict === 'unqualified' ? caseIdOfSample(input.id) : null,
    recordedBy: actor,
    recordedAt: now,
    version: 1,
  };
  return decided(sample, { name: 'SampleRecorded', facts: { items: input.items, recordedBy: actor } });
}
