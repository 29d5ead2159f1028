import { hash } from 'node:crypto';
import { type FieldReason, InvalidInput } from '@zone-risk/domain-service/domain';

// The candidate lists of a random draw (双随机一公开) and the text they are committed by. The text
// format is frozen at `FORMAT`: a draw committed today must still verify in ten years, so a change
// is a new version, never an edit (docs/draws.md).

export interface DrawCandidate {
  /** The business's unified social credit code (统一社会信用代码). */
  id: string;
  name: string;
  /** Inspectors who checked it last time (回避): never paired with it in this draw. */
  avoid: string[];
}
export interface DrawInspector {
  id: string;
  name: string;
}
export interface DrawLists {
  businesses: DrawCandidate[];
  inspectors: DrawInspector[];
  /** Businesses to pick. */
  count: number;
  /** Inspectors per picked business. */
  perBusiness: number;
}

export const FORMAT = 'zone-risk-draw v1';
/** An official check needs at least two inspectors (执法人员不得少于两人). */
export const MIN_PER_BUSINESS = 2;
export const DEFAULT_PER_BUSINESS = 2;
export const MAX_BUSINESSES = 100_000;
export const MAX_INSPECTORS = 5_000;
/** Refusals listed one by one before the rest are counted. */
const MAX_REASONS = 20;

// Ids go into a line-based text and into hash inputs joined by "/": no space, no comma, no slash,
// and ASCII only, so that sorting by code unit, by UTF-8 byte and by `LC_ALL=C sort` agree.
const ID = /^[A-Za-z0-9][!-+\-.0-~]{0,127}$/;
const ID_RULE =
  "must be 1 to 128 visible ASCII characters, starting with a letter or digit, without ',' or '/'";

export const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The lists in their canonical form — businesses by id, inspectors by id, each avoid list sorted
 * and without repeats — after checking every rule of a draw request: ids well formed and unique,
 * `count` from 1 to the number of candidates, `perBusiness` at least 2, and every candidate left
 * with at least `perBusiness` inspectors once its avoidances are taken out of the pool. Checking
 * every candidate (not only the ones drawn) means no seed can make a committed draw fail.
 * @throws InvalidInput naming every field at fault (pointers into the input, before sorting).
 */
