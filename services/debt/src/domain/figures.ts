import { debtor, debtType } from '@zone-risk/contracts';
import { z } from 'zod';
import { fundingLine, type Instrument, owed } from './instrument.ts';
import { standing } from './ledger.ts';

// What the zone-wide figures need of one instrument, and nothing else: its balance, the payments
// it still owes, and its reductions. An instrument's own document carries its postings, schedule
// and timeline, and the store reads a document whole whatever the projection; the indicators,
// the task's progress and the maturities read these small summaries instead.

const fen = z.int().min(0);

export const instrumentFigures = z.object({
  id: z.string(),
  /** The instrument's version these figures are of: an older write never replaces a newer one. */
  version: z.int(),
  name: z.string(),
  debtor,
  type: debtType,
  status: z.enum(['active', 'settled']),
  balance: fen,
  /** The payments still owed, in schedule order. */
  lines: z.array(
    z.object({
      seq: z.int(),
      dueDate: z.string(),
      owedPrincipal: fen,
      owedInterest: fen,
      overdue: z.boolean(),
      funding: z.array(fundingLine),
    }),
  ),
  /** Standing postings that lowered the balance, as the task counts them. */
  reductions: z.array(
    z.object({
      date: z.string(),
      kind: z.enum(['repayment', 'replacement', 'write-off']),
      amount: fen,
      /** An early repayment (no scheduled payment): the forecast extrapolates its pace. */
      paced: z.boolean(),
    }),
  ),
});
export type InstrumentFigures = z.infer<typeof instrumentFigures>;

const KIND = {
  repayment: 'repayment',
  'replacement-retired': 'replacement',
  'write-off': 'write-off',
} as const;

export function figuresOf(instrument: Instrument): InstrumentFigures {
  const lines = instrument.schedule
    .map((line) => ({ line, left: owed(line) }))
    .filter(({ left }) => left.principal + left.interest > 0)
    .map(({ line, left }) => ({
      seq: line.seq,
      dueDate: line.dueDate,
      owedPrincipal: left.principal,
      owedInterest: left.interest,
      overdue: line.overdue,
      funding: line.funding,
    }));
  const reductions = standing(instrument.postings).flatMap((p) => {
    const kind = KIND[p.kind as keyof typeof KIND];
    if (kind === undefined || p.principal === 0) return [];
    return [{ date: p.date, kind, amount: p.principal, paced: p.kind === 'repayment' && p.payment === null }];
  });
  return {
    id: instrument.id,
    version: instrument.version,
    name: instrument.name,
    debtor: instrument.debtor,
    type: instrument.type,
    status: instrument.status,
    balance: instrument.balance,
    lines,
    reductions,
  };
}
