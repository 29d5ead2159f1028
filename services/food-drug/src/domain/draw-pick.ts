import { InvalidInput } from '@zone-risk/domain-service/domain';
import { byId, canonicalLists, commitment, type DrawLists, sha256 } from './draw-lists.ts';

// The pick: a pure function of the committed lists and the seed, so anyone holding both gets the
// same businesses and the same inspectors (docs/draws.md gives the rules and a worked example).
//
// Businesses are ranked by SHA-256(seed "/" id). Inspectors are not ranked per business: that
// would hash every pair (10,000 businesses × 200 inspectors is 2 million hashes, seconds), so each
// place on a team draws one number, SHA-256(seed "/" business "/" place), and takes the inspector
// at that number modulo the count of those who may still take it.

export interface DrawPick {
  /** The business's credit code. */
  business: string;
  /** SHA-256(seed "/" business), lowercase hex: picks are in ascending rank. */
  rank: string;
  /** Inspector ids, in the order their places were drawn. */
  inspectors: string[];
}
export interface DrawResult {
  picks: DrawPick[];
}

/** The most businesses one inspector is given before the cap holds them back. */
export const loadCap = (lists: Pick<DrawLists, 'count' | 'perBusiness' | 'inspectors'>) =>
  Math.ceil((lists.count * lists.perBusiness) / lists.inspectors.length);

/**
 * Picks `count` businesses and `perBusiness` inspectors for each.
 *
 * 1. Rank every candidate by SHA-256(seed + "/" + id), hex ascending (ties, never seen, by id);
 *    the first `count` are picked.
 * 2. For each picked business in rank order and each place p = 0, 1, … of its team: the inspectors
 *    who may take the place are those of the pool, in id order, that it does not avoid (回避),
 *    that are not already on its team, and that have fewer than `loadCap` businesses so far; if
 *    none is left under the cap, the cap is lifted for this place. The place goes to the one at
 *    position SHA-256(seed + "/" + business + "/" + p), read as a number, modulo their count.
 *
 * @throws InvalidInput for lists `canonicalLists` refuses, or an empty seed.
 */
export function pick(lists: DrawLists, seed: string): DrawResult {
  if (seed === '') throw new InvalidInput('A draw needs a seed', [{ pointer: '/seed', reason: 'is empty' }]);
  const canonical = canonicalLists(lists);
  const ranked = canonical.businesses
    .map((business) => ({ business, rank: sha256(`${seed}/${business.id}`) }))
    .sort((a, b) => byId(a.rank, b.rank) || byId(a.business.id, b.business.id))
    .slice(0, canonical.count);

  const pool = canonical.inspectors.map((i) => i.id);
  const indexOf = new Map(pool.map((id, index) => [id, index]));
  const cap = loadCap(canonical);
  const load = new Array<number>(pool.length).fill(0);
  const everyone = pool.map((_, index) => index);
  // Pool positions (ascending) of the inspectors still under the cap.
  const underCap = [...everyone];

  const picks = ranked.map(({ business, rank }): DrawPick => {
    const avoided = business.avoid.flatMap((id) => indexOf.get(id) ?? []);
    const team: number[] = [];
    for (let place = 0; place < canonical.perBusiness; place++) {
      const excluded = [...avoided, ...team];
      let from = underCap;
      let open = from.length - countIn(from, excluded);
      if (open === 0) {
        from = everyone;
        open = from.length - excluded.length;
      }
      const draw = BigInt(`0x${sha256(`${seed}/${business.id}/${place}`)}`) % BigInt(open);
      const chosen = nthExcept(from, excluded, Number(draw));
      team.push(chosen);
      load[chosen] = (load[chosen] ?? 0) + 1;
      if (load[chosen] === cap) underCap.splice(positionIn(underCap, chosen), 1);
    }
    return { business: business.id, rank, inspectors: team.map((index) => pool[index] ?? '') };
  });
  return { picks };
}

/**
 * Recomputes a stored draw: the commitment from the stored lists, and the pick from the stored
 * lists and seed (the normalised value, as stored). Every difference is listed in words; lists
 * that no longer pass the rules are reported, not thrown.
 */