export function canonicalLists(input: DrawLists): DrawLists {
  const reasons: FieldReason[] = [];
  const refuse = (pointer: string, reason: string) => reasons.push({ pointer, reason });
  const { businesses, inspectors, count, perBusiness } = input;

  if (!Number.isInteger(count) || count < 1) refuse('/count', 'must be a whole number, at least 1');
  else if (count > businesses.length) {
    refuse('/count', `is ${count}, but only ${businesses.length} businesses are candidates`);
  }
  if (!Number.isInteger(perBusiness) || perBusiness < MIN_PER_BUSINESS) {
    refuse(
      '/perBusiness',
      `must be a whole number, at least ${MIN_PER_BUSINESS}: an official check needs two inspectors`,
    );
  }
  if (businesses.length > MAX_BUSINESSES)
    refuse('/businesses', `has ${businesses.length} candidates; a draw takes at most ${MAX_BUSINESSES}`);
  if (inspectors.length > MAX_INSPECTORS)
    refuse('/inspectors', `has ${inspectors.length} inspectors; a pool holds at most ${MAX_INSPECTORS}`);
  if (reasons.some((r) => r.pointer === '/businesses' || r.pointer === '/inspectors')) throw refusal(reasons);

  const pool = new Map<string, number>();
  inspectors.forEach((inspector, index) => {
    const seen = pool.get(inspector.id);
    if (!ID.test(inspector.id)) refuse(`/inspectors/${index}/id`, ID_RULE);
    else if (seen !== undefined)
      refuse(`/inspectors/${index}/id`, `repeats /inspectors/${seen}/id (${inspector.id})`);
    else pool.set(inspector.id, index);
  });
  if (Number.isInteger(perBusiness) && perBusiness >= MIN_PER_BUSINESS && pool.size < perBusiness) {
    refuse(
      '/inspectors',
      `holds ${pool.size} inspector${pool.size === 1 ? '' : 's'}; each business needs ${perBusiness}`,
    );
  }

  const seenBusinesses = new Map<string, number>();
  const canonicalBusinesses = businesses.map((business, index): DrawCandidate => {
    const seen = seenBusinesses.get(business.id);
    if (!ID.test(business.id)) refuse(`/businesses/${index}/id`, ID_RULE);
    else if (seen !== undefined)
      refuse(`/businesses/${index}/id`, `repeats /businesses/${seen}/id (${business.id})`);
    else seenBusinesses.set(business.id, index);
    const avoid = business.avoid.length < 2 ? [...business.avoid] : [...new Set(business.avoid)].sort(byId);
    const badAvoid = avoid.findIndex((id) => !ID.test(id));
    if (badAvoid >= 0)
      refuse(`/businesses/${index}/avoid`, `holds ${JSON.stringify(avoid[badAvoid])}, which ${ID_RULE}`);
    const avoided = avoid.filter((id) => pool.has(id)).length;
    if (pool.size >= perBusiness && pool.size - avoided < perBusiness) {
      refuse(
        `/businesses/${index}/avoid`,
        `business ${business.id} (${business.name}) must avoid ${avoided} of the ${pool.size} inspectors, leaving ${pool.size - avoided}; it needs ${perBusiness}: add inspectors to the pool`,
      );
    }
    return { id: business.id, name: business.name, avoid };
  });
  if (reasons.length > 0) throw refusal(reasons);

  return {
    businesses: canonicalBusinesses.sort((a, b) => byId(a.id, b.id)),
    inspectors: inspectors.map((i) => ({ id: i.id, name: i.name })).sort((a, b) => byId(a.id, b.id)),
    count,
    perBusiness,
  };
}

function refusal(reasons: FieldReason[]): InvalidInput {
  const shown = reasons.slice(0, MAX_REASONS);
  const more = reasons.length - shown.length;
  const first = shown[0];
  const summary = first ? `${first.pointer} ${first.reason}` : '';
  return new InvalidInput(
    `The draw's lists break ${reasons.length === 1 ? 'a rule' : `${reasons.length} rules`}: ${summary}${reasons.length > 1 ? ', …' : ''}`,
    more > 0 ? [...shown, { pointer: '', reason: `and ${more} more` }] : shown,
  );
}

/**
 * The exact text the commitment hashes, UTF-8, every line ending in "\n":
 *
 *     zone-risk-draw v1 count=<count> per-business=<perBusiness> businesses=<n> inspectors=<m>
 *     b <business id> <avoided inspector ids, comma-separated, or ->     (one per business, by id)
 *     i <inspector id>                                                   (one per inspector, by id)
 *
 * Names are left out: the pick depends on ids alone, a credit code names a business publicly, and
 * a corrected spelling must not look like a tampered list.
 */
export function commitmentText(lists: DrawLists): string {
  const canonical = canonicalLists(lists);
  const lines = [
    `${FORMAT} count=${canonical.count} per-business=${canonical.perBusiness} businesses=${canonical.businesses.length} inspectors=${canonical.inspectors.length}`,
  ];
  for (const b of canonical.businesses)
    lines.push(`b ${b.id} ${b.avoid.length > 0 ? b.avoid.join(',') : '-'}`);
  for (const i of canonical.inspectors) lines.push(`i ${i.id}`);
  return `${lines.join('\n')}\n`;
}

/** SHA-256 (lowercase hex) of `commitmentText(lists)`. */
export function commitment(lists: DrawLists): string {
  return sha256(commitmentText(lists));
}

export const sha256 = (text: string): string => hash('sha256', text, 'hex');
