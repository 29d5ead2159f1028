import { z } from 'zod';
import { isoDate, personRef } from '../../fields/common.ts';
import { businessRef, checkOutcome, checkType, foodDrugEvent, inspectors } from './fields.ts';

// Supervision checks (监督检查). A check is recorded once, by the inspectors who did it; a
// 基本符合 outcome leaves a follow-up (复查) due by a deadline, which a later follow-up check
// settles or time makes overdue.

export const checkStatus = z
  .enum(['recorded', 'follow-up-due', 'followed-up'])
  .describe('recorded 已记录; follow-up-due 待复查; followed-up 已复查');

const checkState = {
  business: businessRef,
  type: checkType,
  date: isoDate.describe('Day of the check'),
  inspectors,
  outcome: checkOutcome,
  status: checkStatus,
  followUpDeadline: isoDate
    .nullable()
    .describe('By when the rectification is to be checked again; null unless 基本符合'),
  followUpOverdue: z.boolean().describe('The follow-up deadline passed without a follow-up check'),
  drawId: z.string().min(1).nullable().describe('The random draw (双随机) that picked it; null otherwise'),
  caseId: z.string().min(1).nullable().describe('The disposal case a 不符合 outcome opened; null otherwise'),
  version: z.int().min(1).describe('Version of the check after this event'),
};

export type CheckStateKey = keyof typeof checkState;

const checkEvent = foodDrugEvent('food-drug-check', checkState);

export const checkItemResult = z
  .object({
    item: z.string().min(1).describe('What was checked (检查项目)'),
    result: z
      .enum(['pass', 'fail', 'not-applicable'])
      .describe('pass 符合; fail 不符合; not-applicable 不适用'),
    note: z.string().nullable().describe('What was found'),
  })
  .describe('One item of the check');

export const checkRecorded = checkEvent(
  'CheckRecorded',
  'A supervision check was recorded with its items and outcome',
  {
    items: z.array(checkItemResult).min(1),
    findings: z.string().nullable().describe('Findings (检查情况)'),
    followUpOf: z.string().min(1).nullable().describe('The check it follows up (复查); null otherwise'),
    recordedBy: personRef,
  },
);

export const checkFollowedUp = checkEvent(
  'CheckFollowedUp',
  'The rectification a 基本符合 check asked for was checked again',
  {
    followUpCheckId: z.string().min(1).describe('The follow-up check'),
    followUpOutcome: checkOutcome,
  },
);

export const checkFollowUpOverdue = checkEvent(
  'CheckFollowUpOverdue',
  'The follow-up deadline of a 基本符合 check passed without a follow-up (found by time, published once)',
  { dueDate: isoDate },
);

export const checkEvents = [checkRecorded, checkFollowedUp, checkFollowUpOverdue] as const;
