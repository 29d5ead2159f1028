import t from 'tap';
import { defaultPolicy } from '../../src/domain/default-policy.ts';
import { type PolicyInput, parsePolicy } from '../../src/domain/policy.ts';

const clone = (): PolicyInput => structuredClone(defaultPolicy);

t.test('the shipped default policy is valid and fills its defaults', async (t) => {
  const result = parsePolicy(defaultPolicy);
  t.ok(result.ok);
  if (!result.ok) return;
  t.equal(result.policy.zone.unknownDomains, 'hide-low');
  t.same(Object.keys(result.policy.domains), ['safety', 'environment', 'food-drug', 'debt']);
  t.equal(result.policy.domains.safety?.rules.length, 5);
  t.equal(result.policy.domains.environment?.rules.length, 5);
  t.equal(result.policy.domains['food-drug']?.rules.length, 6);
  t.equal(result.policy.domains.debt?.rules.length, 4);
  t.same(
    result.policy.zone.overrides.map((o) => o.id),
    [
      'zone.safety.major-overdue',
      'zone.safety.major-supervised',
      'zone.environment.central-overdue',
      'zone.food-drug.vulnerable-case-overdue',
      'zone.debt.red',
    ],
  );
});

t.test(
  'the policies stored before debt, and before food-drug, joined are still valid as they were',
  async (t) => {
    const withoutDomain = (policy: PolicyInput, domain: string) => {
      delete policy.domains[domain];
      policy.zone.overrides = policy.zone.overrides.filter((o) => o.domain !== domain);
      return policy;
    };
    // Version 1 of the release before this one: safety, environment and food-drug.
    const beforeDebt = parsePolicy(withoutDomain(clone(), 'debt'));
    t.ok(beforeDebt.ok);
    if (beforeDebt.ok) t.same(Object.keys(beforeDebt.policy.domains), ['safety', 'environment', 'food-drug']);
    // And the one before: no food-drug, no `from`, `enterprise` or operators.
    const beforeFoodDrug = parsePolicy(withoutDomain(withoutDomain(clone(), 'debt'), 'food-drug'));
    t.ok(beforeFoodDrug.ok);
    if (beforeFoodDrug.ok) t.same(Object.keys(beforeFoodDrug.policy.domains), ['safety', 'environment']);
  },
);

function foodDrugOf(policy: PolicyInput) {
  const foodDrug = policy.domains['food-drug'];
  const sample = foodDrug?.items['food-drug-sample'];
  const caseType = foodDrug?.items['disposal-case'];
  if (!foodDrug || !sample || !caseType) throw new Error('no food-drug item types');
  return { foodDrug, sample, caseType };
}

t.test('where operators and payload paths are checked for shape', async (t) => {
  const policy = clone();
  const { foodDrug, caseType } = foodDrugOf(policy);
  foodDrug.rules.push(
    {
      id: 'food-drug.bad-operator',
      kind: 'count',
      description: 'no such operator',
      aggregateType: 'food-drug-sample',
      where: { sampledOn: { before: '2030-01-01' } as never },
      points: { perItem: 1, max: 1 },
    },
    {
      id: 'food-drug.bad-window',
      kind: 'count',
      description: 'a window is whole days',
      aggregateType: 'food-drug-sample',
      where: { sampledOn: { withinDays: 0.5 } },
      points: { perItem: 1, max: 1 },
    },
  );
  caseType.enterprise = 'business..creditCode';
  caseType.from = { categories: 'business/categories' };
  const result = parsePolicy(policy);
  t.notOk(result.ok);
  if (result.ok) return;
  const pointers = result.errors.map((e) => e.pointer);
  t.ok(
    pointers.some((p) => p.startsWith('/domains/food-drug/rules/6/where/sampledOn')),
    'an unknown operator is refused',
  );
  t.ok(
    pointers.some((p) => p.startsWith('/domains/food-drug/rules/7/where/sampledOn')),
    'a fractional window is refused',
  );
  t.ok(pointers.includes('/domains/food-drug/items/disposal-case/enterprise'), 'a bad enterprise path');
  t.ok(pointers.includes('/domains/food-drug/items/disposal-case/from/categories'), 'a bad nested path');
});

t.test('where operators and nested attributes are checked across fields', async (t) => {
  const policy = clone();
  const { foodDrug, sample } = foodDrugOf(policy);
  sample.closedWhen = { sampledOn: { withinDays: 30 } };
  sample.from = { ...sample.from, batch: 'batch' };
  foodDrug.rules.push({
    id: 'food-drug.bad-open',
    kind: 'count',
    description: 'open is a flag',
    aggregateType: 'disposal-case',
    where: { open: { includes: true } },
    points: { perItem: 1, max: 1 },
  });
  const result = parsePolicy(policy);
  t.notOk(result.ok);
  if (result.ok) return;
  const byPointer = Object.fromEntries(result.errors.map((e) => [e.pointer, e.message]));
  t.match(byPointer, {
    '/domains/food-drug/items/food-drug-sample/closedWhen/sampledOn/withinDays': /cannot close an item/,
    '/domains/food-drug/items/food-drug-sample/from/batch': /must be one of the attributes/,
    '/domains/food-drug/rules/6/where/open': /true or false/,
  });
  t.equal(result.errors.length, 3);
});

