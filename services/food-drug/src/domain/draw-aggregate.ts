import { zoneDay } from '@zone-risk/calendar';
import { businessKind, drawStatus, type PersonRef, personRef, riskGrade } from '@zone-risk/contracts';
import {
  type Decision as DecisionOf,
  decided,
  InvalidInput,
  stateMachine,
} from '@zone-risk/domain-service/domain';
import { z } from 'zod';
import { canonicalLists, commitment, type DrawLists, normaliseSeed, pick } from './draw.ts';
import type { DrawFact } from './facts.ts';

// A random draw (双随机一公开) as an aggregate: committed to its lists, drawn once with its seed,
// then published. It is never drawn again: another seed is another draw, and both stay visible.

export const DRAW_ACTIONS = ['draw', 'publish'] as const;
export const drawMachine = stateMachine({
  noun: 'draw',
  states: drawStatus.options,
  actions: DRAW_ACTIONS,
  transitions: { committed: { draw: 'drawn' }, drawn: { publish: 'published' }, published: {} },
});

export const drawFilter = z.object({
  kinds: z.array(businessKind),
  grades: z.array(riskGrade),
  areas: z.array(z.string()),
});
export type DrawFilter = z.infer<typeof drawFilter>;

const seedPlan = z.object({
  kind: z.enum(['public', 'server']),
  source: z.string().nullable(),
  drawDate: z.string().nullable(),
});
export type SeedPlan = z.infer<typeof seedPlan>;

const namedPick = z.object({
  business: z.object({ creditCode: z.string(), name: z.string() }),
  rank: z.string(),
  inspectors: z.array(personRef),
});
export type NamedPick = z.infer<typeof namedPick>;

export const drawState = z.object({
  id: z.string(),
  zoneId: z.string(),
  title: z.string(),
  filter: drawFilter,
  count: z.int(),
  perBusiness: z.int(),
  lists: z.object({
    businesses: z.array(z.object({ id: z.string(), name: z.string(), avoid: z.array(z.string()) })),
    inspectors: z.array(z.object({ id: z.string(), name: z.string() })),
    count: z.int(),
    perBusiness: z.int(),
  }),
  commitment: z.string(),
  seedPlan,
  seed: z
    .object({
      kind: z.enum(['public', 'server']),
      value: z.string(),
      source: z.string().nullable(),
      drawDate: z.string().nullable(),
    })
    .nullable(),
  picks: z.array(namedPick).nullable(),
  status: drawStatus,
  channel: z.string().nullable(),
  committedBy: personRef,
  committedAt: z.date(),
  drawnBy: personRef.nullable(),
  drawnAt: z.date().nullable(),
  publishedBy: personRef.nullable(),
  publishedAt: z.date().nullable(),
  version: z.int(),
});
export type Draw = z.infer<typeof drawState>;
export type DrawDecision = DecisionOf<Draw, DrawFact>;

/** Commit: the lists are fixed and hashed before any seed exists. */
export function commitDraw(
  input: {
    id: string;
    zoneId: string;
    title: string;
    filter: DrawFilter;
    lists: DrawLists;
    seedPlan: SeedPlan;
  },
  actor: PersonRef,
  now: Date,
): DrawDecision {
  const lists = canonicalLists(input.lists);
  if (input.seedPlan.kind === 'public') {
    const problems: { pointer: string; reason: string }[] = [];
    if (!input.seedPlan.source)
      problems.push({ pointer: '/seed/source', reason: 'name the public value, e.g. 中国福利彩票双色球' });
    if (!input.seedPlan.drawDate)
      problems.push({ pointer: '/seed/drawDate', reason: 'give the date it will be drawn' });
    else if (input.seedPlan.drawDate <= zoneDay(now)) {
      // Not today either: a lottery drawn tonight may be known before a commitment made late today.
      problems.push({
        pointer: '/seed/drawDate',
        reason: 'must be after the day of the commitment: the seed must not be known yet',
      });
    }
    if (problems.length > 0) throw new InvalidInput('A public seed must come after the commitment', problems);
  }
  const draw: Draw = {
    id: input.id,
    zoneId: input.zoneId,
    title: input.title,
    filter: input.filter,
    count: lists.count,
    perBusiness: lists.perBusiness,
    lists,
    commitment: commitment(lists),
    seedPlan: input.seedPlan,
    seed: null,
    picks: null,
    status: 'committed',
    channel: null,
    committedBy: actor,
    committedAt: now,
    drawnBy: null,
    drawnAt: null,
    publishedBy: null,
    publishedAt: null,
    version: 1,
  };
  return decided(draw, {
    name: 'DrawCommitted',
    facts: { seedPlan: input.seedPlan, committedAt: now.toISOString(), committedBy: actor },
  });
}

/** The names the picks carry, from the committed lists. */
export function namedPicks(draw: Pick<Draw, 'lists'>, seed: string): NamedPick[] {
  const businesses = new Map(draw.lists.businesses.map((b) => [b.id, b.name]));
  const inspectors = new Map(draw.lists.inspectors.map((i) => [i.id, i.name]));
  return pick(draw.lists, seed).picks.map((p) => ({
    business: { creditCode: p.business, name: businesses.get(p.business) ?? p.business },
    rank: p.rank,
    inspectors: p.inspectors.map((id) => ({ id, name: inspectors.get(id) ?? id })),
  }));
}

/**
 * The seed is recorded and the pick computed. A public seed is the value the plan named (entered
 * once it is drawn, not before its date); a server seed comes from the CSPRNG (the command passes it).
 */
export function drawWithSeed(
  draw: Draw,
  seedInput: { value: string },
  actor: PersonRef,
  now: Date,
): DrawDecision {
  const status = drawMachine.transition(draw.status, 'draw');
  const plan = draw.seedPlan;
  if (plan.kind === 'public' && plan.drawDate !== null && zoneDay(now) < plan.drawDate) {
    throw new InvalidInput(`The public value is drawn on ${plan.drawDate}; enter it after that`, [
      { pointer: '/value', reason: 'is entered before its draw date' },
    ]);
  }
  const seed = normaliseSeed(
    plan.kind === 'public'
      ? { kind: 'public', value: seedInput.value, source: plan.source ?? '', drawDate: plan.drawDate ?? '' }
      : { kind: 'server', value: seedInput.value },
  );
  const picks = namedPicks(draw, seed.value);
  return decided(
    { ...draw, status, seed, picks, drawnBy: actor, drawnAt: now },
    { name: 'DrawDrawn', facts: { seed, picks, drawnBy: actor } },
  );
}

/** 公开: the result is made public, as drawn. */
export function publishDraw(
  draw: Draw,
  body: { channel?: string | null | undefined },
  actor: PersonRef,
  now: Date,
): DrawDecision {
  const status = drawMachine.transition(draw.status, 'publish');
  const channel = body.channel ?? null;
  return decided(
    { ...draw, status, channel, publishedBy: actor, publishedAt: now },
    {
      name: 'DrawPublished',
      facts: { seed: draw.seed?.value ?? '', picks: draw.picks ?? [], channel, publishedBy: actor },
    },
  );
}
