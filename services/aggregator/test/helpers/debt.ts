import {
  type DebtType,
  debtIndicatorsChanged,
  debtInstrumentRegistered,
  debtOverdueCleared,
  debtPaymentBecameOverdue,
  debtRepaymentPosted,
  type KnownRiskLevel,
} from '@zone-risk/contracts';
import { enterpriseCode, ZONE } from './hazards.ts';

// Debt events as the debt service publishes them (state-carrying, built and validated with the
// contracts' definitions), for the aggregator's tests: an instrument of the register, keyed by its
// own id, and the zone's indicators, one aggregate whose id is the zone's. Money in fen.

const officer = { id: 'debt-officer-1', name: '陈静' };
const YUAN = 100;
const principal = 500_000_000 * YUAN;
const firstInterest = 16_250_000 * YUAN;

function envelope(id: string, version: number, time: Date | string | undefined, zoneid = ZONE) {
  return {
    source: '/services/debt',
    zoneid,
    aggregateid: id,
    aggregateversion: version,
    correlationid: `test-${id}`,
    ...(time === undefined ? {} : { time }),
  };
}

export interface InstrumentState {
  id: string;
  version: number;
  type?: DebtType;
  /** Debtor number for `enterpriseCode` (default 1). */
  debtor?: number;
  balance?: number;
  status?: 'active' | 'settled';
  overdue?: boolean;
  overdueAmount?: number;
  time?: Date | string;
}

function posting(id: string, kind: 'opening' | 'repayment', amount: number, interest: number) {
  return {
    id,
    kind,
    date: kind === 'opening' ? '2025-03-01' : '2030-03-01',
    principal: amount,
    interest,
    balanceEffect: kind === 'opening' ? amount : -amount,
    payment: kind === 'opening' ? null : 1,
    counterpart: null,
    reverses: null,
    note: kind === 'opening' ? '期初余额' : '凭证 2030-03-001',
    postedBy: officer,
    postedAt: '2030-03-01T10:00:00+08:00',
  };
}

function instrumentData(state: InstrumentState) {
  const n = state.debtor ?? 1;
  const status = state.status ?? 'active';
  return {
    debtor: { creditCode: enterpriseCode(n), name: `开发区投资发展集团${n}` },
    name: `2025年开发区专项债券 ${state.id}`,
    type: state.type ?? 'special-bond',
    creditor: '银行间债券市场',
    currency: 'CNY' as const,
    principal,
    rate: { kind: 'fixed' as const, percent: '3.25', reference: null, fixing: null, spreadBp: null },
    start: '2025-03-01',
    maturity: '2030-03-01',
    structure: { kind: 'bullet' as const, frequency: 1 as const, dayCount: 'period' as const },
    balance: state.balance ?? (status === 'settled' ? 0 : principal),
    status,
    overdue: state.overdue ?? false,
    overdueAmount: state.overdueAmount ?? (state.overdue ? principal + firstInterest : 0),
    nextPayment:
      status === 'settled'
        ? null
        : { seq: 1, dueDate: '2030-03-01', principal, interest: firstInterest, funded: 0 },
    replaces: [],
    replacedBy: [],
    version: state.version,
  };
}

/** DebtInstrumentRegistered with its opening posting. */
export function instrumentRegistered(state: InstrumentState) {
  return debtInstrumentRegistered.create({
    ...envelope(state.id, state.version, state.time),
    data: {
      ...instrumentData(state),
      schedule: [{ seq: 1, dueDate: '2030-03-01', principal, interest: firstInterest }],
      opening: posting(`${state.id}-p1`, 'opening', principal, 0),
      registeredBy: officer,
    },
  });
}

/** DebtPaymentBecameOverdue: the due date passed with the payment unpaid (逾期), found by time. */
export function paymentOverdue(state: InstrumentState) {
  return debtPaymentBecameOverdue.create({
    ...envelope(state.id, state.version, state.time),
    data: {
      ...instrumentData({ ...state, overdue: true }),
      payment: 1,
      dueDate: '2030-03-01',
      overduePrincipal: principal,
      overdueInterest: firstInterest,
    },
  });
}

