import type { DomainPolicyInput, OverrideInput } from '../policy.ts';

const openGeneral = { open: true, grade: 'general' };
const openMajor = { open: true, grade: 'major' };

/** Workplace safety (DOMAIN.md §1): hidden hazards by grade, deadline and 挂牌督办. */
export const safetyDomain: DomainPolicyInput = {
  description: 'Hidden hazards (隐患) by grade, status, deadline and 挂牌督办 supervision',
  items: {
    hazard: {
      attributes: ['grade', 'category', 'status', 'overdue', 'supervised', 'deadline', 'supervisionDeadline'],
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
      description: 'Open general hazards (一般隐患): 5 or more → general (yellow), 30 or more → significant',
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
};

export const safetyOverrides: OverrideInput[] = [
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
];
