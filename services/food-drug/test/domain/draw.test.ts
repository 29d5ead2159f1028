import { createHash } from 'node:crypto';
import { InvalidInput } from '@zone-risk/domain-service/domain';
import t, { type Test } from 'tap';
import {
  canonicalLists,
  canonicalPublicValue,
  commitment,
  commitmentText,
  type DrawLists,
  type DrawResult,
  loadCap,
  normaliseSeed,
  pick,
  serverSeed,
  verify,
} from '../../src/domain/draw.ts';

// Random draws (双随机一公开) that anyone can recompute. The worked example is the one in
// docs/draws.md: if it stops giving its published hashes, old draws stop verifying.

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const code = (serial: number) => `91320113MA${String(serial).padStart(7, '0')}0`;

const EXAMPLE: DrawLists = {
  businesses: [
    { id: '91320113MA0000003C', name: '瑞丰餐饮管理有限公司3', avoid: ['fd-sun'] },
    { id: '91320113MA00000016', name: '瑞丰餐饮管理有限公司1', avoid: [] },
    { id: '91320113MA0000005J', name: '瑞丰餐饮管理有限公司5', avoid: ['fd-zhao', 'fd-liu'] },
    { id: '91320113MA00000029', name: '瑞丰餐饮管理有限公司2', avoid: ['fd-qian'] },
    { id: '91320113MA0000004F', name: '瑞丰餐饮管理有限公司4', avoid: [] },
  ],
  inspectors: [
    { id: 'fd-zhao', name: '赵磊' },
    { id: 'fd-liu', name: '刘洋' },
    { id: 'fd-sun', name: '孙敏' },
    { id: 'fd-qian', name: '钱芳' },
  ],
  count: 3,
  perBusiness: 2,
};
const EXAMPLE_SEED = '3.11.17.22.28.31./9./';

/** `n` businesses, `m` inspectors; every third business avoids one inspector. */
function listsOf(n: number, m: number, count: number, perBusiness = 2): DrawLists {
  const inspectors = Array.from({ length: m }, (_, i) => ({
    id: `fd-${String(i).padStart(4, '0')}`,
    name: `检查员${i}`,
  }));
  const businesses = Array.from({ length: n }, (_, b) => ({
    id: code(b),
    name: `经营主体${b}`,
    avoid: b % 3 === 0 ? [inspectors[b % m]?.id ?? ''] : [],
  }));
  return { businesses, inspectors, count, perBusiness };
}

/** Another order: reversed, then rotated by three. */
const reordered = <T>(items: readonly T[]) => {
  const reversed = [...items].reverse();
  return [...reversed.slice(3), ...reversed.slice(0, 3)];
};

function refusal(t: Test, run: () => unknown, pointer: string, reason: RegExp) {
  try {
    run();
    t.fail(`expected a refusal at ${pointer}`);
  } catch (error) {
    t.ok(error instanceof InvalidInput, 'refused as invalid input');
    const fields = error instanceof InvalidInput ? error.fields : [];
    t.match(
      fields.find((f) => f.pointer === pointer)?.reason ?? `nothing at ${pointer}: ${JSON.stringify(fields)}`,
      reason,
    );
  }
}

/** Every rule a result must keep: distinct teams of the right size, avoidances, the load cap. */
function checkRules(t: Test, lists: DrawLists, result: DrawResult) {
  const avoid = new Map(lists.businesses.map((b) => [b.id, new Set(b.avoid)]));
  const load = new Map<string, number>();
  const cap = loadCap(lists);
  let brokenAvoid = 0;
  let brokenTeams = 0;
  let overCapWithoutNeed = 0;
  for (const p of result.picks) {
    if (new Set(p.inspectors).size !== lists.perBusiness || p.inspectors.length !== lists.perBusiness)
      brokenTeams++;
    for (const [place, inspector] of p.inspectors.entries()) {
      if (avoid.get(p.business)?.has(inspector)) brokenAvoid++;
      const before = load.get(inspector) ?? 0;
      if (before >= cap) {
        // Over the cap only when nobody under it could take the place.
        const team = p.inspectors.slice(0, place);
        const underCapLeft = lists.inspectors.some(
          (i) => !avoid.get(p.business)?.has(i.id) && !team.includes(i.id) && (load.get(i.id) ?? 0) < cap,
        );
        if (underCapLeft) overCapWithoutNeed++;
      }
      load.set(inspector, before + 1);
    }
  }
  t.equal(result.picks.length, lists.count, 'count businesses picked');
  t.equal(new Set(result.picks.map((p) => p.business)).size, lists.count, 'each business once');
  t.equal(brokenTeams, 0, 'every team has perBusiness distinct inspectors');
  t.equal(brokenAvoid, 0, 'no inspector is paired with a business they must avoid (回避)');
  t.equal(overCapWithoutNeed, 0, 'nobody goes over the load cap while someone under it could take the place');
  return load;
}

