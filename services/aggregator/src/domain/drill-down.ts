import { type KnownRiskLevel, riskLevelOrder } from '@zone-risk/contracts';
import { typeKey } from './compiled-policy.ts';
import type { AttributeValue, Item, ItemRef } from './item.ts';
import type { Counter, MatcherState, ReadModel } from './read-model.ts';
import type { Contribution, DomainStatus, FiredOverride, ZoneStatus } from './status.ts';

/** The URL of an item in the service that owns it, or null when its domain has no base URL. */
export type LinkFor = (ref: ItemRef) => string | null;

export interface ItemView extends ItemRef {
  version: number;
  open: boolean;
  label: string | null;
  enterprise: { creditCode: string; name: string | null } | null;
  attributes: Record<string, AttributeValue>;
  updatedAt: string;
  closedAt: string | null;
  /** The highest level among the fired rules and overrides that hold the item; low when none. */
  level: KnownRiskLevel;
  /** Rules and overrides whose sets hold the item. */
  rules: string[];
  link: string | null;
}

/** Rule id → the level it reached, for every rule and override that fired in `status`. */
export function firedLevels(status: ZoneStatus): Map<string, KnownRiskLevel> {
  const fired = new Map<string, KnownRiskLevel>();
  for (const domain of Object.values(status.domains)) {
    for (const c of domain.contributions) if (c.level) fired.set(c.rule, c.level);
  }
  for (const o of status.overrides) fired.set(o.rule, o.level);
  return fired;
}

export function itemLevel(
  model: ReadModel,
  item: Item,
  fired: ReadonlyMap<string, KnownRiskLevel>,
): { level: KnownRiskLevel; rules: string[] } {
  let level: KnownRiskLevel = 'low';
  const rules: string[] = [];
  for (const matcher of model.compiled.matchersFor.get(typeKey(item.domain, item.type)) ?? []) {
    if (!model.matchers.get(matcher.id)?.members.has(item.key)) continue;
    rules.push(matcher.id);
    const reached = fired.get(matcher.id);
    if (reached && riskLevelOrder(reached) > riskLevelOrder(level)) level = reached;
  }
  return { level, rules };
}

export function viewItem(
  model: ReadModel,
  item: Item,
  fired: ReadonlyMap<string, KnownRiskLevel>,
  linkFor: LinkFor,
): ItemView {
  const ref = { domain: item.domain, aggregateType: item.type, aggregateId: item.id };
  return {
    ...ref,
    version: item.version,
    open: item.open,
    label: item.label,
    enterprise: item.enterprise,
    attributes: { ...item.attributes },
    updatedAt: new Date(item.updatedAt).toISOString(),
    closedAt: item.closedAt === null ? null : new Date(item.closedAt).toISOString(),
    ...itemLevel(model, item, fired),
    link: linkFor(ref),
  };
}

/** A ref the model no longer holds (evicted since the status was computed): the link still works. */
type RefView = ItemRef & { link: string | null };

function views(
  model: ReadModel,
  refs: readonly ItemRef[],
  fired: ReadonlyMap<string, KnownRiskLevel>,
  linkFor: LinkFor,
): (ItemView | RefView)[] {
  return refs.map((ref) => {
    const item = model.items.get(`${ref.domain}|${ref.aggregateType}|${ref.aggregateId}`);
    return item ? viewItem(model, item, fired, linkFor) : { ...ref, link: linkFor(ref) };
  });
}

export interface DomainExplanation extends Omit<DomainStatus, 'contributions'> {
  openItems: number;
  counters: Counter[];
  contributions: (Omit<Contribution, 'items'> & { items: (ItemView | RefView)[] })[];
}

export interface Explanation extends Omit<ZoneStatus, 'domains' | 'overrides'> {
  overrides: (Omit<FiredOverride, 'items'> & { items: (ItemView | RefView)[] })[];
  domains: Record<string, DomainExplanation>;
}

