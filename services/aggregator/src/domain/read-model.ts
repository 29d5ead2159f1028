import { type CompiledPolicy, type Matcher, typeKey } from './compiled-policy.ts';
import { type AttributeValue, type Item, itemKey } from './item.ts';
import type { Fact } from './project.ts';

/** The items a matcher holds and, for value rules, the running aggregate of their attribute. */
export interface MatcherState {
  readonly matcher: Matcher;
  /** Keys of the matching items. */
  readonly members: Set<string>;
  /**
   * The smallest member keys, sorted, at most the sample size: what a status lists. Chosen by key,
   * not by arrival, so the same items give the same sample whatever order the partitions were
   * read in (a rebuild or a replay equals the live run exactly).
   */
  readonly sample: string[];
  sum: number;
  /** value → how many members carry it, for `max` without a rescan. */
  readonly values: Map<number, number>;
  /** Bumped on every membership change (caches of sorted members compare it). */
  revision: number;
  /** For a matcher with a `withinDays` window: member key → when it leaves by time alone. */
  readonly expiries: Map<string, number> | null;
}

export interface Freshness {
  lastEventAt: number | null;
  lastHeartbeatAt: number | null;
}

export interface Counter {
  type: string;
  values: Record<string, AttributeValue>;
  count: number;
}

export interface ApplyResult {
  /** False for redelivered, older or ignored events: nothing changed. */
  applied: boolean;
  /** The item entered or left a rule or override, or a value a rule aggregates moved. */
  effective: boolean;
  domain?: string;
}