t.test('given the worked example of docs/draws.md', async (t) => {
  t.test(
    'the commitment text is line-based, sorted, names left out, and its hash is the published one',
    async (t) => {
      t.equal(
        commitmentText(EXAMPLE),
        [
          'zone-risk-draw v1 count=3 per-business=2 businesses=5 inspectors=4',
          'b 91320113MA00000016 -',
          'b 91320113MA00000029 fd-qian',
          'b 91320113MA0000003C fd-sun',
          'b 91320113MA0000004F -',
          'b 91320113MA0000005J fd-liu,fd-zhao',
          'i fd-liu',
          'i fd-qian',
          'i fd-sun',
          'i fd-zhao',
          '',
        ].join('\n'),
      );
      t.equal(commitment(EXAMPLE), sha256(commitmentText(EXAMPLE)));
      t.equal(commitment(EXAMPLE), 'dea34d40d3d64625c42ecdd073a28c3e3f5fb5564de738c59ae5f036c99b85a2');
    },
  );

  t.test('the pick is what the rules give when followed by hand with SHA-256', async (t) => {
    // Ranks: SHA-256(seed "/" id), ascending; the first three are picked.
    const ranks = EXAMPLE.businesses.map((b) => [sha256(`${EXAMPLE_SEED}/${b.id}`), b.id] as const).sort();
    t.same(
      ranks.map(([, id]) => id),
      [
        '91320113MA0000005J',
        '91320113MA0000004F',
        '91320113MA00000016',
        '91320113MA00000029',
        '91320113MA0000003C',
      ],
    );
    t.equal(ranks[0]?.[0], '0f3c013f216a53ff4cddfb699586423ba402576d7cc5ec1488dcb6fe31f8954a');
    // Each place: SHA-256(seed "/" business "/" place) as a number, modulo the inspectors who may
    // take it (id order, not avoided, not on the team, under the cap of ceil(3×2/4) = 2).
    const place = (business: string, n: number, candidates: string[]) => {
      const draw = BigInt(`0x${sha256(`${EXAMPLE_SEED}/${business}/${n}`)}`) % BigInt(candidates.length);
      return candidates[Number(draw)] ?? '';
    };
    const first = place('91320113MA0000005J', 0, ['fd-qian', 'fd-sun']); // avoids fd-liu and fd-zhao
    const second = place(
      '91320113MA0000005J',
      1,
      ['fd-qian', 'fd-sun'].filter((i) => i !== first),
    );
    t.same([first, second], ['fd-sun', 'fd-qian']);
    const third = place('91320113MA0000004F', 0, ['fd-liu', 'fd-qian', 'fd-sun', 'fd-zhao']);
    const fourth = place(
      '91320113MA0000004F',
      1,
      ['fd-liu', 'fd-qian', 'fd-sun', 'fd-zhao'].filter((i) => i !== third),
    );
    t.same([third, fourth], ['fd-sun', 'fd-zhao']);
    // fd-sun has two businesses now: at the cap, so not a candidate for the third.
    const fifth = place('91320113MA00000016', 0, ['fd-liu', 'fd-qian', 'fd-zhao']);
    const sixth = place(
      '91320113MA00000016',
      1,
      ['fd-liu', 'fd-qian', 'fd-zhao'].filter((i) => i !== fifth),
    );
    t.same([fifth, sixth], ['fd-zhao', 'fd-liu']);

    t.same(pick(EXAMPLE, EXAMPLE_SEED), {
      picks: [
        { business: '91320113MA0000005J', rank: ranks[0]?.[0], inspectors: [first, second] },
        { business: '91320113MA0000004F', rank: ranks[1]?.[0], inspectors: [third, fourth] },
        { business: '91320113MA00000016', rank: ranks[2]?.[0], inspectors: [fifth, sixth] },
      ],
    });
  });

  t.test('the published lottery numbers, however written, give the seed used', async (t) => {
    const seed = normaliseSeed({
      kind: 'public',
      value: '03 11 17 22 28 31 + 09',
      source: '中国福利彩票双色球',
      drawDate: '2026-12-08',
    });
    t.same(seed, {
      kind: 'public',
      value: EXAMPLE_SEED,
      source: '中国福利彩票双色球',
      drawDate: '2026-12-08',
    });
  });
});

