import type { Enterprise, Grade } from './hazard.ts';
import { HAZARD_STATUSES, type HazardStatus } from './machine.ts';

/** What statistics need of one hazard (a projection, not the whole document). */
export interface HazardFigure {
  enterprise: Enterprise;
  status: HazardStatus;
  grade: Grade;
  overdue: boolean;
  supervised: boolean;
  reportedAt: Date;
  closedAt: Date | null;
}

export interface Figures {
  total: number;
  byStatus: Record<HazardStatus, number>;
  byGrade: Record<Grade, number>;
  /** Open hazards past a deadline now. */
  overdue: number;
  supervised: number;
  closed: number;
  /** closed / total; null when there is nothing to close. */
  closureRate: number | null;
  /** Median of (closedAt − reportedAt) in days over the closed ones, one decimal; null when none closed. */
  medianDaysToClose: number | null;
}

const DAY_MS = 86_400_000;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value =
    sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return value;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export function figuresOf(hazards: readonly HazardFigure[]): Figures {
  const byStatus = Object.fromEntries(HAZARD_STATUSES.map((status) => [status, 0])) as Record<
    HazardStatus,
    number
  >;
  const byGrade: Record<Grade, number> = { general: 0, major: 0 };
  const daysToClose: number[] = [];
  let overdue = 0;
  let supervised = 0;
  for (const hazard of hazards) {
    byStatus[hazard.status] += 1;
    byGrade[hazard.grade] += 1;
    if (hazard.overdue) overdue += 1;
    if (hazard.supervised) supervised += 1;
    if (hazard.status === 'closed' && hazard.closedAt) {
      daysToClose.push((hazard.closedAt.getTime() - hazard.reportedAt.getTime()) / DAY_MS);
    }
  }
  const closed = byStatus.closed;
  const middle = median(daysToClose);
  return {
    total: hazards.length,
    byStatus,
    byGrade,
    overdue,
    supervised,
    closed,
    closureRate: hazards.length === 0 ? null : round(closed / hazards.length, 4),
    medianDaysToClose: middle === null ? null : round(middle, 1),
  };
}

export interface Statistics {
  zone: Figures;
  enterprises: (Figures & { enterprise: Enterprise })[];
}

/** Zone-wide and per-enterprise figures; enterprises with the most open hazards first. */
export function statisticsOf(hazards: readonly HazardFigure[]): Statistics {
  const groups = new Map<string, HazardFigure[]>();
  for (const hazard of hazards) {
    const list = groups.get(hazard.enterprise.creditCode) ?? [];
    list.push(hazard);
    groups.set(hazard.enterprise.creditCode, list);
  }
  const enterprises = [...groups.values()].map((list) => ({
    enterprise: (list[0] as HazardFigure).enterprise,
    ...figuresOf(list),
  }));
  enterprises.sort(
    (a, b) =>
      b.total - b.closed - (a.total - a.closed) ||
      a.enterprise.creditCode.localeCompare(b.enterprise.creditCode),
  );
  return { zone: figuresOf(hazards), enterprises };
}
