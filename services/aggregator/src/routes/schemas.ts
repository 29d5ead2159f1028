import { knownRiskLevel, riskLevel } from '@zone-risk/contracts';
import { z } from 'zod';

// Response shapes: one zod schema each, from which the OpenAPI document is generated.

export const READERS = ['risk-office', 'admin'] as const;

export const itemRefSchema = z.object({
  domain: z.string().describe('Domain that owns the item'),
  aggregateType: z.string().describe('Kind of item, e.g. hazard'),
  aggregateId: z.string().describe('Id of the item in its service'),
});

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const attributeValue = z.union([scalar, z.array(scalar)]).describe('A scalar, or a list (e.g. categories)');

export const itemViewSchema = itemRefSchema.extend({
  version: z.int().describe('Aggregate version of the last event applied'),
  open: z.boolean(),
  label: z.string().nullable().describe('Title of the item, e.g. the hazard description'),
  enterprise: z.object({ creditCode: z.string(), name: z.string().nullable() }).nullable(),
  attributes: z
    .record(z.string(), attributeValue)
    .describe('The attributes the policy keeps for the item type'),
  updatedAt: z.string().describe('Time of the last event applied'),
  closedAt: z.string().nullable(),
  level: knownRiskLevel.describe('Highest level among the fired rules and overrides holding the item'),
  rules: z.array(z.string()).describe('Rules and overrides whose sets hold the item'),
  link: z.string().nullable().describe('The item in the service that owns it'),
});

const linkedRefSchema = itemRefSchema.extend({ link: z.string().nullable() });
const explainedItem = z.union([itemViewSchema, linkedRefSchema]);

const contributionBase = z.object({
  rule: z.string().describe('Policy rule id'),
  kind: z.enum(['count', 'value']),
  description: z.string(),
  count: z.int().describe('Items matching the rule'),
  value: z.number().nullable().describe('Aggregated attribute (value rules)'),
  level: knownRiskLevel.nullable().describe('Level the rule reached; null below its first threshold'),
  points: z.number().describe('Score points the rule adds'),
  more: z.boolean().describe('More items match than are listed; page with /status/explain?rule='),
});

const freshnessSchema = z.object({
  lastEventAt: z.string().nullable(),
  lastHeartbeatAt: z.string().nullable(),
  stale: z.boolean().describe('Nothing arrived within the staleness window: the level is unknown'),
});

const domainStatusSchema = z.object({
  level: riskLevel,
  score: z.number().nullable(),
  freshness: freshnessSchema,
  contributions: z.array(contributionBase.extend({ items: z.array(itemRefSchema) })),
});

const overrideBase = z.object({
  rule: z.string(),
  kind: z.enum(['items', 'domain-level']),
  description: z.string(),
  level: knownRiskLevel,
  count: z.int(),
});

export const statusSchema = z
  .object({
    sequence: z.int().describe('Sequence of the last recorded change (the /stream event id)'),
    level: riskLevel.describe('Zone level: the worst domain level, raised by overrides'),
    score: z.number().nullable().describe('Zone score 0-100; null when unknown'),
    policyVersion: z.string(),
    asOf: z.string().describe('The instant the status describes'),
    catchingUp: z
      .boolean()
      .describe('Replaying events already reflected here (after a restart or during a rebuild)'),
    overrides: z.array(overrideBase.extend({ items: z.array(itemRefSchema) })),
    domains: z.record(z.string(), domainStatusSchema),
  })
  .meta({
    examples: [
      {
        sequence: 42,
        level: 'significant',
        score: 50,
        policyVersion: '1',
        asOf: '2025-06-03T08:15:00.000Z',
        catchingUp: false,
        overrides: [],
        domains: {
          safety: {
            level: 'significant',
            score: 50,
            freshness: {
              lastEventAt: '2025-06-03T08:14:51.000Z',
              lastHeartbeatAt: '2025-06-03T08:14:58.000Z',
              stale: false,
            },
            contributions: [
              {
                rule: 'safety.major-open',
                kind: 'count',
                description: 'Any open major hazard (重大事故隐患) → at least significant (orange)',
                count: 1,
                value: null,
                level: 'significant',
                points: 15,
                items: [{ domain: 'safety', aggregateType: 'hazard', aggregateId: 'hz-20250603-0007' }],
                more: false,
              },
            ],
          },
        },
      },
    ],
  });

export const explanationSchema = statusSchema
  .omit({ overrides: true, domains: true, sequence: true })
  .extend({
    sequence: z.int(),
    overrides: z.array(overrideBase.extend({ items: z.array(explainedItem) })),
    domains: z.record(
      z.string(),
      domainStatusSchema.omit({ contributions: true }).extend({
        openItems: z.int(),
        counters: z.array(
          z.object({ type: z.string(), values: z.record(z.string(), attributeValue), count: z.int() }),
        ),
        contributions: z.array(contributionBase.extend({ items: z.array(explainedItem) })),
      }),
    ),
  });

export const rulePageSchema = z.object({
  rule: z.string(),
  description: z.string(),
  level: knownRiskLevel.nullable().describe('Level the rule or override reached now'),
  count: z.int(),
  items: z.array(itemViewSchema),
  nextCursor: z.string().nullable(),
});

export const itemPageSchema = z.object({ items: z.array(itemViewSchema), nextCursor: z.string().nullable() });

export const seriesPointSchema = z.object({
  sequence: z.int(),
  at: z.string(),
  level: riskLevel,
  score: z.number().nullable(),
  domains: z.record(z.string(), z.object({ level: riskLevel, score: z.number().nullable() })),
});

export const rebuildSchema = z.object({
  state: z.enum(['running', 'finished']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  total: z.int().describe('Events to read, up to where the live model stood'),
  done: z.int(),
  percent: z.number(),
  partitions: z.array(
    z.object({ topic: z.string(), partition: z.int(), from: z.string(), to: z.string(), at: z.string() }),
  ),
});
