import { knownRiskLevel, riskLevelOrder } from '@zone-risk/contracts';
import { z } from 'zod';

// The risk policy: a versioned JSON document that turns the read model into levels, scores and
// contributions. Everything DOMAIN.md marks configurable lives here, as data: rule kinds with
// parameters, never code per policy. One zod schema is the document's single source of truth
// (PUT /policy validation, the OpenAPI body, the stored form and the TypeScript type).

const domainName = z
  .string()
  .regex(/^[a-z][a-z-]*$/, 'must be lower-case letters and dashes, like the domain of the event types')
  .describe('Domain name as it appears in event types zone.<domain>.*, e.g. safety, food-drug');

const attributeName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'must be a plain field name of the event payload')
  .describe('A top-level field of the event payload, e.g. grade');

const ruleId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9.-]{0,99}$/, 'must be lower-case letters, digits, dots and dashes')
  .describe('Stable id of the rule; contributions and overrides name it');

const payloadPath = z
  .string()
  .regex(
    /^[A-Za-z][A-Za-z0-9_]{0,63}(\.[A-Za-z][A-Za-z0-9_]{0,63}){0,7}$/,
    'must be a field of the event payload, dotted for a nested one (business.categories)',
  )
  .describe('A field of the event payload, dotted for a nested one, e.g. business.categories');

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

const includesCondition = z
  .object({ includes: z.union([scalar, z.array(scalar).min(1)]) })
  .strict()
  .describe('The attribute is a list that holds the value, or one of the values');

const withinDaysCondition = z
  .object({ withinDays: z.int().min(1).max(3660) })
  .strict()
  .describe(
    'The attribute is a zone day (YYYY-MM-DD) among the last N zone days, today counted as the first, or an instant less than N days ago; an item leaves as time passes, without an event',
  );

/**
 * `{ attribute: value }`, `{ attribute: [value, …] }`, `{ attribute: { includes: … } }` or
 * `{ attribute: { withinDays: n } }`: every listed condition must hold.
 */
export const whereSchema = z
  .record(attributeName, z.union([scalar, z.array(scalar).min(1), includesCondition, withinDaysCondition]))
  .describe(
    'Conditions on item attributes, all of which must hold: a value (equals), a list (equals one of), { includes } (a list attribute holds one of the values) or { withinDays } (a day or instant in the last N days). `open` is built in: true until the item matches its type’s closedWhen',
  );
export type Where = z.infer<typeof whereSchema>;

const levelThreshold = z.object({
  atLeast: z.int().min(1).describe('Matching items needed'),
  level: knownRiskLevel.describe('Level the domain reaches at least'),
});

const valueBand = z.object({
  atLeast: z.number().describe('Lowest aggregated value of the band'),
  level: knownRiskLevel.describe('Level the domain reaches at least'),
});

const countRule = z
  .object({
    id: ruleId,
    kind: z.literal('count'),
    description: z.string().min(1).describe('What the rule means, shown in the drill-down'),
    aggregateType: z.string().min(1).describe('Item type the rule counts, e.g. hazard'),
    where: whereSchema,
    levels: z
      .array(levelThreshold)
      .default([])
      .describe('Count thresholds, ascending; the highest reached sets the rule’s level'),
    points: z
      .object({
        perItem: z.number().min(0).max(100).describe('Score points per matching item'),
        max: z.number().min(0).max(100).describe('Most points the rule can add'),
      })
      .optional()
      .describe('Score: perItem × count, capped at max'),
  })
  .describe('Counts the items that match `where`');

const valueRule = z
  .object({
    id: ruleId,
    kind: z.literal('value'),
    description: z.string().min(1).describe('What the rule means, shown in the drill-down'),
    aggregateType: z.string().min(1).describe('Item type whose attribute is aggregated'),
    where: whereSchema,
    attribute: attributeName.describe('Numeric attribute aggregated over the matching items'),
    aggregate: z.enum(['sum', 'max']).describe('How the values combine'),
    bands: z
      .array(valueBand)
      .default([])
      .describe('Value bands, ascending; the highest reached sets the rule’s level'),
    points: z
      .object({
        perUnit: z.number().min(0).describe('Score points per unit of the aggregated value'),
        max: z.number().min(0).max(100).describe('Most points the rule can add'),
      })
      .optional()
      .describe('Score: perUnit × value, capped at max'),
  })
  .describe('Aggregates a numeric attribute of the matching items (e.g. a debt ratio) into bands');

export const ruleSchema = z.discriminatedUnion('kind', [countRule, valueRule]);
export type Rule = z.infer<typeof ruleSchema>;

