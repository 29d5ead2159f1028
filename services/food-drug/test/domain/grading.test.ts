import { gradeTrace } from '@zone-risk/contracts';
import { InvalidInput } from '@zone-risk/domain-service/domain';
import t from 'tap';
import { DEFAULT_RULES } from '../../src/domain/default-rules.ts';
import {
  addMonths,
  type GradingInput,
  gradeBusiness,
  nextExpiry,
  type RecordEntry,
  sameTrace,
} from '../../src/domain/grading.ts';
import type { RuleSet } from '../../src/domain/rule-set.ts';

const RULES = { ...DEFAULT_RULES, version: 3 };
const DAY = '2026-03-10';

let refs = 0;
const entry = (
  kind: RecordEntry['kind'],
  date: string,
  result: string | null = null,
  voided = false,
): RecordEntry => ({
  kind,
  ref: `${kind}-${++refs}`,
  date,
  result,
  void: voided,
});
const business = (overrides: Partial<GradingInput> = {}): GradingInput => ({
  kind: 'food-sale',
  categories: [],
  seriousViolation: false,
  record: [],
  ...overrides,
});
const withRules = (change: (rules: RuleSet) => void) => {
  const rules = structuredClone(RULES);
  change(rules);
  return rules;
};

t.test('a business with no record is graded by its static points alone, and the trace says so', async (t) => {
  const graded = gradeBusiness(business({ kind: 'food-sale', categories: ['liquor'] }), RULES, DAY);
  t.equal(graded.grade, 'A');
  t.equal(graded.score, 13);
  t.same(graded.trace, {
    static: [
      { factor: 'kind:food-sale', label: '食品销售', count: null, points: 8 },
      { factor: 'category:liquor', label: '酒类', count: null, points: 5 },
    ],
    staticPoints: 13,
    dynamic: [],
    dynamicPoints: 0,
    scoreGrade: 'A',
    overrides: [],
    ruleSetVersion: 3,
    day: DAY,
  });
  t.ok(gradeTrace.safeParse(graded.trace).success, 'the trace is what the contract publishes');
});

t.test('static points add up over the categories and stop at the static cap', async (t) => {
  const graded = gradeBusiness(
    business({ kind: 'food-production', categories: ['dairy', 'infant-formula'] }),
    RULES,
    DAY,
  );
  t.same(
    graded.trace.static.map((f) => [f.factor, f.points]),
    [
      ['kind:food-production', 20],
      ['category:infant-formula', 20],
      ['category:dairy', 10],
    ],
  );
  t.equal(graded.trace.staticPoints, 40);
  t.equal(graded.score, 40);
});

t.test('the same categories in another order or twice give the same trace', async (t) => {
  const a = gradeBusiness(business({ categories: ['liquor', 'dairy'] }), RULES, DAY);
  const b = gradeBusiness(business({ categories: ['dairy', 'liquor', 'dairy'] }), RULES, DAY);
  t.same(a.trace, b.trace);
});

t.test('a kind or category worth 0 points is left out of the trace', async (t) => {
  const rules = withRules((r) => {
    r.static.kinds['food-sale'] = 0;
  });
  const graded = gradeBusiness(business({ categories: ['liquor'] }), rules, DAY);
  t.same(
    graded.trace.static.map((f) => f.factor),
    ['category:liquor'],
  );
});

t.test('each record entry in the window gives its factor’s points, up to the factor’s cap', async (t) => {
  const record = [
    entry('check', '2026-01-05', 'non-conforming'),
    entry('check', '2025-11-05', 'non-conforming'),
    entry('check', '2025-06-05', 'non-conforming'),
    entry('check', '2025-09-01', 'basically-conforming'),
    entry('check', '2025-10-01', 'conforming'),
  ];
  const graded = gradeBusiness(business({ record }), RULES, DAY);
  t.same(graded.trace.dynamic, [
    { factor: 'check:non-conforming', label: '监督检查不符合', count: 3, points: 30 },
    { factor: 'check:basically-conforming', label: '监督检查基本符合（限期整改）', count: 1, points: 5 },
  ]);
  t.equal(graded.trace.dynamicPoints, 35);
  t.equal(graded.score, 43);
  t.equal(graded.grade, 'B');
});

