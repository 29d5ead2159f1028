import { type KnownRiskLevel, type RiskLevel, riskLevelOrder } from '@zone-risk/contracts';
import { type ItemRef, refOf } from './item.ts';
import type { Override, Rule } from './policy.ts';
import type { MatcherState, ReadModel } from './read-model.ts';

/** What one rule adds to its domain: the items it counted, the level it reached, its points. */
export interface Contribution {
  rule: string;
  kind: Rule['kind'];
  description: string;
  /** Matching items. */
  count: number;
  /** The aggregated attribute, for value rules; null for count rules. */
  value: number | null;
  /** The level the rule reached, null when below its first threshold. */
  level: KnownRiskLevel | null;
  points: number;
  /** The matching items with the smallest ids (up to the sample size); the drill-down pages through all. */
  items: ItemRef[];
  /** More items match than `items` lists. */
  more: boolean;
}

export interface DomainStatus {
  level: RiskLevel;
  score: number | null;
  freshness: { lastEventAt: string | null; lastHeartbeatAt: string | null; stale: boolean };
  contributions: Contribution[];
}

export interface FiredOverride {
  rule: string;
  kind: Override['kind'];
  description: string;
  level: KnownRiskLevel;
  count: number;
  items: ItemRef[];
}

/** The zone-wide status: what GET /status answers and ZoneRiskStatusChanged carries. */
export interface ZoneStatus {
  level: RiskLevel;
  score: number | null;
  policyVersion: string;
  asOf: string;
  overrides: FiredOverride[];
  domains: Record<string, DomainStatus>;
}

export interface StatusOptions {
  /** The instant the status describes (epoch ms); staleness is measured against it. */
  now: number;
}

function higher<L extends RiskLevel>(a: L, b: L): L {
  return riskLevelOrder(b) > riskLevelOrder(a) ? b : a;
}

const round = (value: number): number => Math.round(value * 10) / 10;
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function sample(model: ReadModel, state: MatcherState): ItemRef[] {
  return state.sample.flatMap((key) => {
    const item = model.items.get(key);
    return item ? [refOf(item)] : [];
  });
}

function reached<T extends { atLeast: number; level: KnownRiskLevel }>(
  steps: readonly T[],
  amount: number | null,
): KnownRiskLevel | null {
  if (amount === null) return null;
  let level: KnownRiskLevel | null = null;
  for (const step of steps) if (amount >= step.atLeast) level = step.level;
  return level;
}

function contribution(model: ReadModel, rule: Rule): Contribution {
  const state = model.matchers.get(rule.id);
  const count = state?.members.size ?? 0;
  const items = state ? sample(model, state) : [];
  const base = {
    rule: rule.id,
    kind: rule.kind,
    description: rule.description,
    count,
    items,
    more: count > items.length,
  };
  if (rule.kind === 'count') {
    const points = rule.points ? Math.min(rule.points.max, rule.points.perItem * count) : 0;
    return { ...base, value: null, level: reached(rule.levels, count), points: round(points) };
  }
  const value = !state ? null : rule.aggregate === 'sum' ? round(state.sum) : model.maxOf(state);
  const points =
    rule.points && value !== null ? Math.min(rule.points.max, Math.max(0, rule.points.perUnit * value)) : 0;
  return { ...base, value, level: reached(rule.bands, value), points: round(points) };
}

/**
 * The status from the read model's counters and member sets: O(rules + overrides), whatever the
 * number of items. The same model, policy and `now` give the same status. It first moves the
 * model's clock to `now` (`ReadModel.advance`), so time-windowed rules (`withinDays`) let go of
 * the items whose window has ended — time alone moves them, as it moves staleness.
 */
