import {
  debtor,
  debtType,
  fundingSource,
  type PersonRef,
  personRef,
  postingKind,
  referenceRate,
  scheduleStructure,
} from '@zone-risk/contracts';
import { z } from 'zod';

// A debt instrument of the register (债务台账): its terms, its schedule, and its postings. Balances
// and what each scheduled payment has had are never stored on their own: they follow from the
// postings (ledger.ts), and the stored copies are recomputed in every write.

const fen = z.int().min(0);

export const instrumentRate = z.object({
  kind: z.enum(['fixed', 'floating']),
  /** The annual rate the schedule is computed with, in millionths (3.25 % = 32,500). */
  ratePpm: z.int().min(0),
  reference: referenceRate.nullable(),
  fixingPpm: z.int().min(0).nullable(),
  spreadBp: z.int().nullable(),
});
export type InstrumentRate = z.infer<typeof instrumentRate>;

export const fundingLine = z.object({ source: fundingSource, amount: fen });

export const scheduleLine = z.object({
  seq: z.int().min(1),
  periodStart: z.string(),
  periodEnd: z.string(),
  dueDate: z.string(),
  principal: fen,
  interest: fen,
  /** What the postings have met of it, principal and interest (ledger.ts). */
  paidPrincipal: fen,
  paidInterest: fen,
  /** Principal no longer owed on it: retired, written off or repaid early from the tail. */
  reducedPrincipal: fen,
  /** Interest no longer owed: nothing was outstanding before its period began. */
  waivedInterest: fen,
  overdue: z.boolean(),
  funding: z.array(fundingLine),
});
export type ScheduleLine = z.infer<typeof scheduleLine>;

export const postingState = z.object({
  id: z.string(),
  kind: postingKind,
  date: z.string(),
  principal: fen,
  interest: fen,
  balanceEffect: z.int(),
  payment: z.int().min(1).nullable(),
  counterpart: z.object({ instrumentId: z.string(), postingId: z.string() }).nullable(),
  reverses: z.string().nullable(),
  /** Set on the original when a reversal cancels it. */
  reversedBy: z.string().nullable(),
  note: z.string(),
  postedBy: personRef,
  postedAt: z.date(),
});
export type Posting = z.infer<typeof postingState>;

const link = z.object({ instrumentId: z.string(), amount: fen });

export const instrumentState = z.object({
  id: z.string(),
  zoneId: z.string(),
  debtor,
  name: z.string(),
  type: debtType,
  creditor: z.string(),
  currency: z.literal('CNY'),
  principal: fen,
  rate: instrumentRate,
  start: z.string(),
  maturity: z.string(),
  structure: scheduleStructure,
  schedule: z.array(scheduleLine),
  postings: z.array(postingState),
  balance: fen,
  status: z.enum(['active', 'settled']),
  overdueAmount: fen,
  replaces: z.array(link),
  replacedBy: z.array(link),
  note: z.string(),
  registeredBy: personRef,
  registeredAt: z.date(),
  version: z.int(),
});
export type Instrument = z.infer<typeof instrumentState>;

export type { PersonRef };

/** What is still owed on a scheduled payment, principal and interest. */
export function owed(line: ScheduleLine): { principal: number; interest: number } {
  return {
    principal: line.principal - line.reducedPrincipal - line.paidPrincipal,
    interest: line.interest - line.waivedInterest - line.paidInterest,
  };
}

/** The first payment not met in full, or null. */
export function nextPayment(instrument: Instrument): ScheduleLine | null {
  return (
    instrument.schedule.find((line) => {
      const left = owed(line);
      return left.principal + left.interest > 0;
    }) ?? null
  );
}