t.test('an item type without closedWhen is valid: its items never close', async (t) => {
  const result = parsePolicy(clone());
  t.ok(result.ok);
  if (result.ok)
    t.equal(result.policy.domains['food-drug']?.items['food-drug-business']?.closedWhen, undefined);
});

t.test('a structurally wrong document lists every bad field with its pointer', async (t) => {
  const policy = clone() as unknown as Record<string, unknown>;
  policy.stalenessSeconds = -5;
  (policy.scoreFloors as Record<string, unknown>).major = 120;
  const safety = (policy.domains as Record<string, { rules: Record<string, unknown>[] }>).safety;
  if (safety?.rules[0]) safety.rules[0].kind = 'ratio';
  const result = parsePolicy(policy);
  t.notOk(result.ok);
  if (result.ok) return;
  const pointers = result.errors.map((e) => e.pointer).sort();
  t.same(pointers, ['/domains/safety/rules/0/kind', '/scoreFloors/major', '/stalenessSeconds']);
});

t.test('cross-field problems are all reported: references, duplicates, ordering, attributes', async (t) => {
  const policy = clone();
  const safety = policy.domains.safety;
  if (!safety) throw new Error('no safety');
  safety.rules.push({
    id: 'safety.general-open',
    kind: 'count',
    description: 'duplicate id',
    aggregateType: 'hazard',
    where: { colour: 'red' },
    levels: [
      { atLeast: 5, level: 'major' },
      { atLeast: 3, level: 'general' },
    ],
  });
  safety.rules.push({
    id: 'safety.unknown-type',
    kind: 'count',
    description: 'no such type',
    aggregateType: 'inspection',
    where: {},
    levels: [{ atLeast: 1, level: 'general' }],
  });
  safety.rules.push({
    id: 'safety.nothing',
    kind: 'count',
    description: 'neither levels nor points',
    aggregateType: 'hazard',
    where: {},
  });
  policy.zone.overrides.push({
    id: 'zone.stability.red',
    kind: 'domain-level',
    description: 'stability is not in this policy',
    domain: 'stability',
    atLeast: 'major',
    level: 'major',
  });
  policy.scoreFloors = { low: 0, general: 60, significant: 50, major: 75 };
  const result = parsePolicy(policy);
  t.notOk(result.ok);
  if (result.ok) return;
  const byPointer = Object.fromEntries(result.errors.map((e) => [e.pointer, e.message]));
  t.match(byPointer, {
    '/scoreFloors': /must not decrease/,
    '/domains/safety/rules/5/id': /duplicate rule id, also used at \/domains\/safety\/rules\/0\/id/,
    '/domains/safety/rules/5/where/colour': /unknown attribute/,
    '/domains/safety/rules/5/levels/1/atLeast': /ascending/,
    '/domains/safety/rules/5/levels/1/level': /must not be lower/,
    '/domains/safety/rules/6/aggregateType': /not an item type of domain safety/,
    '/domains/safety/rules/7': /needs levels, points or both/,
    [`/zone/overrides/${policy.zone.overrides.length - 1}/domain`]: /not a domain of this policy/,
  });
  t.equal(result.errors.length, 8, 'every problem, not just the first');
});

t.test('value rules need a kept numeric attribute and ascending bands', async (t) => {
  const policy = clone();
  const ratio = policy.domains.debt?.rules.find((rule) => rule.id === 'debt.ratio');
  if (ratio?.kind !== 'value') throw new Error('no debt.ratio value rule');
  // `balance` is kept on instruments, not on the indicators the rule reads.
  ratio.attribute = 'balance';
  ratio.bands = [
    { atLeast: 30_000, level: 'major' },
    { atLeast: 20_000, level: 'significant' },
  ];
  const result = parsePolicy(policy);
  t.notOk(result.ok);
  if (result.ok) return;
  t.same(result.errors.map((e) => e.pointer).sort(), [
    '/domains/debt/rules/0/attribute',
    '/domains/debt/rules/0/bands/1/atLeast',
    '/domains/debt/rules/0/bands/1/level',
  ]);
});

t.test('an item type path must carry {id}', async (t) => {
  const policy = clone();
  const hazard = policy.domains.safety?.items.hazard;
  if (hazard) hazard.path = '/hazards';
  const result = parsePolicy(policy);
  t.notOk(result.ok);
  if (!result.ok)
    t.same(
      result.errors.map((e) => e.pointer),
      ['/domains/safety/items/hazard/path'],
    );
});
