import { z } from 'zod';
import { money, personRef } from '../../fields/common.ts';
import { debtEvent, debtType } from './fields.ts';

// The annual reduction task (年度化债任务) and the comprehensive fiscal capacity (综合财力) of a
// year, each keyed by the year. Progress against time elapsed (序时进度) is in the indicators.

export const reductionKind = z
  .enum(['repayment', 'replacement', 'write-off'])
  .describe('repayment 偿还本金; replacement 置换; write-off 协议核销');

export const taskCounts = z
  .object({
    kinds: z.array(reductionKind).min(1).describe('Which postings reduce the debt for the task'),
    types: z.array(debtType).min(1).describe('On which types of debt'),
  })
  .describe('What counts towards the task');

const taskState = {
  year: z.int().min(2000).max(2100).describe('The year of the task'),
  target: money.describe('Target reduction for the year (fen)'),
  counts: taskCounts,
  note: z.string().describe('Where the task comes from, e.g. the document that set it'),
  version: z.int().min(1).describe('Version of the task after this event'),
};
export type DebtTaskStateKey = keyof typeof taskState;
const taskEvent = debtEvent('debt-task', taskState);

export const debtTaskSet = taskEvent('DebtTaskSet', 'The year’s reduction task (年度化债任务) was set', {
  setBy: personRef,
});
export const debtTaskRevised = taskEvent('DebtTaskRevised', 'The year’s reduction task was revised', {
  previousTarget: money.describe('The target before the revision (fen)'),
  reason: z.string().min(1).describe('Why it was revised'),
  revisedBy: personRef,
});
export const debtTaskEvents = [debtTaskSet, debtTaskRevised] as const;

const capacityState = {
  year: z.int().min(2000).max(2100).describe('The budget year'),
  amount: money.describe('Comprehensive fiscal capacity (综合财力) of the year (fen)'),
  source: z.string().min(1).describe('Where the figure comes from (e.g. the final accounts 决算)'),
  version: z.int().min(1).describe('Version of the year’s figure after this event'),
};
export type FiscalCapacityStateKey = keyof typeof capacityState;
const capacityEvent = debtEvent('fiscal-capacity', capacityState);

export const fiscalCapacityEntered = capacityEvent(
  'FiscalCapacityEntered',
  'A year’s comprehensive fiscal capacity was entered',
  { enteredBy: personRef },
);
export const fiscalCapacityRevised = capacityEvent(
  'FiscalCapacityRevised',
  'A year’s comprehensive fiscal capacity was revised',
  {
    previousAmount: money.describe('The amount before the revision (fen)'),
    reason: z.string().min(1).describe('Why it was revised'),
    revisedBy: personRef,
  },
);
export const fiscalCapacityEvents = [fiscalCapacityEntered, fiscalCapacityRevised] as const;
