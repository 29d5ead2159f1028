import { zoneDay } from '@zone-risk/calendar';
import { type DebtType, type PersonRef, replaceableTypes } from '@zone-risk/contracts';
import { Conflict, type Decision, InvalidInput, NoChange } from '@zone-risk/domain-service/domain';
import { decidedAll, type InstrumentFact } from './facts.ts';
import { type Instrument, owed, type Posting } from './instrument.ts';
import { balanceEffect, openingDay, overdueChanges, settle, standing } from './ledger.ts';

// The postings an officer makes on an instrument. Each is a new posting; none changes one made
// before. A posting id comes from the request's Idempotency-Key, so a retried request is the same
// posting (nothing changes) and another request with that id is a conflict.

export type InstrumentDecision = Decision<Instrument, InstrumentFact>;

export interface PostingInput {
  postingId: string;
  date: string;
  principal: number;
  interest: number;
  payment: number | null;
  note: string;
}

/** The posting in the contract's words. */
export function postingFact(p: Posting) {
  const { reversedBy: _reversedBy, postedAt, ...rest } = p;
  return { ...rest, postedAt: postedAt.toISOString() };
}

/** The overdue marks `settle` changed, as the facts that publish them. */
export function overdueFacts(
  before: Instrument,
  after: Instrument,
  clearedBy: string | null,
): InstrumentFact[] {
  const { became, cleared } = overdueChanges(before, after);
  const facts: InstrumentFact[] = became.map((line) => ({
    name: 'DebtPaymentBecameOverdue',
    facts: {
      payment: line.seq,
      dueDate: line.dueDate,
      overduePrincipal: owed(line).principal,
      overdueInterest: owed(line).interest,
    },
  }));
  for (const line of cleared) {
    facts.push({
      name: 'DebtOverdueCleared',
      facts: { payment: line.seq, dueDate: line.dueDate, clearedBy: clearedBy ?? 'time' },
    });
  }
  return facts;
}

function sameAsPosted(existing: Posting, next: Posting): boolean {
  return (
    existing.kind === next.kind &&
    existing.date === next.date &&
    existing.principal === next.principal &&
    existing.interest === next.interest &&
    existing.payment === next.payment &&
    existing.reverses === next.reverses &&
    existing.counterpart?.instrumentId === next.counterpart?.instrumentId
  );
}

/** The posting again (a retried request): nothing changes. Another posting with its id: 409. */
function refuseTakenId(instrument: Instrument, next: Posting): void {
  const existing = instrument.postings.find((p) => p.id === next.id);
  if (!existing) return;
  if (sameAsPosted(existing, next)) throw new NoChange(`Posting ${next.id} is already made`);
  throw new Conflict(`Posting id ${next.id} is taken by another posting on ${instrument.id}`, {
    postingId: next.id,
  });
}

function checkDate(
  instrument: Instrument,
  date: string,
  now: Date,
  problems: { pointer: string; reason: string }[],
) {
  if (date > zoneDay(now)) problems.push({ pointer: '/date', reason: 'is in the future' });
  const opened = openingDay(instrument);
  if (date < opened) problems.push({ pointer: '/date', reason: `is before the opening day ${opened}` });
}

/** Adds a posting and settles the instrument: the posting's event, then any overdue mark it moved. */
function post(
  instrument: Instrument,
  posting: Posting,
  eventName: 'DebtRepaymentPosted' | 'DebtReplacementPosted' | 'DebtWriteOffPosted',
  now: Date,
): InstrumentDecision {
  const next = settle({ ...instrument, postings: [...instrument.postings, posting] }, now);
  if (next.balance < 0) {
    throw new Conflict(`The posting would take ${instrument.id}'s balance below nil`, {
      balance: instrument.balance,
    });
  }
  const fact: InstrumentFact = {
    name: eventName,
    facts: { posting: postingFact(posting) },
  };
  return decidedAll(withLinks(next), [fact, ...overdueFacts(instrument, next, posting.id)]);
}

function newPosting(
  kind: Posting['kind'],
  input: PostingInput,
  actor: PersonRef,
  now: Date,
  extra: Partial<Pick<Posting, 'counterpart' | 'reverses' | 'balanceEffect'>> = {},
): Posting {
  return {
    id: input.postingId,
    kind,
    date: input.date,
    principal: input.principal,
    interest: input.interest,
    balanceEffect: extra.balanceEffect ?? balanceEffect(kind, input.principal),
    payment: input.payment,
    counterpart: extra.counterpart ?? null,
    reverses: extra.reverses ?? null,
    reversedBy: null,
    note: input.note,
    postedBy: actor,
    postedAt: now,
  };
}

