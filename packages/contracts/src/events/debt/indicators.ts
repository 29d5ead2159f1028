import { z } from 'zod';
import { isoDate, money, personRef } from '../../fields/common.ts';
import { knownRiskLevel } from '../../fields/risk-level.ts';
import { debtEvent, debtType, riskReason } from './fields.ts';

// The zone's debt indicators (债务指标) and the level they give, one aggregate per zone. They are
// recomputed after every posting and by time (a payment falls due, the year moves on).

export const debtSettings = z
  .object({
    bands: z
      .object({
        general: z
          .int()
          .min(0)
          .describe('Debt ratio (basis points) from which the level is general (yellow)'),
        significant: z.int().min(0).describe('… significant (orange)'),
        major: z.int().min(0).describe('… major (red)'),
      })
      .describe('Level bands on the debt ratio, ascending; commonly cited, unverified: 120 %, 200 %, 300 %'),
    ratioScope: z.array(debtType).min(1).describe('Types whose balance the debt ratio counts'),
    overdueLevel: knownRiskLevel.describe('The level any overdue payment lifts to at least'),
    behindPoints: z
      .int()
      .min(0)
      .describe('Behind 序时进度 by more than this (hundredths of a percentage point) lifts the level…'),
    behindLevel: knownRiskLevel.describe('… to at least this'),
    unfundedWithinDays: z
      .int()
      .min(1)
      .max(366)
      .describe('A payment due within this many days with no funds assigned is an alert'),
    unfundedLevel: knownRiskLevel.describe('The level an unfunded maturity lifts to at least'),
  })
  .describe('What turns the indicators into a level');
export type DebtSettings = z.infer<typeof debtSettings>;

const maturityWindow = z.object({
  withinDays: z.int().min(1).describe('Length of the window in days from asOf'),
  payments: z.int().min(0).describe('Scheduled payments due in the window, not yet paid'),
  due: money.describe('Principal and interest due in the window, not yet paid (fen)'),
  funded: money.describe('Funds assigned to them (fen, at most what is due per payment)'),
  unfunded: money.describe('Due less funded (fen)'),
});

const taskProgress = z
  .object({
    year: z.int().describe('The task’s year'),
    target: money.describe('Target reduction for the year (fen)'),
    done: money.describe('Reduction so far this year (fen), net of reversals'),
    expected: money.describe('Target × share of the year elapsed (zone days)'),
    aheadFen: z.int().describe('done − expected (fen); negative is behind'),
    aheadBp: z
      .int()
      .describe('Done share − elapsed share, in hundredths of a percentage point; negative is behind'),
    behindBp: z.int().min(0).describe('How far behind, hundredths of a point; 0 when on or ahead of time'),
    forecast: money.describe(
      'Year-end forecast: done + scheduled still to come + the unscheduled pace so far',
    ),
  })
  .nullable()
  .describe('The year’s task against time elapsed (序时进度); null when no task is set');

const indicatorsState = {
  asOf: isoDate.describe('The zone day the indicators are for'),
  level: knownRiskLevel.describe('The debt domain’s level: the highest any rule gives'),
  reasons: z.array(riskReason).describe('Every rule that set or lifted the level'),
  balance: money.describe('Outstanding balance of every instrument (fen)'),
  balanceInScope: money.describe('Balance of the types the debt ratio counts (fen)'),
  capacity: z
    .object({
      year: z.int().describe('The budget year of the figure'),
      amount: money.describe('Comprehensive fiscal capacity (综合财力, fen)'),
    })
    .nullable()
    .describe('The fiscal capacity the ratio divides by: the latest year entered up to this one'),
  debtRatioBp: z
    .int()
    .min(0)
    .nullable()
    .describe('债务率 = balance in scope ÷ capacity, basis points; null without a capacity'),
  overdueAmount: money.describe('Overdue principal and interest of every instrument (fen)'),
  overduePayments: z.int().min(0).describe('Scheduled payments overdue'),
  overdueRateBp: z
    .int()
    .min(0)
    .nullable()
    .describe('逾期债务率 = overdue ÷ balance, basis points; null with no balance'),
  maturities: z.array(maturityWindow).describe('Payments due in the next 30 and 90 days against their funds'),
  unfundedAlerts: z.int().min(0).describe('Payments due within the alert window with no funds assigned'),
  task: taskProgress,
  settings: debtSettings,
  version: z.int().min(1).describe('Version of the indicators after this event'),
};
export type DebtIndicatorsStateKey = keyof typeof indicatorsState;
const indicatorsEvent = debtEvent('debt-indicators', indicatorsState);

export const debtIndicatorsChanged = indicatorsEvent(
  'DebtIndicatorsChanged',
  'The debt indicators or their level changed (after a posting, a task, a capacity, the settings, or time)',
  { previousLevel: knownRiskLevel.nullable().describe('The level before; null for the first indicators') },
);
export const debtSettingsChanged = indicatorsEvent(
  'DebtSettingsChanged',
  'The rules that turn the indicators into a level were changed',
  { reason: z.string().min(1).describe('Why they were changed'), changedBy: personRef },
);
export const debtIndicatorsEvents = [debtIndicatorsChanged, debtSettingsChanged] as const;