t.test(
  'when the same lists come in another order, the canonical lists, commitment and pick are the same',
  async (t) => {
    const lists = listsOf(40, 9, 12);
    const other: DrawLists = {
      ...lists,
      businesses: reordered(lists.businesses).map((b) => ({ ...b, avoid: [...b.avoid].reverse() })),
      inspectors: reordered(lists.inspectors),
    };
    t.not(other.businesses[0]?.id, lists.businesses[0]?.id, 'the input order really differs');
    t.same(canonicalLists(other), canonicalLists(lists));
    t.equal(commitment(other), commitment(lists));
    t.same(pick(other, 'seed-1'), pick(lists, 'seed-1'));
    t.same(pick(lists, 'seed-1'), pick(lists, 'seed-1'), 'the same seed, the same pick');
  },
);

t.test('when the seed is another, the pick is another', async (t) => {
  const lists = listsOf(40, 9, 12);
  const a = pick(lists, '3.11.17.22.28.31./9./');
  const b = pick(lists, '3.11.17.22.28.32./9./');
  t.not(a.picks.map((p) => p.business).join(), b.picks.map((p) => p.business).join());
});

t.test('the commitment changes with anything the pick depends on, and only with that', async (t) => {
  const base = listsOf(10, 5, 3);
  const of = (change: (lists: DrawLists) => DrawLists) => commitment(change(structuredClone(base)));
  const first = base.businesses[0];
  const changes: [string, (l: DrawLists) => DrawLists][] = [
    [
      'a business added',
      (l) => ({ ...l, businesses: [...l.businesses, { id: code(99), name: '新', avoid: [] }] }),
    ],
    ['a business removed', (l) => ({ ...l, businesses: l.businesses.slice(1) })],
    [
      'an id swapped',
      (l) => ({
        ...l,
        businesses: [{ id: code(77), name: first?.name ?? '', avoid: [] }, ...l.businesses.slice(1)],
      }),
    ],
    ['an inspector added', (l) => ({ ...l, inspectors: [...l.inspectors, { id: 'fd-new', name: '新' }] })],
    ['an inspector removed', (l) => ({ ...l, inspectors: l.inspectors.slice(1) })],
    [
      'an avoid list changed',
      (l) => ({ ...l, businesses: l.businesses.map((b, i) => (i === 1 ? { ...b, avoid: ['fd-0001'] } : b)) }),
    ],
    ['count changed', (l) => ({ ...l, count: 4 })],
    ['perBusiness changed', (l) => ({ ...l, perBusiness: 3 })],
  ];
  const seen = new Set([commitment(base)]);
  for (const [what, change] of changes) {
    const hash = of(change);
    t.notOk(seen.has(hash), `${what}: a new commitment`);
    seen.add(hash);
  }
  t.equal(
    of((l) => ({ ...l, businesses: [...l.businesses].reverse() })),
    commitment(base),
    'reordered input: the same',
  );
  t.equal(
    of((l) => ({ ...l, businesses: l.businesses.map((b) => ({ ...b, name: `${b.name}（更名）` })) })),
    commitment(base),
    'a renamed business: the same (names are not committed)',
  );
  t.equal(
    of((l) => ({ ...l, businesses: l.businesses.map((b) => ({ ...b, avoid: [...b.avoid, ...b.avoid] })) })),
    commitment(base),
    'an avoid id repeated: the same (an avoid list is a set)',
  );
});

