import type { z } from 'zod';
import type { Indicators } from '../domain/indicators-aggregate.ts';
import { type Instrument, nextPayment, owed, type ScheduleLine } from '../domain/instrument.ts';
import { formatYuan } from '../domain/money.ts';
import { daysInYear, elapsedDays, mulDiv, type Progress } from '../domain/progress.ts';
import type { Capacity, Task } from '../domain/task.ts';
import { instrumentStateData } from '../events/state-data.ts';
import type {
  capacityView,
  indicatorsView,
  instrumentSummary,
  instrumentView,
  lineView,
  progressView,
  taskView,
} from './schemas.ts';

// From stored state to what the API answers: amounts stay fen, and people get the yuan text too.

export function toLineView(line: ScheduleLine): z.infer<typeof lineView> {
  const left = owed(line);
  const funded = line.funding.reduce((sum, f) => sum + f.amount, 0);
  return {
    seq: line.seq,
    periodStart: line.periodStart,
    periodEnd: line.periodEnd,
    dueDate: line.dueDate,
    principal: line.principal,
    interest: line.interest,
    owedPrincipal: left.principal,
    owedInterest: left.interest,
    paidPrincipal: line.paidPrincipal,
    paidInterest: line.paidInterest,
    overdue: line.overdue,
    funding: line.funding,
    funded,
  };
}

function summaryOf(i: Instrument): Omit<z.infer<typeof instrumentSummary>, 'nextPayment'> {
  const { nextPayment: _next, version: _version, ...state } = instrumentStateData(i, i.version);
  return {
    id: i.id,
    ...state,
    balanceYuan: formatYuan(i.balance),
    note: i.note,
    registeredBy: i.registeredBy,
    registeredAt: i.registeredAt.toISOString(),
    version: i.version,
  };
}

export function toInstrumentSummary(i: Instrument): z.infer<typeof instrumentSummary> {
  const next = nextPayment(i);
  return { ...summaryOf(i), nextPayment: next && toLineView(next) };
}

export function toInstrumentView(i: Instrument): z.infer<typeof instrumentView> {
  return {
    ...summaryOf(i),
    schedule: i.schedule.map(toLineView),
    postings: i.postings.map((p) => ({ ...p, postedAt: p.postedAt.toISOString() })),
  };
}

export function toProgressView(progress: Progress, day: string): z.infer<typeof progressView> {
  return {
    ...progress,
    day,
    elapsedShareBp: mulDiv(10_000, elapsedDays(progress.year, day), daysInYear(progress.year)),
    doneShareBp: mulDiv(progress.done, 10_000, progress.target),
  };
}

export function toTaskView(task: Task, progress: Progress, day: string): z.infer<typeof taskView> {
  return {
    year: task.year,
    target: task.target,
    targetYuan: formatYuan(task.target),
    counts: task.counts,
    note: task.note,
    version: task.version,
    progress: toProgressView(progress, day),
  };
}

export const toCapacityView = (c: Capacity): z.infer<typeof capacityView> => ({
  year: c.year,
  amount: c.amount,
  amountYuan: formatYuan(c.amount),
  source: c.source,
  version: c.version,
});

export function toIndicatorsView(s: Indicators): z.infer<typeof indicatorsView> {
  const { zoneId: _zone, ...rest } = s;
  return { ...rest, debtRatio: s.debtRatioBp === null ? null : `${(s.debtRatioBp / 100).toFixed(2)} %` };
}