t.test('the factors together stop at the dynamic cap', async (t) => {
  const record = [
    entry('penalty', '2026-01-01'),
    entry('penalty', '2026-01-02'),
    entry('recall', '2026-01-03'),
    entry('recall', '2026-01-04'),
    entry('sample', '2026-01-05', 'unqualified'),
    entry('complaint', '2026-01-06', 'substantiated'),
  ];
  const graded = gradeBusiness(business({ record }), RULES, DAY);
  t.same(
    graded.trace.dynamic.map((f) => [f.factor, f.count, f.points]),
    [
      ['sample:unqualified', 1, 15],
      ['complaint:substantiated', 1, 5],
      ['penalty', 2, 40],
      ['recall', 2, 30],
    ],
  );
  t.equal(graded.trace.dynamicPoints, 60);
  t.equal(graded.score, 68);
  t.equal(graded.grade, 'D');
});

t.test('an entry counts from its own date until the day before the same date a window later', async (t) => {
  const gradeWith = (date: string, day = DAY) =>
    gradeBusiness(business({ record: [entry('penalty', date)] }), RULES, day).trace.dynamicPoints;
  t.equal(gradeWith(DAY), 20, 'dated today: counts');
  t.equal(gradeWith('2025-03-11'), 20, 'the last day it counts is the day before its anniversary');
  t.equal(gradeWith('2025-03-10'), 0, 'on its anniversary it has left');
  t.equal(gradeWith('2026-03-11'), 0, 'an entry after the day does not count');
  t.equal(gradeWith('2024-02-29', '2025-02-27'), 20, 'a leap day counts until 27 February');
  t.equal(gradeWith('2024-02-29', '2025-02-28'), 0, 'and leaves on 28 February, the month having no 29th');
});

t.test('a window of another length moves the edge with it', async (t) => {
  const rules = withRules((r) => {
    r.dynamic.windowMonths = 24;
  });
  const graded = gradeBusiness(business({ record: [entry('recall', '2024-03-11')] }), rules, DAY);
  t.equal(graded.trace.dynamicPoints, 15);
});

t.test('void entries and results that carry no risk never count', async (t) => {
  const record = [
    entry('sample', '2026-01-05', 'unqualified', true),
    entry('penalty', '2026-01-05', null, true),
    entry('sample', '2026-01-06', 'qualified'),
    entry('complaint', '2026-01-07', 'unsubstantiated'),
    entry('check', '2026-01-08', 'conforming'),
  ];
  const graded = gradeBusiness(business({ record }), RULES, DAY);
  t.same(graded.trace.dynamic, []);
  t.equal(graded.score, 8);
});

t.test(
  'a business on the serious-violation list is D whatever its score, and the trace names the override',
  async (t) => {
    const graded = gradeBusiness(business({ seriousViolation: true }), RULES, DAY);
    t.equal(graded.trace.scoreGrade, 'A');
    t.equal(graded.grade, 'D');
    t.same(graded.trace.overrides, [
      { rule: 'serious-violation', label: '列入严重违法失信名单', grade: 'D' },
    ]);
  },
);

t.test('a category minimum raises the grade but never lowers it', async (t) => {
  const canteen = gradeBusiness(
    business({ kind: 'unit-canteen', categories: ['school-canteen'] }),
    RULES,
    DAY,
  );
  t.equal(canteen.score, 30);
  t.equal(canteen.trace.scoreGrade, 'A');
  t.equal(canteen.grade, 'B');
  t.same(canteen.trace.overrides, [
    { rule: 'category-minimum:school-canteen', label: '学校食堂不低于B级', grade: 'B' },
  ]);

  const record = [
    entry('penalty', '2026-01-01'),
    entry('penalty', '2026-02-01'),
    entry('recall', '2026-02-02'),
  ];
  const bad = gradeBusiness(
    business({ kind: 'unit-canteen', categories: ['school-canteen'], record }),
    RULES,
    DAY,
  );
  t.equal(bad.grade, 'D', 'a D score stays D');
  t.same(bad.trace.overrides, [], 'an override that does not raise is not listed');
});

t.test('every override above the score grade is listed; the highest wins', async (t) => {
  const graded = gradeBusiness(
    business({
      kind: 'food-production',
      categories: ['school-canteen', 'infant-formula'],
      seriousViolation: true,
    }),
    withRules((r) => {
      r.static.kinds['food-production'] = 0;
      r.static.categories['infant-formula'] = 0;
      r.static.categories['school-canteen'] = 0;
    }),
    DAY,
  );
  t.equal(graded.trace.scoreGrade, 'A');
  t.same(
    graded.trace.overrides.map((o) => [o.rule, o.grade]),
    [
      ['serious-violation', 'D'],
      ['category-minimum:infant-formula', 'C'],
      ['category-minimum:school-canteen', 'B'],
    ],
  );
  t.equal(graded.grade, 'D');
});

