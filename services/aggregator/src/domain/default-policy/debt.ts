import type { DomainPolicyInput, OverrideInput } from '../policy.ts';

// The debt service publishes two things the zone status reads: each instrument of the register
// (its balance and overdue position after every event) and the zone's indicators, one aggregate
// per zone whose id is the zone id. The bands are the commonly cited, unverified 120 / 200 / 300 %
// of DOMAIN.md §4, in basis points like the contract (15,234 = 152.34 %). They are the risk
// office's, not the debt service's: its own settings give the `level` kept on the indicators, shown
// in the drill-down, and the two can differ until someone aligns them.

/** Debt reduction (DOMAIN.md §4): instruments of the register and the zone's debt indicators. */
export const debtDomain: DomainPolicyInput = {
  description:
    'Debt instruments of the register (债务台账) and the zone’s debt indicators: debt ratio (债务率), overdue payments (逾期), unfunded maturities, the year’s task against time elapsed (序时进度)',
  items: {
    'debt-instrument': {
      attributes: ['type', 'status', 'overdue', 'overdueAmount', 'balance'],
      closedWhen: { status: 'settled' },
      enterprise: 'debtor',
      label: 'name',
      path: '/instruments/{id}',
      counters: ['type', 'overdue'],
    },
    // One per zone, recomputed by the service after every posting and by time: it never closes.
    // A path must carry {id}; the id is the zone's, so the link is /indicators/<zone id>.
    'debt-indicators': {
      attributes: ['debtRatioBp', 'overduePayments', 'unfundedAlerts', 'behindBp', 'level'],
      from: { behindBp: 'task.behindBp' },
      path: '/indicators/{id}',
    },
  },
  rules: [
    {
      id: 'debt.ratio',
      kind: 'value',
      description:
        'Debt ratio (债务率 = balance ÷ comprehensive fiscal capacity, basis points): 120 % → general (yellow), 200 % → significant (orange), 300 % → major (red)',
      aggregateType: 'debt-indicators',
      where: {},
      attribute: 'debtRatioBp',
      aggregate: 'max',
      bands: [
        { atLeast: 12_000, level: 'general' },
        { atLeast: 20_000, level: 'significant' },
        { atLeast: 30_000, level: 'major' },
      ],
      // ¼ point per percentage point: 30 at 120 %, 50 at 200 %, 75 at 300 % — at or above each
      // band's floor, so the trend line does not jump at a band edge; 100 from 400 %.
      points: { perUnit: 0.0025, max: 100 },
    },
    {
      id: 'debt.overdue',
      kind: 'count',
      description: 'Instruments with an overdue payment (逾期): any → at least significant (orange)',
      aggregateType: 'debt-instrument',
      where: { open: true, overdue: true },
      levels: [{ atLeast: 1, level: 'significant' }],
      points: { perItem: 15, max: 30 },
    },
    {
      id: 'debt.unfunded-maturity',
      kind: 'value',
      description:
        'Payments falling due within the alert window with no funds assigned (资金来源未落实): any → general (yellow)',
      aggregateType: 'debt-indicators',
      where: {},
      attribute: 'unfundedAlerts',
      aggregate: 'max',
      bands: [{ atLeast: 1, level: 'general' }],
      points: { perUnit: 5, max: 15 },
    },
    {
      id: 'debt.behind-schedule',
      kind: 'value',
      description:
        'The year’s reduction task behind time elapsed (序时进度, hundredths of a percentage point): more than 10 points → general (yellow)',
      aggregateType: 'debt-indicators',
      where: {},
      attribute: 'behindBp',
      aggregate: 'max',
      bands: [{ atLeast: 1_001, level: 'general' }],
      points: { perUnit: 0.01, max: 20 },
    },
  ],
};

export const debtOverrides: OverrideInput[] = [
  {
    id: 'zone.debt.red',
    kind: 'domain-level',
    description:
      'Debt at red (a debt ratio of 300 % or more) makes the zone red; it rests on the domain’s level, so it does not hold while the debt feed is stale',
    domain: 'debt',
    atLeast: 'major',
    level: 'major',
  },
];