const itemType = z
  .object({
    attributes: z
      .array(attributeName)
      .min(1)
      .describe(
        'Payload fields kept per item, scalars or lists of scalars (state-carrying events: each event carries them all)',
      ),
    from: z
      .record(attributeName, payloadPath)
      .optional()
      .describe(
        'Kept attributes read from a nested field instead of the top level: attribute → dotted path, e.g. { "categories": "business.categories" }',
      ),
    closedWhen: whereSchema
      .optional()
      .describe(
        'When an item counts as closed (`open` false); absent, it never closes (an entry of a register, such as a business)',
      ),
    enterprise: z
      .union([payloadPath, z.literal('.')])
      .optional()
      .describe(
        'Payload field holding the item’s enterprise as { creditCode, name } — `.` for the payload itself (a business’s own events); default `enterprise`',
      ),
    label: attributeName
      .optional()
      .describe('Payload field shown as the item’s title; kept from the last event that carried it'),
    path: z
      .string()
      .regex(/^\/\S*\{id\}\S*$/, 'must be a path starting with / that contains {id}')
      .describe('Path of the item in the owning service, appended to the domain’s base URL'),
    counters: z
      .array(attributeName)
      .default([])
      .describe('Attributes whose combinations are counted per domain (open items only)'),
  })
  .describe('How the events of one aggregate type become items');

const domainPolicy = z.object({
  description: z.string().optional(),
  stalenessSeconds: z
    .int()
    .positive()
    .optional()
    .describe('Overrides the policy-wide staleness window for this domain'),
  items: z.record(z.string().min(1), itemType).describe('Item types of the domain, by aggregate type'),
  rules: z.array(ruleSchema).describe('Rules that turn the domain’s items into a level and a score'),
});

const itemsOverride = z
  .object({
    id: ruleId,
    kind: z.literal('items'),
    description: z.string().min(1),
    domain: domainName,
    aggregateType: z.string().min(1),
    where: whereSchema,
    atLeast: z.int().min(1).default(1).describe('Matching items needed to fire'),
    level: knownRiskLevel.describe('The zone is at least this level while the override fires'),
  })
  .describe('Fires while enough items match, whatever their domain’s level');

const domainLevelOverride = z
  .object({
    id: ruleId,
    kind: z.literal('domain-level'),
    description: z.string().min(1),
    domain: domainName,
    atLeast: knownRiskLevel.describe('Domain level that fires the override'),
    level: knownRiskLevel.describe('The zone is at least this level while the override fires'),
  })
  .describe('Fires while a domain is at or above a level (e.g. debt at red)');

export const overrideSchema = z.discriminatedUnion('kind', [itemsOverride, domainLevelOverride]);
export type Override = z.infer<typeof overrideSchema>;

/** The document's shape, without the cross-field checks (what responses are described with). */
export const policyShape = z.object({
  description: z.string().optional().describe('What changed in this version and why'),
  stalenessSeconds: z
    .int()
    .positive()
    .describe('A domain with no event or heartbeat for this long is `unknown`, never blue'),
  scoreFloors: z
    .object({
      low: z.number().min(0).max(100),
      general: z.number().min(0).max(100),
      significant: z.number().min(0).max(100),
      major: z.number().min(0).max(100),
    })
    .describe('Lowest score of each level, so the trend line never contradicts the colours'),
  domains: z.record(domainName, domainPolicy).describe('The domains of the zone status, by name'),
  zone: z.object({
    unknownDomains: z
      .enum(['hide-low', 'ignore'])
      .default('hide-low')
      .describe(
        'hide-low: while a domain is unknown the zone is unknown rather than low (never a false blue); ignore: the zone is the worst known domain',
      ),
    overrides: z.array(overrideSchema).describe('Hard overrides that raise the zone level'),
  }),
});

/** What PUT /policy takes: the document without its version, which the server assigns. */
export const policyInputSchema = policyShape.superRefine(checkPolicy).describe('A risk policy document');
export type PolicyInput = z.input<typeof policyShape>;
/** One domain of a policy document, as written (the shipped default is assembled from these). */
export type DomainPolicyInput = z.input<typeof domainPolicy>;
export type OverrideInput = z.input<typeof overrideSchema>;
export type PolicyDocument = z.output<typeof policyShape>;

/** A stored, active policy: the document and the version the server gave it. */
export interface Policy extends PolicyDocument {
  version: number;
}

type Ctx = z.RefinementCtx;

function checkAscending(
  ctx: Ctx,
  path: (string | number)[],
  steps: readonly { atLeast: number; level: string }[],
): void {
  steps.forEach((step, index) => {
    const previous = steps[index - 1];
    if (!previous) return;
    if (step.atLeast <= previous.atLeast) {
      ctx.addIssue({ code: 'custom', path: [...path, index, 'atLeast'], message: 'must be ascending' });
    }
    if (riskLevelOrder(step.level as never) < riskLevelOrder(previous.level as never)) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, index, 'level'],
        message: 'must not be lower than the level of a smaller threshold',
      });
    }
  });
}