export function computeStatus(model: ReadModel, options: StatusOptions): ZoneStatus {
  model.advance(options.now);
  const { policy } = model.compiled;
  const floors = policy.scoreFloors;
  const domains: Record<string, DomainStatus> = {};
  for (const [name, spec] of Object.entries(policy.domains)) {
    const fresh = model.freshness.get(name) ?? { lastEventAt: null, lastHeartbeatAt: null };
    const last = Math.max(fresh.lastEventAt ?? -Infinity, fresh.lastHeartbeatAt ?? -Infinity);
    const windowMs = (spec.stalenessSeconds ?? policy.stalenessSeconds) * 1000;
    // No data at all is stale too: a domain nobody has heard from is unknown, never blue.
    const stale = !Number.isFinite(last) || options.now - last > windowMs;
    const contributions = spec.rules.map((rule) => contribution(model, rule));
    let level: RiskLevel = 'low';
    for (const c of contributions) if (c.level) level = higher(level, c.level);
    const points = Math.min(
      100,
      contributions.reduce((sum, c) => sum + c.points, 0),
    );
    domains[name] = {
      level: stale ? 'unknown' : level,
      score: stale ? null : round(Math.min(100, Math.max(points, floors[level as KnownRiskLevel]))),
      freshness: { lastEventAt: iso(fresh.lastEventAt), lastHeartbeatAt: iso(fresh.lastHeartbeatAt), stale },
      contributions,
    };
  }

  const overrides: FiredOverride[] = [];
  for (const override of policy.zone.overrides) {
    if (override.kind === 'items') {
      const state = model.matchers.get(override.id);
      const count = state?.members.size ?? 0;
      if (!state || count < override.atLeast) continue;
      overrides.push({
        rule: override.id,
        kind: override.kind,
        description: override.description,
        level: override.level,
        count,
        items: sample(model, state),
      });
    } else {
      const domain = domains[override.domain];
      if (!domain || riskLevelOrder(domain.level) < riskLevelOrder(override.atLeast)) continue;
      // The items behind the domain's level; the domain itself when a value band fired on none.
      const seen = new Set<string>();
      const items: ItemRef[] = [];
      for (const c of domain.contributions) {
        if (!c.level) continue;
        for (const ref of c.items) {
          const key = `${ref.aggregateType}|${ref.aggregateId}`;
          if (items.length < model.sampleSize && !seen.has(key)) {
            seen.add(key);
            items.push(ref);
          }
        }
      }
      if (items.length === 0)
        items.push({ domain: override.domain, aggregateType: 'domain', aggregateId: override.domain });
      overrides.push({
        rule: override.id,
        kind: override.kind,
        description: override.description,
        level: override.level,
        count: items.length,
        items,
      });
    }
  }

  const statuses = Object.values(domains);
  const known = statuses.filter((d) => d.level !== 'unknown');
  let level: RiskLevel = 'unknown';
  for (const d of known) level = higher(level, d.level);
  // Not knowing a domain can only hide risk: with `hide-low` an unknown domain never lets the
  // zone show blue. A known yellow or worse is still shown (a lower bound, and the domain says unknown).
  if (policy.zone.unknownDomains === 'hide-low' && known.length < statuses.length && level === 'low') {
    level = 'unknown';
  }
  for (const o of overrides) level = higher(level, o.level);
  const knownScore = Math.max(0, ...known.map((d) => d.score ?? 0));
  return {
    level,
    score: level === 'unknown' ? null : round(Math.min(100, Math.max(knownScore, floors[level]))),
    policyVersion: String(policy.version),
    asOf: new Date(options.now).toISOString(),
    overrides,
    domains,
  };
}

/**
 * Whether two statuses differ in what the risk office sees: a level or score of the zone or of a
 * domain, the overrides that fired, or the policy version. Freshness times and item samples alone
 * are not a change.
 */
export function statusChanged(before: ZoneStatus | undefined, after: ZoneStatus): boolean {
  if (!before) return true;
  if (before.level !== after.level || before.score !== after.score) return true;
  if (before.policyVersion !== after.policyVersion) return true;
  const overrides = (s: ZoneStatus) => s.overrides.map((o) => `${o.rule}:${o.level}`).join(',');
  if (overrides(before) !== overrides(after)) return true;
  const names = new Set([...Object.keys(before.domains), ...Object.keys(after.domains)]);
  for (const name of names) {
    const a = before.domains[name];
    const b = after.domains[name];
    if (!a || !b || a.level !== b.level || a.score !== b.score) return true;
  }
  return false;
}