t.test('verify', async (t) => {
  const lists = canonicalLists(listsOf(30, 6, 8));
  const seed = '3.11.17.22.28.31./9./';
  const honest = { lists, commitment: commitment(lists), seed, result: pick(lists, seed) };

  t.test('an honest draw matches, with no differences', async (t) => {
    t.match(verify(honest), { commitmentMatches: true, resultMatches: true, matches: true, differences: [] });
    t.equal(verify(honest).recomputedCommitment, honest.commitment);
  });

  t.test(
    'when one business id in the stored lists is swapped, the commitment no longer matches',
    async (t) => {
      const tampered = structuredClone(honest);
      const victim = tampered.lists.businesses[4];
      if (victim) victim.id = code(555);
      const checked = verify(tampered);
      t.equal(checked.commitmentMatches, false);
      t.equal(checked.matches, false);
      t.match(
        checked.differences[0],
        new RegExp(
          `^commitment: the stored lists hash to ${checked.recomputedCommitment}, the stored commitment is ${honest.commitment}`,
        ),
      );
    },
  );

  t.test(
    'when the stored result is altered, each altered pick is named with expected and stored',
    async (t) => {
      const tampered = structuredClone(honest);
      const [one, two] = tampered.result.picks;
      if (!one || !two) throw new Error('the draw picks at least two');
      const [lead, original] = one.inspectors;
      const replacement = lists.inspectors.find((i) => !one.inspectors.includes(i.id))?.id ?? '';
      one.inspectors[1] = replacement;
      const outsider =
        lists.businesses.find((b) => !honest.result.picks.some((p) => p.business === b.id))?.id ?? '';
      const dropped = two.business;
      two.business = outsider;
      const checked = verify(tampered);
      t.match(checked, { commitmentMatches: true, resultMatches: false, matches: false });
      t.same(checked.recomputed, honest.result);
      t.ok(
        checked.differences.includes(
          `pick 1 (business ${one.business}): expected inspectors ${lead}, ${original}, stored ${lead}, ${replacement}`,
        ),
      );
      t.ok(checked.differences.includes(`pick 2: expected business ${dropped}, stored ${outsider}`));
      t.ok(checked.differences.includes(`business ${dropped}: drawn, but missing from the stored result`));
      t.ok(checked.differences.includes(`business ${outsider}: in the stored result, but not drawn`));
    },
  );

  t.test('when a pick is dropped from the stored result, the count differs', async (t) => {
    const checked = verify({ ...honest, result: { picks: honest.result.picks.slice(0, -1) } });
    t.equal(checked.resultMatches, false);
    t.ok(
      checked.differences.includes(`picks: expected ${lists.count} businesses, stored ${lists.count - 1}`),
    );
  });

  t.test('when the stored seed is not the one drawn with, the result does not match', async (t) => {
    const checked = verify({ ...honest, seed: '3.11.17.22.28.31./10./' });
    t.match(checked, { commitmentMatches: true, resultMatches: false, matches: false });
    t.ok(checked.differences.length > 0);
  });

  t.test('when the stored lists break the rules, verify says so instead of throwing', async (t) => {
    const tampered = structuredClone(honest);
    tampered.lists.inspectors.push({ ...(tampered.lists.inspectors[0] ?? { id: '', name: '' }) });
    const checked = verify(tampered);
    t.match(checked, {
      commitmentMatches: false,
      resultMatches: false,
      matches: false,
      recomputedCommitment: '',
    });
    t.match(checked.differences[0], /cannot be drawn.*repeats \/inspectors\/0\/id/);
  });
});

