import t from 'tap';
import { defaultPolicy } from '../../src/domain/default-policy.ts';
import { type PolicyInput, parsePolicy } from '../../src/domain/policy.ts';

const clone = (): PolicyInput => structuredClone(defaultPolicy);

t.test('the shipped default policy is valid and fills its defaults', async (t) => {
  const result = parsePolicy(defaultPolicy);
  t.ok(result.ok);
  if (!result.ok) return;
  t.equal(result.policy.zone.unknownDomains, 'hide-low');
  t.same(Object.keys(result.policy.domains), ['safety', 'environment']);
  t.equal(result.policy.domains.safety?.rules.length, 5);
  t.equal(result.policy.domains.environment?.rules.length, 5);
  t.same(
    result.policy.zone.overrides.map((o) => o.id),
    ['zone.safety.major-overdue', 'zone.safety.major-supervised', 'zone.environment.central-overdue'],
  );
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
    id: 'zone.debt.red',
    kind: 'domain-level',
    description: 'debt is not in this policy',
    domain: 'debt',
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
    '/zone/overrides/3/domain': /not a domain of this policy/,
  });
  t.equal(result.errors.length, 8, 'every problem, not just the first');
});

t.test('value rules need a kept numeric attribute and ascending bands', async (t) => {
  const policy = clone();
  policy.domains.debt = {
    items: {
      indicator: { attributes: ['debtRatio'], closedWhen: { debtRatio: null }, path: '/indicators/{id}' },
    },
    rules: [
      {
        id: 'debt.ratio',
        kind: 'value',
        description: 'Debt ratio bands',
        aggregateType: 'indicator',
        where: {},
        attribute: 'balance',
        aggregate: 'max',
        bands: [
          { atLeast: 3, level: 'major' },
          { atLeast: 2, level: 'significant' },
        ],
      },
    ],
  };
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
