import t from 'tap';
import type { Instrument } from '../../src/domain/instrument.ts';
import { postRepayment, reversePosting } from '../../src/domain/instrument-decisions.ts';
import { balanceOf, settle } from '../../src/domain/ledger.ts';
import { registerInstrument } from '../../src/domain/register.ts';

const officer = { id: 'debt-zhao', name: '赵敏' };
const now = new Date('2026-06-01T02:00:00Z');

/** 1,200 万 equal principal, quarterly, 4.00 % act-360, from 10 January 2026. */
function loan(): Instrument {
  return registerInstrument(
    {
      id: 'DK-1',
      debtor: { creditCode: '91320191MA0000001X', name: '经开产业投资有限公司' },
      name: '项目贷款',
      type: 'bank-loan',
      creditor: '某银行',
      principal: 1_200_000_000,
      rate: { kind: 'fixed', ratePpm: 40_000, reference: null, fixingPpm: null, spreadBp: null },
      start: '2026-01-10',
      maturity: '2027-01-10',
      structure: { kind: 'equal-principal', frequency: 4, dayCount: 'act-360' },
      schedule: null,
      opening: { kind: 'opening', amount: 1_200_000_000, date: '2026-01-10' },
      note: '',
    },
    'demo-zone',
    officer,
    new Date('2026-01-10T02:00:00Z'),
  ).state;
}

const repay = (
  i: Instrument,
  id: string,
  principal: number,
  interest: number,
  payment: number | null,
  date = '2026-04-10',
) => postRepayment(i, { postingId: id, date, principal, interest, payment, note: '' }, officer, now).state;

t.test(
  'the balance is the sum of the postings, and settling again from the postings alone changes nothing',
  async (t) => {
    let i = loan();
    const first = i.schedule[0];
    if (!first) throw new Error('no schedule');
    i = repay(i, 'p1', first.principal, first.interest, 1);
    i = repay(i, 'p2', 100_000_000, 0, null, '2026-05-01');
    i = reversePosting(i, { postingId: 'p3', reverses: 'p2', reason: '重复录入' }, officer, now).state;
    i = repay(i, 'p4', 50_000_000, 0, null, '2026-05-02');
    t.equal(i.balance, 1_200_000_000 - 300_000_000 - 50_000_000);
    t.equal(balanceOf(i.postings), i.balance);
    // From nothing but the terms and the postings, the same schedule, balance and marks.
    const blank = {
      ...i,
      balance: 0,
      overdueAmount: 0,
      schedule: i.schedule.map((l) => ({
        ...l,
        paidPrincipal: 0,
        paidInterest: 0,
        reducedPrincipal: 0,
        waivedInterest: 0,
        overdue: false,
      })),
    };
    t.same(settle(blank, now), i);
  },
);

t.test(
  'early principal meets the next payments in order; a payment’s own principal is never paid twice',
  async (t) => {
    let i = loan();
    i = repay(i, 'p1', 350_000_000, 0, null, '2026-02-01');
    t.same(
      i.schedule.map((l) => l.principal - l.reducedPrincipal - l.paidPrincipal),
      [0, 250_000_000, 300_000_000, 300_000_000],
    );
    t.throws(() => repay(i, 'p2', 1, 0, 1), { name: 'InvalidInput' }, 'payment 1 owes no principal any more');
  },
);

t.test(
  'a payment past its due date and not met is overdue; a reversal of what paid it makes it overdue again',
  async (t) => {
    let i = loan();
    const first = i.schedule[0];
    if (!first) throw new Error('no schedule');
    i = settle(i, now);
    t.equal(i.schedule[0]?.overdue, true, 'due 10 April, unpaid on 1 June');
    const paid = postRepayment(
      i,
      {
        postingId: 'p1',
        date: '2026-05-01',
        principal: first.principal,
        interest: first.interest,
        payment: 1,
        note: '',
      },
      officer,
      now,
    );
    t.same(
      paid.steps.map((s) => s.fact.name),
      ['DebtRepaymentPosted', 'DebtOverdueCleared'],
    );
    const undone = reversePosting(
      paid.state,
      { postingId: 'p2', reverses: 'p1', reason: '回单有误' },
      officer,
      now,
    );
    t.same(
      undone.steps.map((s) => s.fact.name),
      ['DebtPostingReversed', 'DebtPaymentBecameOverdue'],
    );
    t.equal(undone.state.overdueAmount, first.principal + first.interest);
  },
);
