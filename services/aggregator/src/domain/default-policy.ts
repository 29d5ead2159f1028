import type { PolicyInput } from './policy.ts';

const openGeneral = { open: true, grade: 'general' };
const openMajor = { open: true, grade: 'major' };
// A rectification item stops weighing on the zone once it is accepted: the public notice and the
// close-out (销号) that follow are formalities, and an objection sends it back to in-progress.
const unresolved = {
  open: true,
  status: ['pending', 'in-progress', 'acceptance-requested', 'city-accepted'],
};
const centralOverdue = { open: true, source: 'central-inspection', overdue: true };
// 特殊食品 for infants and patients, and school canteens: who eats there cannot protect themselves,
// and an incident there is a mass one. Other categories weigh as any business's.
const vulnerableCategories = ['infant-formula', 'special-medical-food', 'school-canteen'];
const caseOverdue = { open: true, overdue: true };
const vulnerableCaseOverdue = { ...caseOverdue, categories: { includes: vulnerableCategories } };

/**
 * The policy shipped with the service, stored as version 1 on first start. It encodes DOMAIN.md
 * for the domains that publish today, workplace safety, environmental rectification and food and
 * drug supervision; the numbers are judgement calls, documented in the README and meant to be
 * tuned by the risk office with PUT /policy. A deployment that stored an earlier default keeps it:
 * the shipped default reaches it only through PUT /policy. Debt joins here once it publishes: a
 * domain listed without a publisher would stay `unknown` and, with `hide-low`, keep the zone from
 * ever showing blue.
 */
