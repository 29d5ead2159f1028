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

/**
 * The policy shipped with the service, stored as version 1 on first start. It encodes DOMAIN.md
 * for the domains that publish today, workplace safety and environmental rectification; the
 * numbers are judgement calls, documented in the README and meant to be tuned by the risk office
 * with PUT /policy. Food-drug and debt join here once they publish: a domain listed without a
 * publisher would stay `unknown` and, with `hide-low`, keep the zone from ever showing blue.
 */
export const defaultPolicy: PolicyInput = {
  description:
    'Default policy: workplace safety hidden hazards and environmental rectification items (DOMAIN.md §1, §2, §5)',
  // The safety and environment services beat every 10 s: two minutes is twelve missed beats, enough
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
    ],
  },
};
