import type { Item } from './item.ts';
import type { Override, Policy, Rule } from './policy.ts';
import { compileWhere, type Predicate } from './where.ts';

const never: Predicate = () => false;

/** How events of one aggregate type become items. */
export interface ItemTypeSpec {
  domain: string;
  type: string;
  attributes: readonly string[];
  /** Where each attribute is read in the payload: its name, or the dotted path the policy gives. */
  paths: ReadonlyMap<string, readonly string[]>;
  /** Path of the `{ creditCode, name }` object in the payload; empty for the payload itself. */
  enterprise: readonly string[];
  isClosed: Predicate;
  label: string | undefined;
  path: string;
  counters: readonly string[];
}

/**
 * Something that keeps a set of matching items: a domain rule or an `items` override. The read
 * model keeps one member set per matcher, updated as each event is applied, so a status costs
 * the same with a hundred or a million items.
 */
export interface Matcher {
  id: string;
  domain: string;
  type: string;
  /** Whether the item matches at `now` (epoch ms; −∞ when no time window has closed yet). */
  test: (item: Item, now: number) => boolean;
  /** For a matcher with a `withinDays` window: when the item stops matching by time alone. */
  expiresAt: ((item: Item) => number) | undefined;
  /** For value rules: the numeric attribute aggregated over the members. */
  attribute: string | undefined;
  source: { scope: 'rule'; rule: Rule } | { scope: 'override'; override: Override };
}

export interface CompiledPolicy {
  policy: Policy;
  domains: readonly string[];
  itemTypes: ReadonlyMap<string, ItemTypeSpec>;
  matchers: readonly Matcher[];
  /** The matchers that look at items of `domain|type`. */
  matchersFor: ReadonlyMap<string, readonly Matcher[]>;
}

export function typeKey(domain: string, type: string): string {
  return `${domain}|${type}`;
}

function matcher(
  id: string,
  domain: string,
  type: string,
  where: Parameters<typeof compileWhere>[0],
  attribute: string | undefined,
  source: Matcher['source'],
): Matcher {
  const compiled = compileWhere(where);
  const expiresAt = compiled.expiresAt;
  return {
    id,
    domain,
    type,
    attribute,
    source,
    test: (item, now) => compiled.test(item.attributes, item.open, now),
    expiresAt: expiresAt && ((item) => expiresAt(item.attributes)),
  };
}

/** Turns a validated policy into predicates and lookup tables. */
export function compilePolicy(policy: Policy): CompiledPolicy {
  const itemTypes = new Map<string, ItemTypeSpec>();
  const matchers: Matcher[] = [];
  for (const [domain, spec] of Object.entries(policy.domains)) {
    for (const [type, item] of Object.entries(spec.items)) {
      itemTypes.set(typeKey(domain, type), {
        domain,
        type,
        attributes: item.attributes,
        paths: new Map(item.attributes.map((name) => [name, (item.from?.[name] ?? name).split('.')])),
        // A policy stored before `enterprise` existed reads the convention: data.enterprise.
        enterprise: item.enterprise === '.' ? [] : (item.enterprise ?? 'enterprise').split('.'),
        isClosed: item.closedWhen ? compileWhere(item.closedWhen).test : never,
        label: item.label,
        path: item.path,
        counters: item.counters,
      });
    }
    for (const rule of spec.rules) {
      const attribute = rule.kind === 'value' ? rule.attribute : undefined;
      matchers.push(
        matcher(rule.id, domain, rule.aggregateType, rule.where, attribute, { scope: 'rule', rule }),
      );
    }
  }
  for (const override of policy.zone.overrides) {
    if (override.kind !== 'items') continue;
    matchers.push(
      matcher(override.id, override.domain, override.aggregateType, override.where, undefined, {
        scope: 'override',
        override,
      }),
    );
  }
  const matchersFor = new Map<string, Matcher[]>();
  for (const m of matchers) {
    const key = typeKey(m.domain, m.type);
    matchersFor.set(key, [...(matchersFor.get(key) ?? []), m]);
  }
  return { policy, domains: Object.keys(policy.domains), itemTypes, matchers, matchersFor };
}