/** A repayment (偿还): against scheduled payment N (at most what it still owes), or early. */
export function postRepayment(
  instrument: Instrument,
  input: PostingInput,
  actor: PersonRef,
  now: Date,
): InstrumentDecision {
  const posting = newPosting('repayment', input, actor, now);
  refuseTakenId(instrument, posting);
  const problems: { pointer: string; reason: string }[] = [];
  checkDate(instrument, input.date, now, problems);
  if (input.principal + input.interest === 0)
    problems.push({ pointer: '/principal', reason: 'nothing is repaid' });
  if (input.principal > instrument.balance) {
    problems.push({ pointer: '/principal', reason: `is more than the balance (${instrument.balance} fen)` });
  }
  if (input.payment !== null) {
    const line = instrument.schedule.find((l) => l.seq === input.payment);
    if (!line) {
      problems.push({ pointer: '/payment', reason: `there is no payment ${input.payment} in the schedule` });
    } else {
      const left = owed(line);
      if (input.principal > left.principal) {
        problems.push({
          pointer: '/principal',
          reason: `payment ${line.seq} owes ${left.principal} fen of principal`,
        });
      }
      if (input.interest > left.interest) {
        problems.push({
          pointer: '/interest',
          reason: `payment ${line.seq} owes ${left.interest} fen of interest`,
        });
      }
    }
  }
  if (problems.length > 0) throw new InvalidInput('The repayment cannot be posted as given', problems);
  return post(instrument, posting, 'DebtRepaymentPosted', now);
}

/** A write-off by agreement (协议核销): principal only, with the agreement named. */
export function postWriteOff(
  instrument: Instrument,
  input: PostingInput,
  actor: PersonRef,
  now: Date,
): InstrumentDecision {
  const posting = newPosting('write-off', { ...input, interest: 0, payment: null }, actor, now);
  refuseTakenId(instrument, posting);
  const problems: { pointer: string; reason: string }[] = [];
  checkDate(instrument, input.date, now, problems);
  if (input.principal === 0) problems.push({ pointer: '/principal', reason: 'nothing is written off' });
  if (input.principal > instrument.balance) {
    problems.push({ pointer: '/principal', reason: `is more than the balance (${instrument.balance} fen)` });
  }
  if (input.note.trim() === '') problems.push({ pointer: '/note', reason: 'name the agreement' });
  if (problems.length > 0) throw new InvalidInput('The write-off cannot be posted as given', problems);
  return post(instrument, posting, 'DebtWriteOffPosted', now);
}

export interface ReplacementInput {
  postingId: string;
  date: string;
  principal: number;
  note: string;
}

const replaceable = (type: DebtType) => (replaceableTypes as readonly string[]).includes(type);

/**
 * The retired side of a replacement (置换): a hidden or non-standard debt's balance falls by a
 * tranche of a refinancing bond. The bond is read first to check it can carry the tranche.
 */
export function retireByReplacement(
  retired: Instrument,
  bond: Instrument,
  input: ReplacementInput,
  actor: PersonRef,
  now: Date,
): InstrumentDecision {
  const posting = newPosting('replacement-retired', { ...input, interest: 0, payment: null }, actor, now, {
    counterpart: { instrumentId: bond.id, postingId: input.postingId },
  });
  refuseTakenId(retired, posting);
  const problems: { pointer: string; reason: string }[] = [];
  if (!replaceable(retired.type)) {
    problems.push({
      pointer: '/instrument',
      reason: `a ${retired.type} debt is not replaced; only ${replaceableTypes.join(', ')}`,
    });
  }
  if (bond.type !== 'refinancing-bond')
    problems.push({ pointer: '/bond', reason: `${bond.id} is not a refinancing bond` });
  checkDate(retired, input.date, now, problems);
  if (input.date < bond.start)
    problems.push({ pointer: '/date', reason: `is before the bond's value date ${bond.start}` });
  if (input.principal === 0) problems.push({ pointer: '/principal', reason: 'nothing is replaced' });
  if (input.principal > retired.balance) {
    problems.push({ pointer: '/principal', reason: `is more than the balance (${retired.balance} fen)` });
  }
  const room = bond.principal - placed(bond);
  if (input.principal > room) {
    problems.push({
      pointer: '/principal',
      reason: `the bond has ${Math.max(0, room)} fen of its issue left to place`,
    });
  }
  if (problems.length > 0) throw new InvalidInput('The replacement cannot be posted as given', problems);
  return post(retired, posting, 'DebtReplacementPosted', now);
}

// A bond's issue is placed once: its opening and its tranches, net of reversals. Principal repaid
// on it since does not free room for more tranches.
function placed(bond: Instrument): number {
  return standing(bond.postings)
    .filter((p) => p.balanceEffect > 0)
    .reduce((sum, p) => sum + p.principal, 0);
}

/** The bond's side of a replacement: its balance appears by the tranche. Idempotent by posting id. */
export function issueByReplacement(
  bond: Instrument,
  retiredId: string,
  retiredPosting: Posting,
  now: Date,
): InstrumentDecision {
  const posting: Posting = {
    ...retiredPosting,
    kind: 'replacement-issued',
    balanceEffect: retiredPosting.principal,
    counterpart: { instrumentId: retiredId, postingId: retiredPosting.id },
    reversedBy: null,
  };
  refuseTakenId(bond, posting);
  return post(bond, posting, 'DebtReplacementPosted', now);
}

/**
 * A reversal (冲正): cancels a posting with a reason; the original stays, marked. The opening is
 * not reversed (it is the registration), nor a reversal (post again instead), nor twice.
 */
