import type { DomainPolicyInput, OverrideInput } from '../policy.ts';

// 特殊食品 for infants and patients, and school canteens: who eats there cannot protect themselves,
// and an incident there is a mass one. Other categories weigh as any business's.
const vulnerableCategories = ['infant-formula', 'special-medical-food', 'school-canteen'];
const caseOverdue = { open: true, overdue: true };
const vulnerableCaseOverdue = { ...caseOverdue, categories: { includes: vulnerableCategories } };

/** Food and drug supervision (DOMAIN.md §3): disposal cases, business grades and sampling. */
export const foodDrugDomain: DomainPolicyInput = {
  description:
    'Disposal cases (核查处置) of unqualified samples and failed checks, business risk grades (风险分级) and sampling (抽检) results',
  items: {
    'disposal-case': {
      attributes: ['status', 'overdue', 'deadline', 'closedAs', 'kind', 'categories'],
      from: { kind: 'business.kind', categories: 'business.categories' },
      closedWhen: { status: 'closed' },
      enterprise: 'business',
      path: '/disposal-cases/{id}',
      counters: ['status', 'overdue'],
    },
    // A business is an entry of the register, not a task: it never closes.
    'food-drug-business': {
      attributes: ['grade', 'score', 'seriousViolation', 'checkOverdue', 'kind', 'categories'],
      enterprise: '.',
      label: 'name',
      path: '/businesses/{id}',
      counters: ['grade', 'checkOverdue', 'seriousViolation'],
    },
    // A sample is recorded once. A qualified one is closed at once (kept for the drill-down,
    // then retired); an unqualified one stays open, no event ends it — its disposal case carries
    // the handling, and the rule reads only the last 30 days.
    'food-drug-sample': {
      attributes: ['verdict', 'sampledOn', 'caseId', 'categories'],
      from: { categories: 'business.categories' },
      closedWhen: { verdict: 'qualified' },
      enterprise: 'business',
      label: 'product',
      path: '/samples/{id}',
    },
  },
  rules: [
    {
      id: 'food-drug.case-open',
      kind: 'count',
      description:
        'Open disposal cases (核查处置, until 结案): any → general (yellow), 5 or more → significant',
      aggregateType: 'disposal-case',
      where: { open: true },
      levels: [
        { atLeast: 1, level: 'general' },
        { atLeast: 5, level: 'significant' },
      ],
      points: { perItem: 5, max: 25 },
    },
    {
      id: 'food-drug.case-overdue',
      kind: 'count',
      description: 'A disposal case past its deadline and not closed → significant (orange)',
      aggregateType: 'disposal-case',
      where: caseOverdue,
      levels: [{ atLeast: 1, level: 'significant' }],
      points: { perItem: 15, max: 30 },
    },
    {
      id: 'food-drug.vulnerable-case-overdue',
      kind: 'count',
      description:
        'An overdue disposal case at a business handling infant formula (婴幼儿配方食品), special medical food (特医食品) or running a school canteen (学校食堂) → major (red)',
      aggregateType: 'disposal-case',
      where: vulnerableCaseOverdue,
      levels: [{ atLeast: 1, level: 'major' }],
      points: { perItem: 25, max: 50 },
    },
    {
      id: 'food-drug.d-grade-check-overdue',
      kind: 'count',
      description:
        'A D-grade (highest risk) business whose checks fell behind its grade’s minimum → significant (orange)',
      aggregateType: 'food-drug-business',
      where: { grade: 'D', checkOverdue: true },
      levels: [{ atLeast: 1, level: 'significant' }],
      points: { perItem: 10, max: 30 },
    },
    {
      id: 'food-drug.unqualified-samples',
      kind: 'count',
      description: 'Unqualified samples (抽检不合格) taken in the last 30 days: 3 or more → general (yellow)',
      aggregateType: 'food-drug-sample',
      where: { verdict: 'unqualified', sampledOn: { withinDays: 30 } },
      levels: [{ atLeast: 3, level: 'general' }],
      points: { perItem: 3, max: 15 },
    },
    {
      id: 'food-drug.serious-violation',
      kind: 'count',
      description:
        'Businesses on the serious-violation list (严重违法失信名单): points only — the list already makes them D',
      aggregateType: 'food-drug-business',
      where: { seriousViolation: true },
      points: { perItem: 10, max: 20 },
    },
  ],
};

export const foodDrugOverrides: OverrideInput[] = [
  {
    id: 'zone.food-drug.vulnerable-case-overdue',
    kind: 'items',
    description:
      'An overdue disposal case at an infant formula, special medical food or school canteen business makes the zone red, even while the food-drug feed is stale',
    domain: 'food-drug',
    aggregateType: 'disposal-case',
    where: vulnerableCaseOverdue,
    atLeast: 1,
    level: 'major',
  },
];