t.test('回避: an inspector who checked a business last time is never paired with it', async (t) => {
  // Five inspectors, teams of two, every business avoiding two: three left for each.
  const inspectors = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id: `fd-${id}`, name: id }));
  const businesses = Array.from({ length: 50 }, (_, b) => ({
    id: code(b),
    name: `${b}`,
    avoid: [inspectors[b % 5]?.id ?? '', inspectors[(b + 1) % 5]?.id ?? ''],
  }));
  for (const seed of ['s1', 's2', 's3', 's4', 's5'])
    checkRules(
      t,
      { businesses, inspectors, count: 50, perBusiness: 2 },
      pick({ businesses, inspectors, count: 50, perBusiness: 2 }, seed),
    );
});

t.test('when the load cap has slack, nobody gets more than ceil(count × perBusiness / pool)', async (t) => {
  // 60 businesses × 2 = 120 places over 7 inspectors: at most 18 each (126 in all, a little slack).
  const lists = listsOf(200, 7, 60, 2);
  t.equal(loadCap(lists), 18);
  for (const seed of ['a', 'b', 'c', 'd']) {
    const load = [...checkRules(t, lists, pick(lists, seed)).values()];
    t.ok(Math.max(...load) <= 18, `seed ${seed}: at most the cap`);
    t.equal(
      load.reduce((a, b) => a + b, 0),
      120,
      'every place filled',
    );
  }
});

t.test(
  'when only inspectors at the cap can take a place, the cap is lifted for that place alone',
  async (t) => {
    // Three inspectors, teams of two, five businesses: cap ceil(10/3) = 4, and with two businesses
    // avoiding fd-c somebody must go over it. The rules above decide who, for every seed.
    const inspectors = ['fd-a', 'fd-b', 'fd-c'].map((id) => ({ id, name: id }));
    const businesses = Array.from({ length: 5 }, (_, b) => ({
      id: code(b),
      name: `${b}`,
      avoid: b < 2 ? ['fd-c'] : [],
    }));
    const lists = { businesses, inspectors, count: 5, perBusiness: 2 };
    let lifted = 0;
    for (let s = 0; s < 40; s++) {
      const load = checkRules(t, lists, pick(lists, `seed-${s}`));
      if (Math.max(...load.values()) > loadCap(lists)) lifted++;
    }
    t.ok(lifted > 0, 'some seeds need the cap lifted, and the draw still completes');
  },
);

/** The rule of docs/draws.md written the plain way: the whole pool filtered again for every place. */
function plainPick(lists: DrawLists, seed: string): DrawResult {
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const pool = lists.inspectors.map((i) => i.id).sort(byText);
  const cap = Math.ceil((lists.count * lists.perBusiness) / pool.length);
  const load = new Map<string, number>();
  const ranked = lists.businesses
    .map((b) => ({ ...b, rank: sha256(`${seed}/${b.id}`) }))
    .sort((a, b) => byText(a.rank, b.rank) || byText(a.id, b.id));
  const picks = ranked.slice(0, lists.count).map((b) => {
    const team: string[] = [];
    for (let place = 0; place < lists.perBusiness; place++) {
      const free = pool.filter((i) => !b.avoid.includes(i) && !team.includes(i));
      const underCap = free.filter((i) => (load.get(i) ?? 0) < cap);
      const from = underCap.length > 0 ? underCap : free;
      const chosen =
        from[Number(BigInt(`0x${sha256(`${seed}/${b.id}/${place}`)}`) % BigInt(from.length))] ?? '';
      team.push(chosen);
      load.set(chosen, (load.get(chosen) ?? 0) + 1);
    }
    return { business: b.id, rank: b.rank, inspectors: team };
  });
  return { picks };
}

t.test('the pick is the documented rule, also where the cap is tight and has to be lifted', async (t) => {
  const threeInspectors: DrawLists = {
    businesses: Array.from({ length: 5 }, (_, b) => ({
      id: code(b),
      name: `${b}`,
      avoid: b < 2 ? ['fd-c'] : [],
    })),
    inspectors: ['fd-c', 'fd-a', 'fd-b'].map((id) => ({ id, name: id })),
    count: 5,
    perBusiness: 2,
  };
  const cases: [string, DrawLists][] = [
    ['a tight cap (210 places, 7 × 30)', listsOf(200, 7, 70, 3)],
    ['every candidate drawn', listsOf(60, 5, 60, 2)],
    ['three inspectors, two businesses avoiding one', threeInspectors],
    ['a loose cap', listsOf(500, 40, 50, 4)],
  ];
  for (const [what, lists] of cases) {
    for (const seed of ['a', 'b', 'c', '3.11.17.22.28.31./9./'])
      t.same(pick(lists, seed), plainPick(lists, seed), `${what}, seed ${seed}`);
  }
});

