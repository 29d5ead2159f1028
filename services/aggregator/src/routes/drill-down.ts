import { creditCode, knownRiskLevel, riskLevelOrder } from '@zone-risk/contracts';
import {
  decodeCursor,
  encodeCursor,
  NotFoundError,
  pageQuerySchema,
  type ServiceRoutes,
} from '@zone-risk/platform';
import { z } from 'zod';
import { explainStatus, firedLevels, queryItems, ruleMembersPage, viewItem } from '../domain/drill-down.ts';
import type { Aggregator } from '../engine/aggregator.ts';
import { explanationSchema, itemPageSchema, itemViewSchema, READERS, rulePageSchema } from './schemas.ts';

function afterKey(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const [key] = decodeCursor(cursor);
  return String(key);
}

const cursorOf = (key: string | null): string | null => (key === null ? null : encodeCursor([key]));

/** "Why is it orange?": GET /status/explain, GET /items, GET /enterprises/:creditCode/risk. */
export function drillDownRoutes(aggregator: Aggregator): ServiceRoutes {
  return async (app) => {
    app.get(
      '/status/explain',
      {
        config: { roles: READERS },
        schema: {
          tags: ['drill-down'],
          summary: 'Zone → domain → rule → items, with links to the owning services',
          description:
            'Without `rule`: the current status with every listed item resolved (state, level, link), the per-domain counters and open item count; `domain` narrows it to one domain. With `rule` (a rule or override id): every item the rule holds, a page at a time, by item key.',
          querystring: pageQuerySchema.extend({
            domain: z.string().optional().describe('Only this domain'),
            rule: z.string().optional().describe('Page through the items of this rule or override'),
          }),
          response: { 200: z.union([rulePageSchema, explanationSchema]) },
        },
      },
      async (request) => {
        const { domain, rule, limit, cursor } = request.query;
        const status = aggregator.current();
        const model = aggregator.model();
        if (domain !== undefined && !(domain in status.domains)) {
          throw new NotFoundError(`Domain ${domain} is not in policy version ${status.policyVersion}`);
        }
        if (rule === undefined) {
          return {
            ...explainStatus(model, status, aggregator.linkFor, domain),
            sequence: status.sequence,
            catchingUp: status.catchingUp,
          };
        }
        const page = ruleMembersPage(model, rule, { limit, after: afterKey(cursor) });
        const matcher = model.compiled.matchers.find((m) => m.id === rule);
        if (!page || !matcher) throw new NotFoundError(`No rule or override ${rule} in the active policy`);
        const fired = firedLevels(status);
        const source = matcher.source.scope === 'rule' ? matcher.source.rule : matcher.source.override;
        return {
          rule,
          description: source.description,
          level: fired.get(rule) ?? null,
          count: model.matchers.get(rule)?.members.size ?? 0,
          items: page.items.map((item) => viewItem(model, item, fired, aggregator.linkFor)),
          nextCursor: cursorOf(page.next),
        };
      },
    );

    app.get(
      '/items',
      {
        config: { roles: READERS },
        schema: {
          tags: ['drill-down'],
          summary: 'Items of the read model, filtered, a page at a time',
          querystring: pageQuerySchema.extend({
            domain: z.string().optional(),
            level: knownRiskLevel.optional().describe("The item's level (see the `level` of an item)"),
            overdue: z.stringbool().optional().describe('Only items whose `overdue` attribute is this'),
            open: z.stringbool().optional().describe('Only open (true) or closed (false) items'),
            enterprise: creditCode.optional().describe('Only items of this enterprise'),
          }),
          response: { 200: itemPageSchema },
        },
      },
      async (request) => {
        const { limit, cursor, ...filter } = request.query;
        const model = aggregator.model();
        const fired = firedLevels(aggregator.current());
        const page = queryItems(model, fired, filter, { limit, after: afterKey(cursor) });
        return {
          items: page.items.map((item) => viewItem(model, item, fired, aggregator.linkFor)),
          nextCursor: cursorOf(page.next),
        };
      },
    );

    app.get(
      '/enterprises/:creditCode/risk',
      {
        config: { roles: READERS },
        schema: {
          tags: ['drill-down'],
          summary: 'One enterprise across every domain',
          params: z.object({ creditCode }),
          response: {
            200: z.object({
              creditCode: z.string(),
              name: z.string().nullable(),
              level: knownRiskLevel.describe('Highest level among its open items'),
              openItems: z.int(),
              domains: z.record(
                z.string(),
                z.object({
                  level: knownRiskLevel,
                  open: z.int(),
                  closed: z.int(),
                  items: z.array(itemViewSchema),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const code = request.params.creditCode;
        const model = aggregator.model();
        const fired = firedLevels(aggregator.current());
        const keys = [...(model.byEnterprise.get(code) ?? [])].sort();
        const domains: Record<
          string,
          {
            level: z.infer<typeof knownRiskLevel>;
            open: number;
            closed: number;
            items: z.infer<typeof itemViewSchema>[];
          }
        > = {};
        let level: z.infer<typeof knownRiskLevel> = 'low';
        let name: string | null = null;
        let openItems = 0;
        for (const key of keys) {
          const item = model.items.get(key);
          if (!item) continue;
          const view = viewItem(model, item, fired, aggregator.linkFor);
          name = item.enterprise?.name ?? name;
          const entry = domains[item.domain] ?? { level: 'low', open: 0, closed: 0, items: [] };
          domains[item.domain] = entry;
          entry.items.push(view);
          if (item.open) {
            entry.open++;
            openItems++;
            if (riskLevelOrder(view.level) > riskLevelOrder(entry.level)) entry.level = view.level;
            if (riskLevelOrder(view.level) > riskLevelOrder(level)) level = view.level;
          } else {
            entry.closed++;
          }
        }
        return { creditCode: code, name, level, openItems, domains };
      },
    );
  };
}
