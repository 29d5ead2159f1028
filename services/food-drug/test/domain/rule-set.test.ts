import { InvalidInput } from '@zone-risk/domain-service/domain';
import t from 'tap';
import { DEFAULT_RULES } from '../../src/domain/default-rules.ts';
import { parseRuleSet, requireRuleSet, ruleSetSchema, storedRuleSet } from '../../src/domain/rule-set.ts';

type Loose = Record<string, Record<string, unknown>>;
const clone = (): Loose => structuredClone(DEFAULT_RULES) as unknown as Loose;
const section = (rules: Loose, ...path: string[]): Record<string, unknown> =>
  path.reduce<Record<string, unknown>>((node, key) => node[key] as Record<string, unknown>, rules);

t.test('the default rule set is valid and comes back from parsing unchanged', async (t) => {
  const result = parseRuleSet(DEFAULT_RULES);
  t.ok(result.ok);
  if (!result.ok) return;
  t.same(result.rules, DEFAULT_RULES);
  t.equal(result.rules.static.cap + result.rules.dynamic.cap, 100);
  t.same(result.rules.bands, { A: 30, B: 45, C: 60 });
  t.same(result.rules.checkFrequency, {
    A: { checks: 1, years: 2 },
    B: { checks: 1, years: 1 },
    C: { checks: 2, years: 1 },
    D: { checks: 3, years: 1 },
  });
});

t.test('a broken rule set lists every problem at once, each at its JSON pointer', async (t) => {
  const rules = clone();
  section(rules, 'bands').B = 25; // below A (30)
  section(rules, 'static').cap = 50; // 50 + 60 > 100
  delete section(rules, 'static', 'kinds').catering;
  delete section(rules, 'dynamic', 'factors').recall;
  section(rules, 'checkFrequency', 'A').years = 0;
  section(rules, 'checkFrequency', 'D').checks = -1;
  section(rules, 'disposal').deadlineDays = 0;
  rules.followUpDays = 2.5 as never;
  section(rules, 'overrides', 'categoryMinimum').tofu = 'C';
  const result = parseRuleSet(rules);
  t.notOk(result.ok);
  if (result.ok) return;
  const byPointer = Object.fromEntries(result.problems.map((p) => [p.pointer, p.reason]));
  t.same(Object.keys(byPointer).sort(), [
    '/bands/B',
    '/checkFrequency/A/years',
    '/checkFrequency/D/checks',
    '/disposal/deadlineDays',
    '/dynamic/cap',
    '/dynamic/factors/recall',
    '/followUpDays',
    '/overrides/categoryMinimum/tofu',
    '/static/kinds/catering',
  ]);
  t.match(byPointer, {
    '/bands/B': /must be above A \(30\)/,
    '/dynamic/cap': /static cap \(50\) \+ dynamic cap \(60\) = 110, above 100/,
    '/static/kinds/catering': /every business kind needs its points/,
    '/dynamic/factors/recall': /every dynamic factor needs its points and cap/,
    '/overrides/categoryMinimum/tofu': /not known/,
  });
});

t.test('the caps may be split otherwise than 40/60 as long as they add up to at most 100', async (t) => {
  const rules = clone();
  section(rules, 'static').cap = 40;
  section(rules, 'dynamic').cap = 40; // the 2022 draft for producers, without the credit part
  t.ok(parseRuleSet(rules).ok);
  section(rules, 'static').cap = 55;
  section(rules, 'dynamic').cap = 45;
  t.ok(parseRuleSet(rules).ok);
});

t.test('bands must rise strictly and stay within 0..100', async (t) => {
  const rules = clone();
  rules.bands = { A: 30, B: 30, C: 101 };
  const result = parseRuleSet(rules);
  t.notOk(result.ok);
  if (result.ok) return;
  // Out of range and out of order are both reported, in one go.
  t.same(result.problems.map((p) => p.pointer).sort(), ['/bands/B', '/bands/C']);
  rules.bands = { A: 30, B: 30, C: 30 };
  const equal = parseRuleSet(rules);
  t.same(equal.ok ? [] : equal.problems.map((p) => p.pointer), ['/bands/B', '/bands/C']);
});

t.test('every category needs static points and every grade a frequency', async (t) => {
  const rules = clone();
  delete section(rules, 'static', 'categories')['infant-formula'];
  delete section(rules, 'checkFrequency').C;
  const result = parseRuleSet(rules);
  t.same(result.ok ? [] : result.problems, [
    { pointer: '/static/categories/infant-formula', reason: 'every category needs its points' },
    { pointer: '/checkFrequency/C', reason: 'every grade needs its frequency' },
  ]);
});

t.test('something that is not a rule set at all is one problem at the root', async (t) => {
  const result = parseRuleSet('rules');
  t.same(result.ok ? [] : result.problems.map((p) => p.pointer), ['']);
});

t.test('requireRuleSet throws InvalidInput naming every field at fault', async (t) => {
  const rules = clone();
  section(rules, 'disposal').retestWorkingDays = 0;
  section(rules, 'dynamic').windowMonths = 0;
  const error = t.throws(() => requireRuleSet(rules)) as unknown;
  t.ok(error instanceof InvalidInput);
  if (!(error instanceof InvalidInput)) return;
  t.match(error.message, /2 problem/);
  t.same(error.fields.map((f) => f.pointer).sort(), ['/disposal/retestWorkingDays', '/dynamic/windowMonths']);
  t.same(requireRuleSet(DEFAULT_RULES), DEFAULT_RULES);
});

t.test('a stored rule set carries a version from 1', async (t) => {
  t.ok(storedRuleSet.safeParse({ ...DEFAULT_RULES, version: 1 }).success);
  t.notOk(storedRuleSet.safeParse({ ...DEFAULT_RULES, version: 0 }).success);
  t.notOk(storedRuleSet.safeParse(DEFAULT_RULES).success);
});

t.test('the schema itself refuses crossed caps and bands, as the body of PUT /rule-set', async (t) => {
  const rules = clone();
  section(rules, 'dynamic').cap = 70;
  section(rules, 'bands').C = 45;
  const result = ruleSetSchema.safeParse(rules);
  t.notOk(result.success);
  t.same(result.error?.issues.map((i) => i.path.join('/')).sort(), ['bands/C', 'dynamic/cap']);
  t.ok(ruleSetSchema.safeParse(DEFAULT_RULES).success);
});
