import { z } from 'zod';
import { stateEvents } from '../../define-event.ts';
import { isoDate, isoDateTime, money, personRef } from '../../fields/common.ts';
import { creditCode } from '../../fields/credit-code.ts';
import { knownRiskLevel } from '../../fields/risk-level.ts';
import { topics } from '../../topics.ts';

// The vocabulary of debt reduction (债务化解) shared by its events, its service and the
// aggregator's policy. Money is integer fen (`money`); rates are decimal strings of percent per
// annum, never binary floats; ratios are integer basis points (15,234 = 152.34 %).

export const debtType = z
  .enum([
    'general-bond',
    'special-bond',
    'refinancing-bond',
    'hidden',
    'trust',
    'leasing',
    'non-standard-other',
    'bank-loan',
  ])
  .describe(
    'general-bond 一般债券; special-bond 专项债券; refinancing-bond 再融资（置换）债券; hidden 隐性债务; trust 信托 (非标); leasing 融资租赁 (非标); non-standard-other 其他非标; bank-loan 银行贷款',
  );
export type DebtType = z.infer<typeof debtType>;

/** An instrument's number on the register (债务编号): its aggregate id. */
export const instrumentNumber = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be letters, digits, dot, dash and underscore, at most 64')
  .describe('The instrument’s number on the register (债务编号), e.g. ZQ-2024-017');

/** The types a replacement (置换) retires: hidden debt and the non-standard kinds. */
export const replaceableTypes = ['hidden', 'trust', 'leasing', 'non-standard-other'] as const;

export const referenceRate = z
  .enum(['lpr-1y', 'lpr-5y', 'shibor-3m', 'other'])
  .describe('lpr-1y 1年期LPR; lpr-5y 5年期以上LPR; shibor-3m 3个月SHIBOR; other 其他基准');

export const percent = z
  .string()
  .regex(/^\d{1,3}(\.\d{1,4})?$/, 'must be a decimal percentage with at most 4 decimals, e.g. 3.25')
  .describe('Percent per annum as an exact decimal string, e.g. "3.25" (3.25 %)');

export const debtRate = z
  .object({
    kind: z.enum(['fixed', 'floating']).describe('fixed 固定利率; floating 浮动利率 (reference + spread)'),
    percent: percent.describe('The rate the schedule is computed with (for floating: the fixing + spread)'),
    reference: referenceRate.nullable().describe('The reference rate of a floating rate; null when fixed'),
    fixing: percent.nullable().describe('The reference rate’s fixing used; null when fixed'),
    spreadBp: z.int().nullable().describe('Spread over the reference in basis points; null when fixed'),
  })
  .describe('The interest rate');

export const scheduleStructure = z
  .object({
    kind: z
      .enum(['bullet', 'equal-principal', 'annuity', 'custom'])
      .describe(
        'bullet 到期一次还本、分期付息; equal-principal 等额本金; annuity 等额本息; custom 上传的还款计划',
      ),
    frequency: z
      .union([z.literal(1), z.literal(2), z.literal(4), z.literal(12)])
      .nullable()
      .describe('Payments a year (bullet: interest payments, 1 or 2); null for a custom schedule'),
    dayCount: z
      .enum(['period', 'act-360', 'act-365'])
      .describe('period: coupon = rate ÷ frequency (bonds); act-360 / act-365: actual days (loans)'),
  })
  .describe('How the schedule of payments is made');

export const scheduledPayment = z
  .object({
    seq: z.int().min(1).describe('Number of the payment in the schedule, from 1'),
    dueDate: isoDate.describe('Due date, moved to the next zone working day'),
    principal: money.describe('Principal due (本金, fen)'),
    interest: money.describe('Interest due (利息, fen)'),
  })
  .describe('A scheduled payment');

export const fundingSource = z
  .enum(['budget', 'refinancing-quota', 'asset-disposal', 'other'])
  .describe('budget 预算安排; refinancing-quota 再融资债券额度; asset-disposal 盘活资产; other 其他');

export const funding = z
  .array(z.object({ source: fundingSource, amount: money.describe('Amount assigned (fen)') }))
  .describe('Funds assigned to a payment (资金来源)');

export const postingKind = z
  .enum([
    'opening',
    'borrowing',
    'repayment',
    'replacement-retired',
    'replacement-issued',
    'write-off',
    'reversal',
  ])
  .describe(
    'opening 期初余额; borrowing 新增举借; repayment 偿还; replacement-retired 被置换（余额减少）; replacement-issued 置换债券发行（余额出现）; write-off 协议核销; reversal 冲正',
  );

/** A posting: never changed once made; a mistake is answered by a reversal that names it. */
export const posting = z
  .object({
    id: z.string().min(1).describe('Posting id, unique within the instrument'),
    kind: postingKind,
    date: isoDate.describe('Value date (记账日)'),
    principal: money.describe(
      'Principal moved (fen): raises the balance for opening, borrowing and replacement-issued, lowers it for repayment, replacement-retired and write-off; a reversal moves its original’s principal back',
    ),
    interest: money.describe(
      'Interest paid with a repayment, or given back by its reversal (fen); 0 otherwise',
    ),
    balanceEffect: z.int().describe('What the posting did to the balance (fen, signed)'),
    payment: z
      .int()
      .min(1)
      .nullable()
      .describe('The scheduled payment a repayment is against; null when early or not a repayment'),
    counterpart: z
      .object({
        instrumentId: z.string().min(1).describe('The other instrument'),
        postingId: z.string().min(1).describe('Its posting for the replacement'),
      })
      .nullable()
      .describe('The other side of a replacement; null otherwise'),
    reverses: z.string().min(1).nullable().describe('The posting a reversal cancels; null otherwise'),
    note: z.string().describe('Reason (reversal, write-off) or reference (voucher, agreement number)'),
    postedBy: personRef,
    postedAt: isoDateTime.describe('When it was posted'),
  })
  .describe('A posting (记账) on an instrument');

export const debtor = z
  .object({
    creditCode,
    name: z.string().min(1).describe('The zone platform company (平台公司)'),
  })
  .describe('The debtor');

export const riskReason = z
  .object({
    rule: z
      .enum(['ratio-band', 'overdue', 'behind-schedule', 'unfunded-maturity'])
      .describe('Which rule set or lifted the level'),
    level: knownRiskLevel.describe('The level this rule gives'),
    text: z.string().min(1).describe('Why, in words with the figures'),
  })
  .describe('One reason for the level');

/** The event factory of one debt aggregate: state after the event plus its own facts, version 1. */
export const debtEvent = stateEvents('debt', topics.debt);