t.test('a draw over 10,000 businesses and 200 inspectors is complete and verifies', async (t) => {
  const lists = listsOf(10_000, 200, 2_500, 2);
  const committed = commitment(lists);
  const result = pick(
    lists,
    normaliseSeed({ kind: 'server', value: serverSeed(() => Buffer.alloc(32, 7)) }).value,
  );
  checkRules(t, lists, result);
  const ranks = result.picks.map((p) => p.rank);
  t.same(ranks, [...ranks].sort(), 'picks in ascending rank');
  t.equal(result.picks[0]?.rank, sha256(`${'07'.repeat(32)}/${result.picks[0]?.business}`));
  t.match(verify({ lists, commitment: committed, seed: '07'.repeat(32), result }), {
    matches: true,
    differences: [],
  });
});

t.test('the rules of a draw request are refused with the field at fault', async (t) => {
  const lists = listsOf(5, 4, 2);
  refusal(
    t,
    () => canonicalLists({ ...lists, count: 6 }),
    '/count',
    /is 6, but only 5 businesses are candidates/,
  );
  refusal(t, () => canonicalLists({ ...lists, count: 0 }), '/count', /at least 1/);
  refusal(t, () => canonicalLists({ ...lists, count: 1.5 }), '/count', /whole number/);
  refusal(
    t,
    () => canonicalLists({ ...lists, perBusiness: 1 }),
    '/perBusiness',
    /at least 2: an official check needs two inspectors/,
  );
  refusal(
    t,
    () => canonicalLists({ ...lists, inspectors: lists.inspectors.slice(0, 1) }),
    '/inspectors',
    /holds 1 inspector; each business needs 2/,
  );
  refusal(
    t,
    () =>
      canonicalLists({
        ...lists,
        businesses: [...lists.businesses, { ...(lists.businesses[2] ?? { id: '', name: '', avoid: [] }) }],
      }),
    '/businesses/5/id',
    new RegExp(`repeats /businesses/2/id \\(${code(2)}\\)`),
  );
  refusal(
    t,
    () => canonicalLists({ ...lists, inspectors: [...lists.inspectors, { id: 'fd-0001', name: '又' }] }),
    '/inspectors/4/id',
    /repeats \/inspectors\/1\/id/,
  );
  refusal(
    t,
    () => canonicalLists({ ...lists, inspectors: [...lists.inspectors, { id: 'fd 9', name: '空格' }] }),
    '/inspectors/4/id',
    /without ',' or '\/'/,
  );
  refusal(
    t,
    () => canonicalLists({ ...lists, businesses: [{ id: 'a/b', name: '', avoid: [] }, ...lists.businesses] }),
    '/businesses/0/id',
    /ASCII/,
  );
  refusal(
    t,
    () =>
      canonicalLists({
        ...lists,
        businesses: [{ id: code(9), name: '', avoid: ['x,y'] }, ...lists.businesses],
      }),
    '/businesses/0/avoid',
    /holds "x,y"/,
  );
  refusal(
    t,
    () =>
      canonicalLists({
        ...lists,
        businesses: [
          { id: code(9), name: '某食堂', avoid: ['fd-0000', 'fd-0001', 'fd-0002', 'not-in-pool'] },
          ...lists.businesses,
        ],
      }),
    '/businesses/0/avoid',
    new RegExp(`business ${code(9)} \\(某食堂\\) must avoid 3 of the 4 inspectors, leaving 1; it needs 2`),
  );
  refusal(t, () => canonicalLists(listsOf(100_001, 2, 1)), '/businesses', /at most 100000/);
  refusal(t, () => canonicalLists(listsOf(3, 5_001, 1)), '/inspectors', /at most 5000/);
  refusal(t, () => pick(lists, ''), '/seed', /is empty/);
});