export function reversePosting(
  instrument: Instrument,
  input: { postingId: string; reverses: string; reason: string },
  actor: PersonRef,
  now: Date,
): InstrumentDecision {
  const target = instrument.postings.find((p) => p.id === input.reverses);
  const reversal = newPosting(
    'reversal',
    {
      postingId: input.postingId,
      date: zoneDay(now),
      principal: target?.principal ?? 0,
      interest: target?.interest ?? 0,
      payment: target?.payment ?? null,
      note: input.reason,
    },
    actor,
    now,
    {
      reverses: input.reverses,
      balanceEffect: -(target?.balanceEffect ?? 0),
      counterpart: target?.counterpart ?? null,
    },
  );
  const existing = instrument.postings.find((p) => p.id === input.postingId);
  if (existing && existing.kind === 'reversal' && existing.reverses === input.reverses) {
    throw new NoChange(`Posting ${input.reverses} is already reversed by ${input.postingId}`);
  }
  refuseTakenId(instrument, reversal);
  if (!target) {
    throw new InvalidInput('There is no such posting', [
      { pointer: '/posting', reason: `${instrument.id} has no posting ${input.reverses}` },
    ]);
  }
  if (input.reason.trim() === '') {
    throw new InvalidInput('Say why the posting is reversed', [{ pointer: '/reason', reason: 'is empty' }]);
  }
  if (target.kind === 'opening' || target.kind === 'borrowing') {
    throw new Conflict('The opening posting is the registration and is not reversed', { posting: target.id });
  }
  if (target.kind === 'reversal')
    throw new Conflict('A reversal is not reversed: post again instead', { posting: target.id });
  if (target.reversedBy !== null) {
    throw new Conflict(`Posting ${target.id} is already reversed by ${target.reversedBy}`, {
      reversedBy: target.reversedBy,
    });
  }
  const postings = instrument.postings.map((p) =>
    p.id === target.id ? { ...p, reversedBy: reversal.id } : p,
  );
  const next = settle({ ...instrument, postings: [...postings, reversal] }, now);
  if (next.balance < 0) {
    throw new Conflict(
      `Reversing ${target.id} would take the balance below nil: reverse what came after it first`,
      {
        balance: instrument.balance,
      },
    );
  }
  const fact: InstrumentFact = {
    name: 'DebtPostingReversed',
    facts: { posting: postingFact(reversal) },
  };
  return decidedAll(withLinks(next), [fact, ...overdueFacts(instrument, next, reversal.id)]);
}

/** Funds assigned to a payment (资金来源), replacing what it had. */
export function assignFunding(
  instrument: Instrument,
  input: {
    payment: number;
    funding: { source: Instrument['schedule'][number]['funding'][number]['source']; amount: number }[];
  },
  actor: PersonRef,
  _now: Date,
): InstrumentDecision {
  const line = instrument.schedule.find((l) => l.seq === input.payment);
  if (!line) {
    throw new InvalidInput('There is no such payment', [
      { pointer: '/payment', reason: `${instrument.id} has no payment ${input.payment}` },
    ]);
  }
  const left = owed(line);
  const total = input.funding.reduce((sum, f) => sum + f.amount, 0);
  if (total > left.principal + left.interest) {
    throw new InvalidInput('More is assigned than the payment owes', [
      {
        pointer: '/funding',
        reason: `payment ${line.seq} owes ${left.principal + left.interest} fen; ${total} fen assigned`,
      },
    ]);
  }
  const sources = new Set(input.funding.map((f) => f.source));
  if (sources.size !== input.funding.length) {
    throw new InvalidInput('Name each source once', [
      { pointer: '/funding', reason: 'a source appears twice' },
    ]);
  }
  if (JSON.stringify(line.funding) === JSON.stringify(input.funding))
    throw new NoChange('The funding is as assigned');
  const schedule = instrument.schedule.map((l) =>
    l.seq === line.seq ? { ...l, funding: input.funding } : l,
  );
  return decidedAll({ ...instrument, schedule }, [
    { name: 'DebtFundingAssigned', facts: { payment: line.seq, funding: input.funding, assignedBy: actor } },
  ]);
}

/** What time alone changes: a payment past its due date and not met becomes overdue, once. */
export function onInstrumentTime(instrument: Instrument, now: Date): InstrumentDecision | null {
  const next = settle(instrument, now);
  const facts = overdueFacts(instrument, next, null);
  return facts.length === 0 ? null : decidedAll(next, facts);
}

/** The replacement links both ways, net of reversals, from the postings. */
export function withLinks(instrument: Instrument): Instrument {
  const sum = (kind: Posting['kind']) => {
    const by = new Map<string, number>();
    for (const p of instrument.postings) {
      if (p.kind !== kind || p.reversedBy !== null || p.counterpart === null) continue;
      by.set(p.counterpart.instrumentId, (by.get(p.counterpart.instrumentId) ?? 0) + p.principal);
    }
    return [...by].map(([instrumentId, amount]) => ({ instrumentId, amount }));
  };
  return { ...instrument, replaces: sum('replacement-issued'), replacedBy: sum('replacement-retired') };
}
