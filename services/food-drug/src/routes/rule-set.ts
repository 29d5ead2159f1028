import { personRef } from '@zone-risk/contracts';
import { callerOf } from '@zone-risk/domain-service';
import { etagFor, requireIfMatch, type ServiceRoutes, ValidationError } from '@zone-risk/platform';
import { z } from 'zod';
import type { StoredRules } from '../data/rule-sets.ts';
import { DEFAULT_RULES } from '../domain/default-rules.ts';
import { parseRuleSet, ruleSetSchema } from '../domain/rule-set.ts';
import { ROLES, type RouteDeps } from './deps.ts';
import { problems } from './schemas.ts';

const stored = z.object({
  version: z.int(),
  replacedAt: z.string(),
  replacedBy: personRef,
  rules: z.record(z.string(), z.unknown()).describe('The rule set document (docs/rules.md)'),
});
const current = stored.extend({
  regrade: z.object({
    pending: z.int().describe('Businesses still graded under an older version (re-graded in the background)'),
  }),
});

const show = ({ version, replacedAt, replacedBy, ...rules }: StoredRules) => ({
  version,
  replacedAt: replacedAt.toISOString(),
  replacedBy,
  rules,
});

export function ruleSetRoutes(deps: RouteDeps): ServiceRoutes {
  const { ctx, running } = deps;
  return async (app) => {
    app.get(
      '/rule-set',
      {
        config: { roles: ROLES.read },
        schema: {
          tags: ['rule set'],
          summary: 'The rule set in force (风险分级规则): scores, bands, overrides, frequencies, deadlines',
          response: { 200: current },
        },
      },
      async (_request, reply) => {
        const rules = ctx.rules.current();
        reply.header('etag', etagFor('rule-set', rules.version));
        return { ...show(rules), regrade: { pending: await running.regrader.pending() } };
      },
    );

    app.put(
      '/rule-set',
      {
        config: { roles: ROLES.supervise },
        schema: {
          tags: ['rule set'],
          summary: 'Replace the rule set with a new version',
          description:
            'The body is the whole document (the server assigns the next version). An invalid one is a 400 listing every problem with its JSON Pointer. If-Match is optional; stale, 412. Every business is then re-graded under it in the background (BusinessGradeChanged where the grade moves, BusinessRegraded where only the score does); `regrade.pending` counts down.',
          body: ruleSetSchema.meta({ examples: [DEFAULT_RULES] }),
          response: { 200: current, ...problems(400, 403, 409, 412) },
        },
        // The schema documents the body; parseRuleSet validates it, so that a wrong type does not
        // hide the cross-field problems (bands out of order, caps over 100) behind it.
        validatorCompiler: () => (data: unknown) => ({ value: data }),
      },
      async (request, reply) => {
        const before = ctx.rules.current();
        requireIfMatch(request, before.version, { required: false, id: 'rule-set' });
        const parsed = parseRuleSet(request.body);
        if (!parsed.ok) {
          throw new ValidationError(
            `The rule set has ${parsed.problems.length} problem(s)`,
            parsed.problems.map((p) => ({ location: 'body', pointer: p.pointer, message: p.reason })),
          );
        }
        const rules = await ctx.rules.replace(
          parsed.rules,
          before.version,
          callerOf(request).actor,
          ctx.clock.now(),
        );
        running.regrader.kick();
        reply.header('etag', etagFor('rule-set', rules.version));
        return { ...show(rules), regrade: { pending: await running.regrader.pending() } };
      },
    );

    app.get(
      '/rule-set/history',
      {
        config: { roles: ROLES.read },
        schema: {
          tags: ['rule set'],
          summary: 'Every version of the rule set, newest first',
          response: { 200: z.object({ versions: z.array(stored) }) },
        },
      },
      async () => ({ versions: (await ctx.rules.history()).map(show) }),
    );
  };
}
