import { z } from 'zod';
import { isoDate, isoDateTime, personRef } from '../../fields/common.ts';
import { businessKind, foodDrugEvent, riskGrade } from './fields.ts';

// Random draws (双随机一公开): committed to their candidate lists before the seed exists, seeded
// once, then published. Anyone can recompute a pick from the lists and the seed.

export const drawStatus = z
  .enum(['committed', 'drawn', 'published'])
  .describe('committed 已锁定名单 (seed not yet known); drawn 已抽取; published 已公开');

const sha256 = z
  .string()
  .regex(/^[0-9a-f]{64}$/)
  .describe('SHA-256, lower-case hex');

const drawState = {
  title: z.string().min(1).describe('What the draw is for, e.g. 2026年第四季度食品经营双随机抽查'),
  filter: z
    .object({
      kinds: z.array(businessKind).describe('Kinds drawn from; empty: every kind'),
      grades: z.array(riskGrade).describe('Grades drawn from; empty: every grade'),
      areas: z.array(z.string().min(1)).describe('Areas drawn from; empty: every area'),
    })
    .describe('Which businesses were candidates'),
  count: z.int().min(1).describe('Businesses to pick'),
  perBusiness: z.int().min(2).describe('Inspectors per business'),
  candidates: z.int().min(0).describe('Businesses in the committed list'),
  pool: z.int().min(0).describe('Inspectors in the committed list'),
  commitment: sha256.describe('SHA-256 of the committed lists (see docs/draws.md for the exact text)'),
  status: drawStatus,
  version: z.int().min(1),
};

export type DrawStateKey = keyof typeof drawState;

const drawEvent = foodDrugEvent('food-drug-draw', drawState);

export const drawPick = z.object({
  business: z.object({ creditCode: z.string().min(1), name: z.string().min(1) }),
  rank: sha256.describe('SHA-256(seed + "/" + credit code): the business’s place in the draw'),
  inspectors: z.array(personRef).min(1),
});

export const drawCommitted = drawEvent(
  'DrawCommitted',
  'A random draw committed to its ordered candidate lists; the seed does not exist yet',
  {
    seedPlan: z
      .object({
        kind: z
          .enum(['public', 'server'])
          .describe('public: a value published later (e.g. a lottery); server: the CSPRNG'),
        source: z.string().nullable().describe('Which public value, e.g. 中国福利彩票双色球'),
        drawDate: isoDate.nullable().describe('The date the public value will be drawn'),
      })
      .describe('Where the seed will come from'),
    committedAt: isoDateTime,
    committedBy: personRef,
  },
);

export const drawDrawn = drawEvent(
  'DrawDrawn',
  'The seed of a committed draw was recorded and the pick computed',
  {
    seed: z
      .object({
        kind: z.enum(['public', 'server']),
        value: z.string().min(1).describe('The seed as normalised (what the pick hashes)'),
        source: z.string().nullable(),
        drawDate: isoDate.nullable(),
      })
      .describe('The seed'),
    picks: z.array(drawPick),
    drawnBy: personRef,
  },
);

export const drawPublished = drawEvent(
  'DrawPublished',
  'The result of the draw was made public (公开): who was drawn, by whom checked',
  {
    seed: z.string().min(1).describe('The seed as normalised'),
    picks: z.array(drawPick),
    channel: z.string().nullable().describe('Where it was published'),
    publishedBy: personRef,
  },
);

export const drawEvents = [drawCommitted, drawDrawn, drawPublished] as const;
