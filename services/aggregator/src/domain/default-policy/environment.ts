import type { DomainPolicyInput, OverrideInput } from '../policy.ts';

// A rectification item stops weighing on the zone once it is accepted: the public notice and the
// close-out (销号) that follow are formalities, and an objection sends it back to in-progress.
const unresolved = {
  open: true,
  status: ['pending', 'in-progress', 'acceptance-requested', 'city-accepted'],
};
const centralOverdue = { open: true, source: 'central-inspection', overdue: true };

/** Environmental rectification (DOMAIN.md §2): items by source, severity, status and deadline. */
export const environmentDomain: DomainPolicyInput = {
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
      description: 'Items not yet accepted (验收): 10 or more → general (yellow), 50 or more → significant',
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
};

export const environmentOverrides: OverrideInput[] = [
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
];