function numeric(item: Item | undefined, attribute: string | undefined): number | undefined {
  if (!item || attribute === undefined) return undefined;
  const value = item.attributes[attribute];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * The in-memory read model: the latest state of every open or recently closed item of every
 * domain, with the indexes a status and a drill-down need, maintained as events are applied.
 * Pure: no I/O and no clock of its own; times come with the facts, and `advance` tells it the
 * instant the `withinDays` windows of the rules are measured at.
 */
export class ReadModel {
  readonly items = new Map<string, Item>();
  /** Versions of items evicted after closing, so a redelivered old event cannot resurrect them. */
  readonly tombstones = new Map<string, number>();
  readonly byEnterprise = new Map<string, Set<string>>();
  readonly byDomain = new Map<string, Set<string>>();
  readonly freshness = new Map<string, Freshness>();
  readonly counters = new Map<string, Map<string, Counter>>();
  readonly openCounts = new Map<string, number>();
  /** Closed items by closing time, oldest first: what eviction walks. */
  readonly closedQueue = new Map<string, number>();
  matchers = new Map<string, MatcherState>();
  /**
   * The latest instant `advance` was given (−∞ before): matchers hold what matches at this time,
   * so the same items and the same clock give the same sets, live, restored or rebuilt.
   */
  clock = Number.NEGATIVE_INFINITY;
  /** The earliest instant a windowed member may leave (a lower bound): `advance` waits for it. */
  private nextExpiry = Number.POSITIVE_INFINITY;
  compiled: CompiledPolicy;
  readonly sampleSize: number;

  constructor(compiled: CompiledPolicy, sampleSize = 10) {
    this.compiled = compiled;
    this.sampleSize = sampleSize;
    this.resetMatchers();
  }

  private resetMatchers(): void {
    this.matchers = new Map(
      this.compiled.matchers.map((matcher) => [
        matcher.id,
        {
          matcher,
          members: new Set<string>(),
          sample: [],
          sum: 0,
          values: new Map(),
          revision: 0,
          expiries: matcher.expiresAt ? new Map() : null,
        },
      ]),
    );
    this.nextExpiry = Number.POSITIVE_INFINITY;
  }

  /**
   * Moves the clock to `now` (never back) and lets go of the members whose `withinDays` window has
   * ended, e.g. an unqualified sample taken more than 30 days ago. Costs nothing until the earliest
   * window ends; then one pass over the windowed members.
   * @returns how many memberships ended.
   */
  advance(now: number): number {
    if (now > this.clock) this.clock = now;
    if (this.clock < this.nextExpiry) return 0;
    let ended = 0;
    let next = Number.POSITIVE_INFINITY;
    for (const state of this.matchers.values()) {
      if (!state.expiries) continue;
      for (const [key, until] of state.expiries) {
        if (until > this.clock) {
          next = Math.min(next, until);
          continue;
        }
        this.leave(state, key, this.items.get(key));
        state.revision++;
        ended++;
      }
    }
    this.nextExpiry = next;
    return ended;
  }

  /** Applies one fact; idempotent by aggregate version (items) and by time (freshness). */
  apply(fact: Fact): ApplyResult {
    if (fact.kind === 'ignored') return { applied: false, effective: false };
    const fresh = this.freshnessOf(fact.domain);
    if (fact.kind === 'heartbeat') {
      if (fresh.lastHeartbeatAt !== null && fact.at <= fresh.lastHeartbeatAt) {
        return { applied: false, effective: false, domain: fact.domain };
      }
      fresh.lastHeartbeatAt = fact.at;
      return { applied: true, effective: false, domain: fact.domain };
    }
    const newer = fresh.lastEventAt === null || fact.at > fresh.lastEventAt;
    if (newer) fresh.lastEventAt = fact.at;
    if (fact.kind === 'activity') return { applied: newer, effective: false, domain: fact.domain };

    const { update } = fact;
    const key = itemKey(update.domain, update.type, update.id);
    const previous = this.items.get(key);
    const known = previous?.version ?? this.tombstones.get(key) ?? 0;
    if (update.version <= known) return { applied: newer, effective: false, domain: fact.domain };
    const spec = this.compiled.itemTypes.get(typeKey(update.domain, update.type));
    if (!spec) return { applied: newer, effective: false, domain: fact.domain };

    const attributes = { ...previous?.attributes, ...update.attributes };
    const open = !spec.isClosed(attributes, true);
    const wasOpen = previous?.open ?? true;
    const item: Item = {
      key,
      domain: update.domain,
      type: update.type,
      id: update.id,
      version: update.version,
      open,
      enterprise: update.enterprise ?? previous?.enterprise ?? null,
      label: update.label ?? previous?.label ?? null,
      attributes,
      updatedAt: fact.at,
      closedAt: open ? null : wasOpen ? fact.at : (previous?.closedAt ?? fact.at),
      lastEventId: fact.eventId,
    };
    const effective = this.put(item, previous);
    return { applied: true, effective: effective || !previous || open !== wasOpen, domain: fact.domain };
  }

  private freshnessOf(domain: string): Freshness {
    let fresh = this.freshness.get(domain);
    if (!fresh) {
      fresh = { lastEventAt: null, lastHeartbeatAt: null };
      this.freshness.set(domain, fresh);
    }
    return fresh;
  }

  /** Stores `item` in place of `previous` and moves every index; true when a matcher changed. */
  private put(item: Item, previous: Item | undefined): boolean {
    if (previous) this.reindexItem(previous, item);
    else {
      this.tombstones.delete(item.key);
      this.index(item);
    }
    this.items.set(item.key, item);
    let effective = false;
    for (const matcher of this.compiled.matchersFor.get(typeKey(item.domain, item.type)) ?? []) {
      const state = this.matchers.get(matcher.id);
      if (!state) continue;
      const was = state.members.has(item.key);
      const is = matcher.test(item, this.clock);
      const moved = numeric(previous, matcher.attribute) !== numeric(item, matcher.attribute);
      // Still a member: its window may have moved (a corrected day), its membership not.
      if (was && is) this.setExpiry(state, item);
      if (was === is && !(is && moved)) continue;
      if (was) this.leave(state, item.key, previous);
      if (is) this.join(state, item);
      effective = true;
      state.revision++;
    }
    return effective;
  }

  private join(state: MatcherState, item: Item): void {
    state.members.add(item.key);
    this.sampleJoin(state, item.key);
    this.setExpiry(state, item);
    const value = numeric(item, state.matcher.attribute);
    if (value === undefined) return;
    state.sum += value;
    state.values.set(value, (state.values.get(value) ?? 0) + 1);
  }

  private setExpiry(state: MatcherState, item: Item): void {
    if (!state.expiries || !state.matcher.expiresAt) return;
    const until = state.matcher.expiresAt(item);
    state.expiries.set(item.key, until);
    if (until < this.nextExpiry) this.nextExpiry = until;
  }

  private leave(state: MatcherState, key: string, item: Item | undefined): void {
    state.members.delete(key);
    state.expiries?.delete(key);
    this.sampleLeave(state, key);
    const value = numeric(item, state.matcher.attribute);
    if (value === undefined) return;
    state.sum -= value;
    const left = (state.values.get(value) ?? 1) - 1;
    if (left > 0) state.values.set(value, left);
    else state.values.delete(value);
  }

  private sampleJoin(state: MatcherState, key: string): void {
    const { sample } = state;
    const last = sample.at(-1);
    if (sample.length >= this.sampleSize && last !== undefined && key >= last) return;
    let at = sample.length;
    while (at > 0 && (sample[at - 1] as string) > key) at--;
    if (sample[at - 1] === key) return;
    sample.splice(at, 0, key);
    if (sample.length > this.sampleSize) sample.pop();
  }

  private sampleLeave(state: MatcherState, key: string): void {
    const { sample } = state;
    const at = sample.indexOf(key);
    if (at < 0) return;
    sample.splice(at, 1);
    if (state.members.size <= sample.length) return;
    // A listed item left: the next smallest key takes its place. The one scan of the members
    // happens only when a listed item leaves, not on every event.
    const floor = sample.at(-1);
    let next: string | undefined;
    for (const member of state.members) {
      if (floor !== undefined && member <= floor) continue;
      if (next === undefined || member < next) next = member;
    }
    if (next !== undefined) sample.push(next);
  }

  private index(item: Item): void {
    let domainKeys = this.byDomain.get(item.domain);
    if (!domainKeys) {
      domainKeys = new Set();
      this.byDomain.set(item.domain, domainKeys);
    }
    domainKeys.add(item.key);
    if (item.enterprise) {
      let keys = this.byEnterprise.get(item.enterprise.creditCode);
      if (!keys) {
        keys = new Set();
        this.byEnterprise.set(item.enterprise.creditCode, keys);
      }
      keys.add(item.key);
    }
    if (item.open) {
      this.openCounts.set(item.domain, (this.openCounts.get(item.domain) ?? 0) + 1);
      this.count(item, 1);
      this.closedQueue.delete(item.key);
    } else if (!this.closedQueue.has(item.key)) {
      this.closedQueue.set(item.key, item.closedAt ?? item.updatedAt);
    }
  }

  /**
   * Moves the indexes from `previous` to `item` (same key), touching only what changed: most
   * events move an item along its life cycle without changing its domain or enterprise.
   */
  private reindexItem(previous: Item, item: Item): void {
    const code = item.enterprise?.creditCode;
    const previousCode = previous.enterprise?.creditCode;
    if (code !== previousCode) {
      if (previousCode !== undefined) {
        const keys = this.byEnterprise.get(previousCode);
        keys?.delete(item.key);
        if (keys?.size === 0) this.byEnterprise.delete(previousCode);
      }
      if (code !== undefined) {
        let keys = this.byEnterprise.get(code);
        if (!keys) {
          keys = new Set();
          this.byEnterprise.set(code, keys);
        }
        keys.add(item.key);
      }
    }
    if (previous.open !== item.open) {
      this.openCounts.set(item.domain, (this.openCounts.get(item.domain) ?? 0) + (item.open ? 1 : -1));
    }
    const spec = this.compiled.itemTypes.get(typeKey(item.domain, item.type));
    const counted = spec?.counters ?? [];
    const sameCounter =
      previous.open === item.open &&
      counted.every((name) => previous.attributes[name] === item.attributes[name]);
    if (!sameCounter) {
      if (previous.open) this.count(previous, -1);
      if (item.open) this.count(item, 1);
    }
    if (item.open) this.closedQueue.delete(item.key);
    else if (!this.closedQueue.has(item.key)) this.closedQueue.set(item.key, item.closedAt ?? item.updatedAt);
  }

  private unindex(item: Item): void {
    this.byDomain.get(item.domain)?.delete(item.key);
    if (item.enterprise) {
      const keys = this.byEnterprise.get(item.enterprise.creditCode);
      keys?.delete(item.key);
      if (keys?.size === 0) this.byEnterprise.delete(item.enterprise.creditCode);
    }
    if (item.open) {
      this.openCounts.set(item.domain, (this.openCounts.get(item.domain) ?? 1) - 1);
      this.count(item, -1);
    }
  }

  private count(item: Item, delta: number): void {
    const spec = this.compiled.itemTypes.get(typeKey(item.domain, item.type));
    if (!spec || spec.counters.length === 0) return;
    // A plain joined key: this runs twice per applied event, JSON.stringify was the hot spot.
    let key = item.type;
    for (const name of spec.counters) {
      const value = item.attributes[name] ?? null;
      key += `\u0000${typeof value}:${String(value)}`;
    }
    let byKey = this.counters.get(item.domain);
    if (!byKey) {
      byKey = new Map();
      this.counters.set(item.domain, byKey);
    }
    let counter = byKey.get(key);
    if (!counter) {
      const values = Object.fromEntries(spec.counters.map((name) => [name, item.attributes[name] ?? null]));
      counter = { type: item.type, values, count: 0 };
      byKey.set(key, counter);
    }
    counter.count += delta;
    if (counter.count <= 0) byKey.delete(key);
  }

  /** The largest value a `max` value rule sees, from the value counts (no member scan). */
  maxOf(state: MatcherState): number | null {
    let max: number | null = null;
    for (const value of state.values.keys()) if (max === null || value > max) max = value;
    return max;
  }

  /**
   * Forgets items closed before `cutoff` (epoch ms), keeping their versions as tombstones.
   * Rules of the shipped policy read open items only, so this never moves a status.
   * @returns how many items were evicted.
   */
  evictClosedBefore(cutoff: number): number {
    let evicted = 0;
    for (const [key, closedAt] of this.closedQueue) {
      if (closedAt >= cutoff) break;
      this.closedQueue.delete(key);
      const item = this.items.get(key);
      if (!item || item.open) continue;
      this.unindex(item);
      for (const state of this.matchers.values()) {
        if (state.members.has(key)) {
          this.leave(state, key, item);
          state.revision++;
        }
      }
      this.items.delete(key);
      this.tombstones.set(key, item.version);
      evicted++;
    }
    return evicted;
  }

  /**
   * Switches to another policy: the matcher sets are rebuilt from the items, in item order, so
   * their order is the same as if the policy had been active all along. O(items), once per PUT.
   */
  reindex(compiled: CompiledPolicy): void {
    this.compiled = compiled;
    this.resetMatchers();
    this.counters.clear();
    for (const item of this.items.values()) {
      if (item.open) this.count(item, 1);
      for (const matcher of compiled.matchersFor.get(typeKey(item.domain, item.type)) ?? []) {
        const state = this.matchers.get(matcher.id);
        if (state && matcher.test(item, this.clock)) this.join(state, item);
      }
    }
  }

  /** Puts the closed items back in closing order once a snapshot is restored. */
  sortClosedQueue(): void {
    const entries = [...this.closedQueue].sort((a, b) => a[1] - b[1]);
    this.closedQueue.clear();
    for (const [key, closedAt] of entries) this.closedQueue.set(key, closedAt);
  }

  /** Adds an item read from a snapshot (in snapshot order), with every index. */
  restore(item: Item): void {
    this.items.set(item.key, item);
    this.index(item);
    for (const matcher of this.compiled.matchersFor.get(typeKey(item.domain, item.type)) ?? []) {
      const state = this.matchers.get(matcher.id);
      if (state && matcher.test(item, this.clock)) this.join(state, item);
    }
  }
}