/** DebtOverdueCleared: the overdue payment was paid in full. */
export function overdueCleared(state: InstrumentState) {
  return debtOverdueCleared.create({
    ...envelope(state.id, state.version, state.time),
    data: {
      ...instrumentData({ ...state, overdue: false }),
      payment: 1,
      dueDate: '2030-03-01',
      clearedBy: `${state.id}-p2`,
    },
  });
}

/** DebtRepaymentPosted of the whole principal and interest: the instrument is settled. */
export function repaidInFull(state: InstrumentState) {
  return debtRepaymentPosted.create({
    ...envelope(state.id, state.version, state.time),
    data: {
      ...instrumentData({ ...state, status: 'settled', overdue: false }),
      posting: posting(`${state.id}-p2`, 'repayment', principal, firstInterest),
    },
  });
}

export interface IndicatorsState {
  version: number;
  /** 债务率 in basis points; null without a fiscal capacity. */
  debtRatioBp: number | null;
  unfundedAlerts?: number;
  /** How far the year's task is behind time elapsed (hundredths of a point); null: no task set. */
  behindBp?: number | null;
  overduePayments?: number;
  /** The level the debt service's own settings gave. */
  level?: KnownRiskLevel;
  previousLevel?: KnownRiskLevel | null;
  zoneid?: string;
  time?: Date | string;
}

const capacity = 5_000_000_000 * YUAN;
const target = 100_000_000 * YUAN;
/** 40 % of the year elapsed, in basis points. */
const elapsedBp = 4_000;

function taskProgress(behindBp: number) {
  const expected = (target * elapsedBp) / 10_000;
  const done = (target * Math.max(0, elapsedBp - behindBp)) / 10_000;
  return {
    year: 2030,
    target,
    done,
    expected,
    aheadFen: done - expected,
    aheadBp: -behindBp,
    behindBp,
    forecast: done,
  };
}

/** DebtIndicatorsChanged for the zone (aggregate id: the zone id). */
export function indicatorsChanged(state: IndicatorsState) {
  const zoneid = state.zoneid ?? ZONE;
  const balance = state.debtRatioBp === null ? principal : (capacity * state.debtRatioBp) / 10_000;
  const unfunded = state.unfundedAlerts ?? 0;
  const overduePayments = state.overduePayments ?? 0;
  const due = unfunded * (principal + firstInterest);
  const behindBp = state.behindBp === undefined ? 0 : state.behindBp;
  const overdueAmount = overduePayments * (principal + firstInterest);
  return debtIndicatorsChanged.create({
    ...envelope(zoneid, state.version, state.time, zoneid),
    data: {
      asOf: '2030-05-26',
      level: state.level ?? 'low',
      reasons: [],
      balance,
      balanceInScope: balance,
      capacity: state.debtRatioBp === null ? null : { year: 2029, amount: capacity },
      debtRatioBp: state.debtRatioBp,
      overdueAmount,
      overduePayments,
      overdueRateBp: balance === 0 ? null : Math.round((overdueAmount * 10_000) / balance),
      maturities: [30, 90].map((withinDays) => ({
        withinDays,
        payments: unfunded,
        due,
        funded: 0,
        unfunded: due,
      })),
      unfundedAlerts: unfunded,
      task: behindBp === null ? null : taskProgress(behindBp),
      settings: {
        bands: { general: 12_000, significant: 20_000, major: 30_000 },
        ratioScope: ['general-bond', 'special-bond', 'refinancing-bond', 'hidden'],
        overdueLevel: 'significant',
        behindPoints: 1_000,
        behindLevel: 'general',
        unfundedWithinDays: 30,
        unfundedLevel: 'general',
      },
      version: state.version,
      previousLevel: state.previousLevel ?? null,
    },
  });
}