export function verify(stored: { lists: DrawLists; commitment: string; seed: string; result: DrawResult }): {
  commitmentMatches: boolean;
  resultMatches: boolean;
  matches: boolean;
  recomputedCommitment: string;
  recomputed: DrawResult;
  differences: string[];
} {
  let recomputedCommitment = '';
  let recomputed: DrawResult = { picks: [] };
  try {
    recomputedCommitment = commitment(stored.lists);
    recomputed = pick(stored.lists, stored.seed);
  } catch (error) {
    if (!(error instanceof InvalidInput)) throw error;
    const fields = error.fields.map((f) => `${f.pointer} ${f.reason}`).join('; ');
    const differences = [
      `the stored lists or seed cannot be drawn: ${error.message}${fields ? ` (${fields})` : ''}`,
    ];
    return {
      commitmentMatches: false,
      resultMatches: false,
      matches: false,
      recomputedCommitment,
      recomputed,
      differences,
    };
  }
  const commitmentMatches = recomputedCommitment === stored.commitment;
  const inResult = resultDifferences(recomputed, stored.result);
  const resultMatches = inResult.length === 0;
  const differences = [
    ...(commitmentMatches
      ? []
      : [
          `commitment: the stored lists hash to ${recomputedCommitment}, the stored commitment is ${stored.commitment}`,
        ]),
    ...inResult,
  ];
  return {
    commitmentMatches,
    resultMatches,
    matches: commitmentMatches && resultMatches,
    recomputedCommitment,
    recomputed,
    differences,
  };
}

function resultDifferences(expected: DrawResult, stored: DrawResult): string[] {
  const differences: string[] = [];
  if (expected.picks.length !== stored.picks.length) {
    differences.push(`picks: expected ${expected.picks.length} businesses, stored ${stored.picks.length}`);
  }
  const storedIds = new Set(stored.picks.map((p) => p.business));
  const expectedIds = new Set(expected.picks.map((p) => p.business));
  for (const p of expected.picks)
    if (!storedIds.has(p.business))
      differences.push(`business ${p.business}: drawn, but missing from the stored result`);
  for (const p of stored.picks)
    if (!expectedIds.has(p.business))
      differences.push(`business ${p.business}: in the stored result, but not drawn`);
  const length = Math.max(expected.picks.length, stored.picks.length);
  for (let n = 0; n < length; n++) {
    const want = expected.picks[n];
    const got = stored.picks[n];
    if (want === undefined || got === undefined) continue;
    const at = `pick ${n + 1}`;
    if (want.business !== got.business) {
      differences.push(`${at}: expected business ${want.business}, stored ${got.business}`);
      continue;
    }
    if (want.rank !== got.rank)
      differences.push(`${at} (business ${want.business}): expected rank ${want.rank}, stored ${got.rank}`);
    if (want.inspectors.join(',') !== got.inspectors.join(',')) {
      differences.push(
        `${at} (business ${want.business}): expected inspectors ${want.inspectors.join(', ')}, stored ${got.inspectors.join(', ')}`,
      );
    }
  }
  return differences;
}

// `sorted` holds ascending pool positions; `excluded` a few positions, in any order, no repeats.

function positionIn(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((sorted[middle] ?? 0) < value) low = middle + 1;
    else high = middle;
  }
  return sorted[low] === value ? low : -1;
}

const countIn = (sorted: readonly number[], excluded: readonly number[]) =>
  excluded.filter((value) => positionIn(sorted, value) >= 0).length;

/** The n-th (from 0) element of `sorted` once `excluded` is taken out. */
function nthExcept(sorted: readonly number[], excluded: readonly number[], n: number): number {
  const skipped = excluded
    .map((value) => positionIn(sorted, value))
    .filter((position) => position >= 0)
    .sort((a, b) => a - b);
  let position = n;
  for (const s of skipped) if (s <= position) position++;
  const value = sorted[position];
  if (value === undefined) throw new RangeError(`nthExcept: ${n} is past the end`);
  return value;
}