function checkWhere(
  ctx: Ctx,
  path: (string | number)[],
  where: Where,
  known: ReadonlySet<string>,
  options: { timed: boolean } = { timed: true },
): void {
  for (const [attribute, condition] of Object.entries(where)) {
    if (!known.has(attribute)) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, attribute],
        message: `unknown attribute; the item type keeps ${[...known].join(', ')}`,
      });
    }
    const operator = condition !== null && typeof condition === 'object' && !Array.isArray(condition);
    if (attribute === 'open' && operator) {
      ctx.addIssue({ code: 'custom', path: [...path, attribute], message: '`open` is true or false' });
    } else if (!options.timed && operator && 'withinDays' in condition) {
      // `open` moves only with an event (its counters, its retention): time cannot close an item.
      ctx.addIssue({
        code: 'custom',
        path: [...path, attribute, 'withinDays'],
        message: 'a time window cannot close an item; use it in a rule or an override',
      });
    }
  }
}

// Cross-field rules zod's shape cannot say: references resolve, ids are unique, steps ascend.
// Every problem is reported, so a 400 lists them all at once.
function checkPolicy(policy: PolicyDocument, ctx: Ctx): void {
  const ids = new Map<string, string>();
  const claim = (id: string, path: (string | number)[]) => {
    const earlier = ids.get(id);
    if (earlier)
      ctx.addIssue({ code: 'custom', path, message: `duplicate rule id, also used at ${earlier}` });
    else ids.set(id, `/${path.join('/')}`);
  };
  const floors = policy.scoreFloors;
  if (
    !(
      floors.low <= floors.general &&
      floors.general <= floors.significant &&
      floors.significant <= floors.major
    )
  ) {
    ctx.addIssue({ code: 'custom', path: ['scoreFloors'], message: 'must not decrease from low to major' });
  }
  const domains = Object.entries(policy.domains);
  if (domains.length === 0)
    ctx.addIssue({ code: 'custom', path: ['domains'], message: 'name at least one domain' });

  for (const [name, domain] of domains) {
    for (const [type, item] of Object.entries(domain.items)) {
      if (item.closedWhen) {
        checkWhere(
          ctx,
          ['domains', name, 'items', type, 'closedWhen'],
          item.closedWhen,
          new Set(item.attributes),
          { timed: false },
        );
      }
      for (const attribute of Object.keys(item.from ?? {})) {
        if (!item.attributes.includes(attribute)) {
          ctx.addIssue({
            code: 'custom',
            path: ['domains', name, 'items', type, 'from', attribute],
            message: 'must be one of the attributes',
          });
        }
      }
      item.counters.forEach((counter, index) => {
        if (!item.attributes.includes(counter)) {
          ctx.addIssue({
            code: 'custom',
            path: ['domains', name, 'items', type, 'counters', index],
            message: 'must be one of the attributes',
          });
        }
      });
    }
    domain.rules.forEach((rule, index) => {
      const path = ['domains', name, 'rules', index];
      claim(rule.id, [...path, 'id']);
      const item = domain.items[rule.aggregateType];
      if (!item) {
        ctx.addIssue({
          code: 'custom',
          path: [...path, 'aggregateType'],
          message: `not an item type of domain ${name}`,
        });
        return;
      }
      const known = new Set(['open', ...item.attributes]);
      checkWhere(ctx, [...path, 'where'], rule.where, known);
      if (rule.kind === 'count') {
        checkAscending(ctx, [...path, 'levels'], rule.levels);
        if (rule.levels.length === 0 && !rule.points) {
          ctx.addIssue({ code: 'custom', path, message: 'a rule needs levels, points or both' });
        }
      } else {
        if (!item.attributes.includes(rule.attribute)) {
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'attribute'],
            message: 'must be one of the attributes',
          });
        }
        checkAscending(ctx, [...path, 'bands'], rule.bands);
        if (rule.bands.length === 0 && !rule.points) {
          ctx.addIssue({ code: 'custom', path, message: 'a rule needs bands, points or both' });
        }
      }
    });
  }

  policy.zone.overrides.forEach((override, index) => {
    const path = ['zone', 'overrides', index];
    claim(override.id, [...path, 'id']);
    const domain = policy.domains[override.domain];
    if (!domain) {
      ctx.addIssue({ code: 'custom', path: [...path, 'domain'], message: 'not a domain of this policy' });
      return;
    }
    if (override.kind === 'items') {
      const item = domain.items[override.aggregateType];
      if (!item) {
        ctx.addIssue({
          code: 'custom',
          path: [...path, 'aggregateType'],
          message: `not an item type of domain ${override.domain}`,
        });
        return;
      }
      checkWhere(ctx, [...path, 'where'], override.where, new Set(['open', ...item.attributes]));
    }
  });
}

/** Validates a document; the issues say where (JSON Pointer) and what, every one of them. */
export function parsePolicy(
  input: unknown,
): { ok: true; policy: PolicyDocument } | { ok: false; errors: { pointer: string; message: string }[] } {
  const result = policyInputSchema.safeParse(input);
  if (result.success) return { ok: true, policy: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => ({
      pointer: issue.path.map((segment) => `/${String(segment)}`).join(''),
      message: issue.message,
    })),
  };
}
