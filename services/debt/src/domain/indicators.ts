import { addDays } from '@zone-risk/calendar';
import {
  type DebtSettings,
  type debtIndicatorsChanged,
  debtType,
  type KnownRiskLevel,
} from '@zone-risk/contracts';
import type { z } from 'zod';
import type { InstrumentFigures } from './figures.ts';
import { mulDiv, type Progress, progressOf } from './progress.ts';
import type { Capacity, Task } from './task.ts';

// The zone's debt indicators (债务指标) and the level they give. Ratios are basis points of the
// ratio (15,234 = 152.34 %), rounded half up, so they compare and publish exactly.

export type Figures = Pick<
  z.infer<typeof debtIndicatorsChanged.data>,
  | 'asOf'
  | 'level'
  | 'reasons'
  | 'balance'
  | 'balanceInScope'
  | 'capacity'
  | 'debtRatioBp'
  | 'overdueAmount'
  | 'overduePayments'
  | 'overdueRateBp'
  | 'maturities'
  | 'unfundedAlerts'
  | 'task'
>;

export const LEVELS: readonly KnownRiskLevel[] = ['low', 'general', 'significant', 'major'];
const rank = (level: KnownRiskLevel) => LEVELS.indexOf(level);
export const higher = (a: KnownRiskLevel, b: KnownRiskLevel) => (rank(a) >= rank(b) ? a : b);

/** The shipped settings: DOMAIN.md's commonly cited bands (unverified), tuned with PUT /settings. */
export const DEFAULT_SETTINGS: DebtSettings = {
  bands: { general: 12_000, significant: 20_000, major: 30_000 },
  ratioScope: [...debtType.options],
  overdueLevel: 'significant',
  behindPoints: 1_000,
  behindLevel: 'general',
  unfundedWithinDays: 30,
  unfundedLevel: 'general',
};

export const MATURITY_WINDOWS = [30, 90] as const;

const pct = (bp: number) => `${(bp / 100).toFixed(2)} %`;
const yuan = (fen: number) =>
  `${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;

/** The capacity the ratio divides by: the latest year entered, up to this one. */
export function capacityFor(capacities: readonly Capacity[], year: number): Capacity | null {
  return capacities.filter((c) => c.year <= year).sort((a, b) => b.year - a.year)[0] ?? null;
}

export interface IndicatorInputs {
  instruments: readonly InstrumentFigures[];
  capacities: readonly Capacity[];
  task: Task | null;
  settings: DebtSettings;
  day: string;
}

export function computeIndicators({
  instruments,
  capacities,
  task,
  settings,
  day,
}: IndicatorInputs): Figures {
  const year = Number(day.slice(0, 4));
  const scope = new Set<string>(settings.ratioScope);
  let balance = 0;
  let balanceInScope = 0;
  let overdueAmount = 0;
  let overduePayments = 0;
  let unfundedAlerts = 0;
  const windows = MATURITY_WINDOWS.map((withinDays) => ({
    withinDays,
    until: addDays(day, withinDays),
    payments: 0,
    due: 0,
    funded: 0,
    unfunded: 0,
  }));
  const alertUntil = addDays(day, settings.unfundedWithinDays);
  for (const instrument of instruments) {
    balance += instrument.balance;
    if (scope.has(instrument.type)) balanceInScope += instrument.balance;
    for (const line of instrument.lines) {
      const due = line.owedPrincipal + line.owedInterest;
      if (due === 0) continue;
      if (line.overdue) {
        overdueAmount += due;
        overduePayments += 1;
        continue;
      }
      if (line.dueDate < day) continue;
      const assigned = Math.min(
        due,
        line.funding.reduce((sum, f) => sum + f.amount, 0),
      );
      for (const w of windows) {
        if (line.dueDate > w.until) continue;
        w.payments += 1;
        w.due += due;
        w.funded += assigned;
        w.unfunded += due - assigned;
      }
      if (line.dueDate <= alertUntil && assigned === 0) unfundedAlerts += 1;
    }
  }
  const capacity = capacityFor(capacities, year);
  const debtRatioBp = capacity ? mulDiv(balanceInScope, 10_000, capacity.amount) : null;
  const overdueRateBp = balance > 0 ? mulDiv(overdueAmount, 10_000, balance) : null;
  const progress = task ? progressOf(task, instruments, day) : null;
  const { level, reasons } = levelOf({
    debtRatioBp,
    overdueAmount,
    overduePayments,
    unfundedAlerts,
    progress,
    settings,
  });
  return {
    asOf: day,
    level,
    reasons,
    balance,
    balanceInScope,
    capacity: capacity ? { year: capacity.year, amount: capacity.amount } : null,
    debtRatioBp,
    overdueAmount,
    overduePayments,
    overdueRateBp,
    maturities: windows.map(({ until: _until, ...w }) => w),
    unfundedAlerts,
    task: progress,
  };
}

interface LevelInputs {
  debtRatioBp: number | null;
  overdueAmount: number;
  overduePayments: number;
  unfundedAlerts: number;
  progress: Progress | null;
  settings: DebtSettings;
}

/**
 * The band of the debt ratio, lifted by what must not wait: any overdue payment (to orange by
 * default), the task behind time by more than the settings allow, a payment due soon with no funds.
 */
export function levelOf({
  debtRatioBp,
  overdueAmount,
  overduePayments,
  unfundedAlerts,
  progress,
  settings,
}: LevelInputs) {
  const reasons: Figures['reasons'] = [];
  let level: KnownRiskLevel = 'low';
  if (debtRatioBp !== null) {
    const { bands } = settings;
    const band: KnownRiskLevel =
      debtRatioBp >= bands.major
        ? 'major'
        : debtRatioBp >= bands.significant
          ? 'significant'
          : debtRatioBp >= bands.general
            ? 'general'
            : 'low';
    level = band;
    reasons.push({
      rule: 'ratio-band',
      level: band,
      text: `债务率 ${pct(debtRatioBp)} (bands ${pct(bands.general)} / ${pct(bands.significant)} / ${pct(bands.major)})`,
    });
  }
  if (overduePayments > 0) {
    level = higher(level, settings.overdueLevel);
    reasons.push({
      rule: 'overdue',
      level: settings.overdueLevel,
      text: `${overduePayments} overdue payment(s), ${yuan(overdueAmount)}`,
    });
  }
  if (progress && progress.behindBp > settings.behindPoints) {
    level = higher(level, settings.behindLevel);
    reasons.push({
      rule: 'behind-schedule',
      level: settings.behindLevel,
      text: `${progress.year} task behind 序时进度 by ${(progress.behindBp / 100).toFixed(2)} points (more than ${(settings.behindPoints / 100).toFixed(2)})`,
    });
  }
  if (unfundedAlerts > 0) {
    level = higher(level, settings.unfundedLevel);
    reasons.push({
      rule: 'unfunded-maturity',
      level: settings.unfundedLevel,
      text: `${unfundedAlerts} payment(s) due within ${settings.unfundedWithinDays} days with no funds assigned`,
    });
  }
  return { level, reasons };
}
