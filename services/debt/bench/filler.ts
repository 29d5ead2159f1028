import { addDays, endOfZoneDay } from '@zone-risk/calendar';
import { creditCodeCheckChar, type DebtType } from '@zone-risk/contracts';
import { instruments } from '../src/data/aggregates.ts';
import { figuresOf } from '../src/domain/figures.ts';
import { type Instrument, owed } from '../src/domain/instrument.ts';
import { type InstrumentDecision, postingFact, postRepayment } from '../src/domain/instrument-decisions.ts';
import { registerInstrument } from '../src/domain/register.ts';
import { rateOf } from '../src/domain/register-input.ts';
import { addMonthsClamped } from '../src/domain/schedule-dates.ts';

// Instruments shaped like the service's own documents, to grow the register in bulk: each is
// decided by the domain's own functions (registration, then every payment due so far met on its
// due date) and stored with its timeline as the recorder writes it, so a read of the register
// costs what it costs in service. Each comes with its summary (`domain/figures.ts`), which the
// service writes after every write of an instrument and computes its zone-wide figures from.

const actor = { id: 'bench-filler', name: '基准数据' };
const TYPES: DebtType[] = ['bank-loan', 'leasing', 'trust', 'hidden'];
// Noon in the zone: each step is decided on its own day, so no payment is ever overdue.
const noonOf = (day: string) => new Date(`${day}T04:00:00Z`);

export function fillerCode(n: number): string {
  const body = `91320115MA${String(n % 10_000_000).padStart(7, '0')}`;
  return `${body}${creditCodeCheckChar(body)}`;
}

/**
 * Instrument `n`: a monthly annuity of 1 亿 whose value date lies `postings - 1` months back, so
 * that an opening and `postings - 1` repayments are on it, and a year of payments ahead.
 */
export function fillerInstrument(n: number, postings: number, today: string, zoneId: string): Instrument {
  const months = Math.max(postings - 1, 0);
  // 3 to 20 days more than `months` back: exactly `months` payments fall due before today, even
  // when a due date moves to the next working day.
  const start = addDays(addMonthsClamped(today, -months), -(3 + (n % 18)));
  const maturity = addMonthsClamped(start, months + 12);
  return registerInstrument(
    {
      id: `FILL-${String(n).padStart(6, '0')}`,
      debtor: { creditCode: fillerCode(n % 40), name: `基准平台公司${n % 40}` },
      name: `基准债务 ${n}`,
      type: TYPES[n % TYPES.length] ?? 'bank-loan',
      creditor: '基准债权人',
      principal: 10_000_000_000,
      rate: rateOf({ kind: 'fixed', percent: '4.35' }),
      start,
      maturity,
      structure: { kind: 'annuity', frequency: 12, dayCount: 'act-360' },
      schedule: null,
      opening: { kind: 'opening', amount: 10_000_000_000, date: start },
      note: '',
    },
    zoneId,
    actor,
    noonOf(start),
  ).state;
}

/** Meets every payment due before `today`, one repayment each, up to `limit` postings in all. */
export function payUpTo(
  instrument: Instrument,
  today: string,
  limit: number,
): { state: Instrument; decisions: InstrumentDecision[] } {
  let state = instrument;
  const decisions: InstrumentDecision[] = [];
  for (const line of instrument.schedule) {
    if (line.dueDate >= today || state.postings.length >= limit) break;
    const left = owed(state.schedule[line.seq - 1] ?? line);
    const decision = postRepayment(
      state,
      {
        postingId: `pst-fill-${line.seq}`,
        date: line.dueDate,
        principal: left.principal,
        interest: left.interest,
        payment: line.seq,
        note: `还款凭证 ${line.dueDate}`,
      },
      actor,
      noonOf(line.dueDate),
    );
    decisions.push(decision);
    state = { ...decision.state, version: state.version + 1 };
  }
  return { state, decisions };
}

// Forty shapes (debtor, type, value date), each decided once and copied under other numbers: the
// domain's settle runs over every line for every posting, ~80 ms an instrument of 100 postings.
const shapes = new Map<string, ReturnType<typeof decidedDocument>>();

function shapeOf(n: number, postings: number, today: string, zoneId: string) {
  const key = `${n % 40}/${postings}/${today}/${zoneId}`;
  let shape = shapes.get(key);
  if (!shape) {
    shape = decidedDocument(n % 40, postings, today, zoneId);
    shapes.set(key, shape);
  }
  return shape;
}

/**
 * Filler instrument `n` as the store holds it: its document (state, derived fields, timeline,
 * outbox empty) and its summary in `instrument_figures`, `figuresOf` the state the repository
 * reads back (its version the timeline's length), keyed by `_id` as `figuresStore.save` writes it.
 */
export function filler(n: number, postings: number, today: string, zoneId: string) {
  const shape = shapeOf(n, postings, today, zoneId);
  const id = `FILL-${String(n).padStart(6, '0')}`;
  const name = `基准债务 ${n}`;
  return {
    document: { ...structuredClone(shape.document), _id: id, name },
    summary: { ...structuredClone(shape.summary), _id: id, name },
  };
}

function decidedDocument(n: number, postings: number, today: string, zoneId: string) {
  const opened = fillerInstrument(n, postings, today, zoneId);
  const { state, decisions } = payUpTo(opened, today, postings);
  const cause = { zoneId, correlationId: `bench-fill-${n}`, time: new Date() };
  const history = instruments.recorder.record({
    aggregateId: opened.id,
    steps: [{ fact: registeredFact(opened), after: opened }],
    fromVersion: 0,
    by: actor,
    cause,
  }).history;
  decisions.forEach((decision, index) => {
    history.push(
      ...instruments.recorder.record({
        aggregateId: opened.id,
        steps: decision.steps,
        fromVersion: index + 1,
        by: actor,
        cause,
      }).history,
    );
  });
  const next = state.schedule.find((l) => {
    const left = owed(l);
    return !l.overdue && left.principal + left.interest > 0;
  });
  const { id, version: _version, ...fields } = state;
  const { id: _summaryId, ...summary } = figuresOf({ ...state, version: history.length });
  const document = {
    _id: id,
    ...fields,
    debtorCode: state.debtor.creditCode,
    overdue: state.overdueAmount > 0,
    linked: false,
    timerArmed: next !== undefined,
    nextDueAt: next ? endOfZoneDay(next.dueDate) : null,
    history,
    _version: history.length,
    _outboxPending: false,
  };
  return { document, summary: { _id: id, ...summary } };
}

function registeredFact(i: Instrument) {
  const opening = i.postings[0];
  return {
    name: 'DebtInstrumentRegistered' as const,
    facts: {
      schedule: i.schedule.map(({ seq, dueDate, principal, interest }) => ({
        seq,
        dueDate,
        principal,
        interest,
      })),
      opening: opening ? postingFact(opening) : null,
      registeredBy: actor,
    },
  };
}