export const defaultPolicy: PolicyInput = {
  description:
    'Default policy: workplace safety hidden hazards, environmental rectification items, food and drug disposal cases, business grades and sampling (DOMAIN.md §1, §2, §3, §5)',
  // The domain services beat every 10 s: two minutes is twelve missed beats, enough
  // to ride out a restart or a Kafka hiccup without flashing grey.
  stalenessSeconds: 120,
  scoreFloors: { low: 0, general: 25, significant: 50, major: 75 },
  domains: {
    safety: {
      description: 'Hidden hazards (隐患) by grade, status, deadline and 挂牌督办 supervision',
      items: {
        hazard: {
          attributes: [
            'grade',
            'category',
            'status',
            'overdue',
            'supervised',
            'deadline',
            'supervisionDeadline',
          ],
          closedWhen: { status: 'closed' },
          label: 'description',
          path: '/hazards/{id}',
          counters: ['grade', 'status', 'overdue', 'supervised'],
        },
      },
      rules: [
        {
          id: 'safety.general-open',
          kind: 'count',
          description:
            'Open general hazards (一般隐患): 5 or more → general (yellow), 30 or more → significant',
          aggregateType: 'hazard',
          where: openGeneral,
          levels: [
            { atLeast: 5, level: 'general' },
            { atLeast: 30, level: 'significant' },
          ],
          points: { perItem: 2, max: 30 },
        },
        {
          id: 'safety.general-overdue',
          kind: 'count',
          description: 'Overdue general hazards: any → general (yellow), 10 or more → significant',
          aggregateType: 'hazard',
          where: { ...openGeneral, overdue: true },
          levels: [
            { atLeast: 1, level: 'general' },
            { atLeast: 10, level: 'significant' },
          ],
          points: { perItem: 5, max: 30 },
        },
        {
          id: 'safety.major-open',
          kind: 'count',
          description: 'Any open major hazard (重大事故隐患) → at least significant (orange)',
          aggregateType: 'hazard',
          where: openMajor,
          levels: [{ atLeast: 1, level: 'significant' }],
          points: { perItem: 15, max: 45 },
        },
        {
          id: 'safety.major-overdue',
          kind: 'count',
          description: 'An overdue major hazard → major (red)',
          aggregateType: 'hazard',
          where: { ...openMajor, overdue: true },
          levels: [{ atLeast: 1, level: 'major' }],
          points: { perItem: 25, max: 50 },
        },
        {
          id: 'safety.major-supervised',
          kind: 'count',
          description: 'A major hazard under government supervision (挂牌督办) → major (red)',
          aggregateType: 'hazard',
          where: { ...openMajor, supervised: true },
          levels: [{ atLeast: 1, level: 'major' }],
          points: { perItem: 20, max: 40 },
        },
      ],
    },
    environment: {
      description:
        'Rectification items (整改事项) by source, severity, status and deadline; central inspection items weigh most',
      items: {
        'rectification-item': {
          attributes: ['source', 'category', 'severity', 'status', 'overdue', 'deadline', 'recurrences'],
          closedWhen: { status: 'closed' },
          label: 'problem',
          path: '/items/{id}',
          counters: ['source', 'severity', 'status', 'overdue'],
        },
      },
      rules: [
        {
          id: 'environment.unresolved',
          kind: 'count',
          description:
            'Items not yet accepted (验收): 10 or more → general (yellow), 50 or more → significant',
          aggregateType: 'rectification-item',
          where: unresolved,
          levels: [
            { atLeast: 10, level: 'general' },
            { atLeast: 50, level: 'significant' },
          ],
          points: { perItem: 1, max: 20 },
        },
        {
          id: 'environment.major-unresolved',
          kind: 'count',
          description:
            'A major (重大) problem not yet accepted → at least general (yellow), 3 or more → significant',
          aggregateType: 'rectification-item',
          where: { ...unresolved, severity: 'major' },
          levels: [
            { atLeast: 1, level: 'general' },
            { atLeast: 3, level: 'significant' },
          ],
          points: { perItem: 10, max: 30 },
        },
        {
          id: 'environment.overdue',
          kind: 'count',
          description:
            'Items past their deadline (整改时限) and not accepted: any → general, 5 or more → significant',
          aggregateType: 'rectification-item',
          where: { open: true, overdue: true },
          levels: [
            { atLeast: 1, level: 'general' },
            { atLeast: 5, level: 'significant' },
          ],
          points: { perItem: 5, max: 30 },
        },
        {
          id: 'environment.provincial-overdue',
          kind: 'count',
          description: 'An overdue provincial inspection item (省级督察) → significant (orange)',
          aggregateType: 'rectification-item',
          where: { open: true, source: 'provincial-inspection', overdue: true },
          levels: [{ atLeast: 1, level: 'significant' }],
          points: { perItem: 15, max: 30 },
        },
        {
          id: 'environment.central-overdue',
          kind: 'count',
          description: 'An overdue central inspection item (中央生态环境保护督察) → major (red)',
          aggregateType: 'rectification-item',
          where: centralOverdue,
          levels: [{ atLeast: 1, level: 'major' }],
          points: { perItem: 25, max: 50 },
        },
      ],
    },
    'food-drug': {
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
          description:
            'Unqualified samples (抽检不合格) taken in the last 30 days: 3 or more → general (yellow)',
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
    },
  },
  zone: {
    unknownDomains: 'hide-low',
    overrides: [
      {
        id: 'zone.safety.major-overdue',
        kind: 'items',
        description: 'An overdue major hazard makes the zone red, even while the safety feed is stale',
        domain: 'safety',
        aggregateType: 'hazard',
        where: { ...openMajor, overdue: true },
        atLeast: 1,
        level: 'major',
      },
      {
        id: 'zone.safety.major-supervised',
        kind: 'items',
        description: 'A major hazard under 挂牌督办 makes the zone red, even while the safety feed is stale',
        domain: 'safety',
        aggregateType: 'hazard',
        where: { ...openMajor, supervised: true },
        atLeast: 1,
        level: 'major',
      },
      {
        id: 'zone.environment.central-overdue',
        kind: 'items',
        description:
          'An overdue central inspection item makes the zone red, even while the environment feed is stale',
        domain: 'environment',
        aggregateType: 'rectification-item',
        where: centralOverdue,
        atLeast: 1,
        level: 'major',
      },
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
    ],
  },
};
