import { endOfZoneDay } from '@zone-risk/calendar';
import type { Instrument, Posting, ScheduleLine } from './instrument.ts';
import { owed } from './instrument.ts';

// The ledger rule: an instrument's balance is the sum of its postings' effects, and what each
// scheduled payment still owes follows from the postings alone. `settle` recomputes both from
// scratch in every write, so the stored copies can always be checked by replaying the postings.
//
// - A repayment against payment N meets that payment's principal and interest.
// - The balance is spread over the schedule from the last payment back, each payment taking at
//   most what is scheduled on it less what was paid against it. What the balance does not reach
//   is met already: principal repaid before the register (an opening balance below the
//   principal), paid ahead (an early repayment meets the next payments in order), retired by a
//   replacement or written off.
// - Interest is as scheduled. Payments due on or before the opening day were met before the
//   register; once nothing is outstanding, interest falling due after the last posting is not owed.

/** What a posting of each kind does to the balance, before reversals. */
export function balanceEffect(kind: Posting['kind'], principal: number): number {
  switch (kind) {
    case 'opening':
    case 'borrowing':
    case 'replacement-issued':
      return principal;
    case 'repayment':
    case 'replacement-retired':
    case 'write-off':
      return -principal;
    case 'reversal':
      throw new Error('a reversal’s effect is the opposite of the posting it cancels');
  }
}

/** The postings that still count: neither reversed nor a reversal. */
export const standing = (postings: readonly Posting[]) =>
  postings.filter((p) => p.kind !== 'reversal' && p.reversedBy === null);

/** The balance: the sum of every posting's effect, reversals included. */
export function balanceOf(postings: readonly Posting[]): number {
  return postings.reduce((sum, p) => sum + p.balanceEffect, 0);
}

/** The day the opening balance was taken: payments due by then were met before the register. */
export function openingDay(instrument: Pick<Instrument, 'postings' | 'start'>): string {
  const opening = instrument.postings.find((p) => p.kind === 'opening' || p.kind === 'borrowing');
  return opening?.date ?? instrument.start;
}

/** The schedule, balance, status and overdue amount the postings give at `now`. */
export function settle(instrument: Instrument, now: Date): Instrument {
  const postings = instrument.postings;
  const balance = balanceOf(postings);
  const counted = standing(postings);
  const paid = new Map<number, { principal: number; interest: number }>();
  for (const p of counted) {
    if (p.kind !== 'repayment' || p.payment === null) continue;
    const sofar = paid.get(p.payment) ?? { principal: 0, interest: 0 };
    paid.set(p.payment, { principal: sofar.principal + p.principal, interest: sofar.interest + p.interest });
  }
  const opened = openingDay(instrument);
  // Dates compare as text (YYYY-MM-DD): the latest of them, not Math.max.
  // biome-ignore lint/complexity/useMathMinMax: strings, not numbers
  const lastPosting = counted.reduce((last, p) => (p.date > last ? p.date : last), opened);

  let spread = balance;
  const reversedLines: ScheduleLine[] = [];
  for (const line of [...instrument.schedule].reverse()) {
    const met = paid.get(line.seq) ?? { principal: 0, interest: 0 };
    const open = Math.max(0, line.principal - met.principal);
    const carried = Math.min(open, spread);
    spread -= carried;
    const beforeRegister = line.dueDate <= opened;
    const afterSettled = balance === 0 && line.dueDate > lastPosting;
    const next: ScheduleLine = {
      ...line,
      paidPrincipal: met.principal,
      paidInterest: met.interest,
      reducedPrincipal: open - carried,
      waivedInterest: beforeRegister || afterSettled ? Math.max(0, line.interest - met.interest) : 0,
      overdue: false,
    };
    const left = owed(next);
    next.overdue = left.principal + left.interest > 0 && endOfZoneDay(line.dueDate) <= now;
    reversedLines.push(next);
  }
  const schedule = reversedLines.reverse();
  const overdueAmount = schedule
    .filter((line) => line.overdue)
    .reduce((sum, line) => {
      const left = owed(line);
      return sum + left.principal + left.interest;
    }, 0);
  const owing = schedule.some((line) => {
    const left = owed(line);
    return left.principal + left.interest > 0;
  });
  return {
    ...instrument,
    schedule,
    balance,
    overdueAmount,
    status: balance === 0 && !owing && counted.length > 0 ? 'settled' : 'active',
  };
}

/** The payments whose overdue mark `settle` changed: what became overdue, what was cleared. */
export function overdueChanges(before: Instrument, after: Instrument) {
  const became: ScheduleLine[] = [];
  const cleared: ScheduleLine[] = [];
  for (const line of after.schedule) {
    const was = before.schedule.find((l) => l.seq === line.seq)?.overdue ?? false;
    if (line.overdue && !was) became.push(line);
    if (!line.overdue && was) cleared.push(line);
  }
  return { became, cleared };
}
