import type { Indicators } from '../domain/indicators-aggregate.ts';
import { type Instrument, nextPayment } from '../domain/instrument.ts';
import { formatPercent } from '../domain/rate.ts';
import type { Capacity, Task } from '../domain/task.ts';

// The state every event of each aggregate carries, so a consumer that keeps the latest event per
// aggregate — the aggregator — rates the debt without replaying the postings.

export function rateData(rate: Instrument['rate']) {
  return {
    kind: rate.kind,
    percent: formatPercent(rate.ratePpm),
    reference: rate.reference,
    fixing: rate.fixingPpm === null ? null : formatPercent(rate.fixingPpm),
    spreadBp: rate.spreadBp,
  };
}

export const instrumentStateData = (i: Instrument, version: number) => {
  const next = nextPayment(i);
  return {
    debtor: i.debtor,
    name: i.name,
    type: i.type,
    creditor: i.creditor,
    currency: i.currency,
    principal: i.principal,
    rate: rateData(i.rate),
    start: i.start,
    maturity: i.maturity,
    structure: i.structure,
    balance: i.balance,
    status: i.status,
    overdue: i.overdueAmount > 0,
    overdueAmount: i.overdueAmount,
    nextPayment: next && {
      seq: next.seq,
      dueDate: next.dueDate,
      principal: next.principal,
      interest: next.interest,
      funded: next.funding.reduce((sum, f) => sum + f.amount, 0),
    },
    replaces: i.replaces,
    replacedBy: i.replacedBy,
    version,
  };
};

export const taskStateData = (t: Task, version: number) => ({
  year: t.year,
  target: t.target,
  counts: t.counts,
  note: t.note,
  version,
});

export const capacityStateData = (c: Capacity, version: number) => ({
  year: c.year,
  amount: c.amount,
  source: c.source,
  version,
});

export const indicatorsStateData = (s: Indicators, version: number) => {
  const { id: _id, zoneId: _zone, version: _version, ...rest } = s;
  return { ...rest, version };
};