t.test('when many entries break the rules, the refusal lists twenty and counts the rest', async (t) => {
  const lists = listsOf(30, 4, 1);
  try {
    canonicalLists({ ...lists, businesses: [...lists.businesses, ...lists.businesses] });
    t.fail('expected a refusal');
  } catch (error) {
    if (!(error instanceof InvalidInput)) throw error;
    t.equal(error.fields.length, 21);
    t.same(error.fields.at(-1), { pointer: '', reason: 'and 10 more' });
    t.match(error.message, /break 30 rules: \/businesses\/30\/id repeats/);
  }
});

t.test('public seeds: every spelling of the same numbers gives the same canonical value', async (t) => {
  const spellings = [
    '03 11 17 22 28 31 + 09',
    '3,11,17,22,28,31/9',
    ' 03  11\t17 22 28 31 |09 ',
    '03、11、17、22、28、31＋09',
    '０３ １１ １７ ２２ ２８ ３１ ＋ ０９',
    '03-11-17-22-28-31 ; 09 +',
  ];
  for (const spelling of spellings)
    t.equal(canonicalPublicValue(spelling), '3.11.17.22.28.31./9./', JSON.stringify(spelling));
  t.equal(canonicalPublicValue('00 7 000'), '0.7.0./', 'zero stays a number');
  t.equal(
    canonicalPublicValue('3 11 17 22 28 31 9'),
    '3.11.17.22.28.31.9./',
    'one group when nothing separates them',
  );
  t.equal(canonicalPublicValue('11 03 17'), '11.3.17./', 'the order as written is kept');
  t.equal(
    canonicalPublicValue('  Block 00000000ABCdef\u00a0 '),
    'block 00000000abcdef',
    'text: NFKC, spaces collapsed, lower case',
  );
  t.equal(canonicalPublicValue('－－ ／'), '', 'no digit or letter: nothing');
});

t.test('seeds that cannot be used are refused with the field at fault', async (t) => {
  const publicSeed = {
    kind: 'public' as const,
    value: '03 11 17 22 28 31 + 09',
    source: '中国福利彩票双色球',
    drawDate: '2026-12-08',
  };
  refusal(t, () => normaliseSeed({ ...publicSeed, value: '  ' }), '/value', /is empty/);
  refusal(t, () => normaliseSeed({ ...publicSeed, value: '-- / --' }), '/value', /is empty/);
  refusal(t, () => normaliseSeed({ ...publicSeed, value: '1 '.repeat(251) }), '/value', /at most 500/);
  refusal(t, () => normaliseSeed({ ...publicSeed, source: ' ' }), '/source', /must name the public value/);
  refusal(t, () => normaliseSeed({ ...publicSeed, drawDate: '2026-02-30' }), '/drawDate', /YYYY-MM-DD/);
  refusal(
    t,
    () => normaliseSeed({ kind: 'server', value: 'ab'.repeat(31) }),
    '/value',
    /32 bytes as 64 hex digits/,
  );
  refusal(t, () => normaliseSeed({ kind: 'server', value: 'zz'.repeat(32) }), '/value', /64 hex digits/);
  t.same(normaliseSeed({ kind: 'server', value: ` ${'AB'.repeat(32)} ` }), {
    kind: 'server',
    value: 'ab'.repeat(32),
    source: null,
    drawDate: null,
  });
  t.equal(normaliseSeed({ ...publicSeed, source: ' 中国福利彩票　双色球 ' }).source, '中国福利彩票 双色球');
});

t.test('a server seed is 32 bytes of the random source, as hex', async (t) => {
  const asked: number[] = [];
  const seed = serverSeed((size) => {
    asked.push(size);
    return Uint8Array.from({ length: size }, (_, i) => i);
  });
  t.same(asked, [32]);
  t.equal(seed, '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f');
  t.throws(() => serverSeed(() => new Uint8Array(16)), /gave 16 bytes/);
});