/** "Why is it orange?": the status, with every listed item resolved to its state and link. */
export function explainStatus(
  model: ReadModel,
  status: ZoneStatus,
  linkFor: LinkFor,
  onlyDomain?: string,
): Explanation {
  const fired = firedLevels(status);
  const domains: Record<string, DomainExplanation> = {};
  for (const [name, domain] of Object.entries(status.domains)) {
    if (onlyDomain !== undefined && name !== onlyDomain) continue;
    domains[name] = {
      ...domain,
      openItems: model.openCounts.get(name) ?? 0,
      counters: [...(model.counters.get(name)?.values() ?? [])].map((c) => ({ ...c })),
      contributions: domain.contributions.map((c) => ({
        ...c,
        items: views(model, c.items, fired, linkFor),
      })),
    };
  }
  return {
    ...status,
    overrides: status.overrides
      .filter((o) => onlyDomain === undefined || o.items.some((ref) => ref.domain === onlyDomain))
      .map((o) => ({ ...o, items: views(model, o.items, fired, linkFor) })),
    domains,
  };
}

// Sorted member keys per matcher state, rebuilt only when its membership changed.
const sortedCache = new WeakMap<MatcherState, { revision: number; keys: string[] }>();

function sortedMembers(state: MatcherState): string[] {
  const cached = sortedCache.get(state);
  if (cached && cached.revision === state.revision) return cached.keys;
  const keys = [...state.members].sort();
  sortedCache.set(state, { revision: state.revision, keys });
  return keys;
}

function firstAfter(sorted: readonly string[], after: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as string) <= after) low = mid + 1;
    else high = mid;
  }
  return low;
}

export interface KeyPage {
  items: Item[];
  /** The key to continue after, null on the last page. */
  next: string | null;
}

/** One page of the items a rule or override holds, by item key. */
export function ruleMembersPage(
  model: ReadModel,
  ruleId: string,
  page: { limit: number; after?: string | undefined },
): KeyPage | undefined {
  const state = model.matchers.get(ruleId);
  if (!state) return undefined;
  const sorted = sortedMembers(state);
  const start = page.after === undefined ? 0 : firstAfter(sorted, page.after);
  const keys = sorted.slice(start, start + page.limit);
  const items = keys.flatMap((key) => {
    const item = model.items.get(key);
    return item ? [item] : [];
  });
  const more = start + page.limit < sorted.length;
  return { items, next: more ? (keys.at(-1) ?? null) : null };
}

export interface ItemFilter {
  domain?: string | undefined;
  level?: KnownRiskLevel | undefined;
  overdue?: boolean | undefined;
  open?: boolean | undefined;
  enterprise?: string | undefined;
}

/**
 * Items matching every filter, ordered by key, one page after `after`. Starts from the narrowest
 * index (the enterprise's items, else the domain's); costs O(candidates) per page.
 */
export function queryItems(
  model: ReadModel,
  fired: ReadonlyMap<string, KnownRiskLevel>,
  filter: ItemFilter,
  page: { limit: number; after?: string | undefined },
): KeyPage {
  const candidates: Iterable<string> =
    filter.enterprise !== undefined
      ? (model.byEnterprise.get(filter.enterprise) ?? [])
      : filter.domain !== undefined
        ? (model.byDomain.get(filter.domain) ?? [])
        : model.items.keys();
  const keys: string[] = [];
  for (const key of candidates) {
    if (page.after !== undefined && key <= page.after) continue;
    const item = model.items.get(key);
    if (!item) continue;
    if (filter.domain !== undefined && item.domain !== filter.domain) continue;
    if (filter.open !== undefined && item.open !== filter.open) continue;
    if (filter.overdue !== undefined && (item.attributes.overdue === true) !== filter.overdue) continue;
    if (filter.level !== undefined && itemLevel(model, item, fired).level !== filter.level) continue;
    keys.push(key);
  }
  keys.sort();
  const slice = keys.slice(0, page.limit);
  return {
    items: slice.map((key) => model.items.get(key) as Item),
    next: keys.length > page.limit ? (slice.at(-1) ?? null) : null,
  };
}
