import { zoneDay } from '@zone-risk/calendar';
import type { DebtType, PersonRef } from '@zone-risk/contracts';
import { Conflict, type FieldReason, InvalidInput, NoChange } from '@zone-risk/domain-service/domain';
import { decidedAll } from './facts.ts';
import type { Instrument, InstrumentRate, Posting } from './instrument.ts';
import { type InstrumentDecision, overdueFacts, postingFact } from './instrument-decisions.ts';
import { settle } from './ledger.ts';
import {
  type CustomLine,
  generateSchedule,
  type ScheduledPayment,
  validateCustomSchedule,
} from './schedule.ts';

// Putting a debt on the register (债务台账): its terms, its schedule (generated for the standard
// structures, or the contract's own), and its opening balance as its first posting.

export interface RegisterInput {
  id: string;
  debtor: { creditCode: string; name: string };
  name: string;
  type: DebtType;
  creditor: string;
  principal: number;
  rate: InstrumentRate;
  start: string;
  maturity: string;
  structure: Instrument['structure'];
  /** The contract's own schedule, for a custom structure. */
  schedule: CustomLine[] | null;
  /**
   * The balance when it comes onto the register and the day it is taken: payments due by then
   * were met before the register. `borrowing` marks debt newly incurred (新增举借).
   */
  opening: { kind: 'opening' | 'borrowing'; amount: number; date: string };
  note: string;
}

export function scheduleOf(input: RegisterInput): ScheduledPayment[] {
  const { structure } = input;
  if (structure.kind === 'custom') {
    if (input.schedule === null) {
      throw new InvalidInput('A custom structure needs its schedule', [
        { pointer: '/schedule', reason: 'is missing' },
      ]);
    }
    return validateCustomSchedule(input.schedule, input);
  }
  if (input.schedule !== null) {
    throw new InvalidInput('A schedule is generated for a standard structure', [
      { pointer: '/schedule', reason: `give it only with structure custom, not ${structure.kind}` },
    ]);
  }
  const frequency = structure.frequency ?? 1;
  const shape =
    structure.kind === 'bullet'
      ? { kind: 'bullet' as const, interestFrequency: frequency as 1 | 2 }
      : { kind: structure.kind, frequency };
  if (structure.kind === 'bullet' && frequency !== 1 && frequency !== 2) {
    throw new InvalidInput('A bond pays interest once or twice a year', [
      { pointer: '/structure/frequency', reason: 'must be 1 or 2 for bullet' },
    ]);
  }
  return generateSchedule({
    principal: input.principal,
    ratePpm: input.rate.ratePpm,
    start: input.start,
    maturity: input.maturity,
    structure: shape,
    dayCount: structure.dayCount,
  });
}

export function registerInstrument(
  input: RegisterInput,
  zoneId: string,
  actor: PersonRef,
  now: Date,
): InstrumentDecision {
  const lines = scheduleOf(input);
  const problems: FieldReason[] = [];
  const { opening } = input;
  if (opening.amount > input.principal) {
    problems.push({ pointer: '/opening/amount', reason: 'is more than the principal' });
  }
  if (opening.date < input.start)
    problems.push({ pointer: '/opening/date', reason: 'is before the value date' });
  if (opening.date > zoneDay(now)) problems.push({ pointer: '/opening/date', reason: 'is in the future' });
  if (opening.amount === 0 && input.type !== 'refinancing-bond') {
    problems.push({
      pointer: '/opening/amount',
      reason: 'a debt with nothing outstanding is not registered',
    });
  }
  if (problems.length > 0) throw new InvalidInput('The instrument cannot be registered as given', problems);
  const postings: Posting[] =
    opening.amount === 0
      ? []
      : [
          {
            id: `${input.id}-opening`,
            kind: opening.kind,
            date: opening.date,
            principal: opening.amount,
            interest: 0,
            balanceEffect: opening.amount,
            payment: null,
            counterpart: null,
            reverses: null,
            reversedBy: null,
            note: input.note,
            postedBy: actor,
            postedAt: now,
          },
        ];
  const instrument = settle(
    {
      id: input.id,
      zoneId,
      debtor: input.debtor,
      name: input.name,
      type: input.type,
      creditor: input.creditor,
      currency: 'CNY',
      principal: input.principal,
      rate: input.rate,
      start: input.start,
      maturity: input.maturity,
      structure: input.structure,
      schedule: lines.map((line) => ({
        ...line,
        paidPrincipal: 0,
        paidInterest: 0,
        reducedPrincipal: 0,
        waivedInterest: 0,
        overdue: false,
        funding: [],
      })),
      postings,
      balance: 0,
      status: 'active',
      overdueAmount: 0,
      replaces: [],
      replacedBy: [],
      note: input.note,
      registeredBy: actor,
      registeredAt: now,
      version: 1,
    },
    now,
  );
  const opened = postings[0];
  // A payment already past its due date and not met when the debt comes onto the register is
  // overdue from the start, and published as such now: no sweep would see it change.
  const unmarked = {
    ...instrument,
    schedule: instrument.schedule.map((line) => ({ ...line, overdue: false })),
  };
  return decidedAll(instrument, [
    {
      name: 'DebtInstrumentRegistered',
      facts: {
        schedule: instrument.schedule.map(({ seq, dueDate, principal, interest }) => ({
          seq,
          dueDate,
          principal,
          interest,
        })),
        opening: opened ? postingFact(opened) : null,
        registeredBy: actor,
      },
    },
    ...overdueFacts(unmarked, instrument, null),
  ]);
}

/** The opening posting, if any: a refinancing bond has none, its first posting may be a tranche. */
function openingOf(i: Instrument) {
  const p = i.postings.find((posting) => posting.kind === 'opening' || posting.kind === 'borrowing');
  return p ? { kind: p.kind, date: p.date, amount: p.principal } : null;
}

const terms = (i: Instrument) =>
  JSON.stringify({
    debtor: i.debtor,
    name: i.name,
    type: i.type,
    creditor: i.creditor,
    principal: i.principal,
    rate: i.rate,
    start: i.start,
    maturity: i.maturity,
    structure: i.structure,
    schedule: i.schedule.map(({ seq, dueDate, principal, interest }) => ({
      seq,
      dueDate,
      principal,
      interest,
    })),
    opening: openingOf(i),
  });

/**
 * The same registration again (a retried request, a re-imported line) changes nothing; other
 * terms for a registered number are a conflict: terms are not edited, and amounts move by postings.
 */
export function sameRegistration(existing: Instrument, proposed: Instrument): never {
  if (terms(existing) === terms(proposed))
    throw new NoChange(`Instrument ${existing.id} is registered with these terms`);
  throw new Conflict(
    `Instrument ${existing.id} is registered with other terms: terms are not edited, amounts move by postings`,
    { instrument: existing.id },
  );
}