t.test('the bands hold at their edges: 30 A, 31 B, 45 B, 46 C, 60 C, 61 D', async (t) => {
  // Kind points up to 40, then one point per substantiated complaint: any score from 0 to 100.
  const rules = withRules((r) => {
    r.dynamic.factors['complaint:substantiated'] = { points: 1, cap: 60 };
  });
  const cases: [number, string][] = [
    [0, 'A'],
    [30, 'A'],
    [31, 'B'],
    [45, 'B'],
    [46, 'C'],
    [60, 'C'],
    [61, 'D'],
    [100, 'D'],
  ];
  for (const [score, expected] of cases) {
    rules.static.kinds['food-sale'] = Math.min(score, 40);
    const record = Array.from({ length: score - Math.min(score, 40) }, (_, i) =>
      entry('complaint', addMonths('2026-01-01', -(i % 6)), 'substantiated'),
    );
    const graded = gradeBusiness(business({ record }), rules, DAY);
    t.equal(graded.score, score);
    t.equal(graded.grade, expected, `score ${score} is ${expected}`);
  }
});

t.test('a bad day to grade on is refused in domain words', async (t) => {
  t.throws(() => gradeBusiness(business(), RULES, '2026-13-01'), InvalidInput);
  t.throws(() => nextExpiry([], RULES, '10/03/2026'), InvalidInput);
});

t.test('sameTrace ignores the day but nothing else', async (t) => {
  const input = business({ categories: ['dairy'], record: [entry('penalty', '2026-01-01')] });
  const today = gradeBusiness(input, RULES, DAY).trace;
  const later = gradeBusiness(input, RULES, '2026-06-30').trace;
  t.not(today.day, later.day);
  t.ok(sameTrace(today, later), 'nothing but the day changed');

  // As read back from a store that kept the keys in another order.
  const shuffled = Object.fromEntries(Object.entries(structuredClone(today)).reverse()) as typeof today;
  t.ok(sameTrace(today, shuffled), 'key order does not matter');

  t.notOk(
    sameTrace(today, gradeBusiness(input, { ...RULES, version: 4 }, DAY).trace),
    'another rule-set version',
  );
  t.notOk(sameTrace(today, gradeBusiness(input, RULES, '2027-01-01').trace), 'the penalty left the window');
  const more = business({ ...input, record: [...input.record, entry('recall', '2026-02-01')] });
  t.notOk(sameTrace(today, gradeBusiness(more, RULES, DAY).trace), 'a new entry');
});

t.test(
  'nextExpiry is the first day a counted entry leaves the window, and grading then shows it gone',
  async (t) => {
    const record = [
      entry('penalty', '2025-09-15'),
      entry('sample', '2025-05-20', 'unqualified'),
      entry('sample', '2025-04-01', 'unqualified', true), // void: leaves nothing
      entry('check', '2025-04-02', 'conforming'), // carries no risk
      entry('recall', '2025-01-10'), // already out of the window
    ];
    const expiry = nextExpiry(record, RULES, DAY);
    t.equal(expiry, '2026-05-20');
    if (!expiry) return;
    const before = gradeBusiness(business({ record }), RULES, '2026-05-19');
    const after = gradeBusiness(business({ record }), RULES, expiry);
    t.equal(before.trace.dynamicPoints, 35);
    t.equal(after.trace.dynamicPoints, 20);
    t.equal(nextExpiry(record, RULES, expiry), '2026-09-15');
    t.equal(nextExpiry(record, RULES, '2026-09-15'), null, 'nothing counts any more');
    t.equal(nextExpiry([], RULES, DAY), null);
  },
);

t.test('addMonths keeps the date or falls back to the end of a shorter month', async (t) => {
  t.equal(addMonths('2025-03-10', 12), '2026-03-10');
  t.equal(addMonths('2025-01-31', 1), '2025-02-28');
  t.equal(addMonths('2024-01-31', 1), '2024-02-29');
  t.equal(addMonths('2025-11-30', 3), '2026-02-28');
  t.equal(addMonths('2026-01-15', -1), '2025-12-15');
});
