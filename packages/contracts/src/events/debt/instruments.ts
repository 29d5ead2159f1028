import { z } from 'zod';
import { isoDate, money, personRef } from '../../fields/common.ts';
import {
  debtEvent,
  debtor,
  debtRate,
  debtType,
  funding,
  posting,
  scheduledPayment,
  scheduleStructure,
} from './fields.ts';

// A debt instrument (一笔债务) of the register, keyed by its own number. Every event carries its
// balance and overdue position after it, so the aggregator rates the debt from the latest event.

const link = z.object({
  instrumentId: z.string().min(1).describe('The instrument on the other side'),
  amount: money.describe('Principal moved by the replacement (fen), net of reversals'),
});

const instrumentState = {
  debtor,
  name: z.string().min(1).describe('Name of the instrument, e.g. 2024年开发区专项债券（一期）'),
  type: debtType,
  creditor: z.string().min(1).describe('Creditor (债权人) or, for a bond, the market it was issued on'),
  currency: z.literal('CNY').describe('Currency; the register keeps yuan only'),
  principal: money.describe('Principal at registration (本金, fen)'),
  rate: debtRate,
  start: isoDate.describe('Value date (起息日)'),
  maturity: isoDate.describe('Maturity (到期日)'),
  structure: scheduleStructure,
  balance: money.describe('Outstanding principal (余额, fen): the sum of the postings'),
  status: z.enum(['active', 'settled']).describe('settled: nothing outstanding and every payment made'),
  overdue: z.boolean().describe('A scheduled payment is past its due date and not paid in full (逾期)'),
  overdueAmount: money.describe('What is overdue, principal and interest (fen)'),
  nextPayment: scheduledPayment
    .extend({ funded: money.describe('Funds assigned to it (fen)') })
    .nullable()
    .describe('The first payment not made in full; null when none is left'),
  replaces: z.array(link).describe('Instruments this refinancing bond retired (置换), by amount'),
  replacedBy: z.array(link).describe('Refinancing bonds that retired this instrument'),
  version: z.int().min(1).describe('Version of the instrument after this event'),
};
export type DebtInstrumentStateKey = keyof typeof instrumentState;

const instrumentEvent = debtEvent('debt-instrument', instrumentState);

export const debtInstrumentRegistered = instrumentEvent(
  'DebtInstrumentRegistered',
  'A debt instrument was put on the register (债务台账) with its schedule; its opening balance is its first posting',
  {
    schedule: z.array(scheduledPayment).min(1).describe('Every scheduled payment, in order'),
    opening: posting
      .nullable()
      .describe('The opening posting; null for a refinancing bond, whose balance appears by replacements'),
    registeredBy: personRef,
  },
);

const posted = { posting };

export const debtRepaymentPosted = instrumentEvent(
  'DebtRepaymentPosted',
  'Principal and interest were repaid (偿还), against a scheduled payment or early',
  posted,
);
export const debtReplacementPosted = instrumentEvent(
  'DebtReplacementPosted',
  'A replacement (置换): a hidden or non-standard debt’s balance fell by a refinancing bond’s tranche, which appeared on the bond; each side names the other',
  posted,
);
export const debtWriteOffPosted = instrumentEvent(
  'DebtWriteOffPosted',
  'Principal was written off by agreement (协议核销)',
  posted,
);
export const debtPostingReversed = instrumentEvent(
  'DebtPostingReversed',
  'A posting was reversed (冲正) with a reason: the reversal cancels it, the original stays',
  posted,
);

const overduePayment = {
  payment: z.int().min(1).describe('The scheduled payment'),
  dueDate: isoDate.describe('Its due date'),
  overduePrincipal: money.describe('Principal of it not paid (fen)'),
  overdueInterest: money.describe('Interest of it not paid (fen)'),
};

export const debtPaymentBecameOverdue = instrumentEvent(
  'DebtPaymentBecameOverdue',
  'A scheduled payment passed its due date without being paid in full (逾期), found by time alone (or at once, when a reversal undoes what paid it after its due date)',
  overduePayment,
);
export const debtOverdueCleared = instrumentEvent(
  'DebtOverdueCleared',
  'An overdue payment was paid in full',
  {
    payment: z.int().min(1).describe('The scheduled payment'),
    dueDate: isoDate.describe('Its due date'),
    clearedBy: z.string().min(1).describe('The posting that paid it in full'),
  },
);
export const debtFundingAssigned = instrumentEvent(
  'DebtFundingAssigned',
  'Funds were assigned to a scheduled payment (资金来源); replaces what was assigned to it before',
  { payment: z.int().min(1).describe('The scheduled payment'), funding, assignedBy: personRef },
);

export const debtInstrumentEvents = [
  debtInstrumentRegistered,
  debtRepaymentPosted,
  debtReplacementPosted,
  debtWriteOffPosted,
  debtPostingReversed,
  debtPaymentBecameOverdue,
  debtOverdueCleared,
  debtFundingAssigned,
] as const;
