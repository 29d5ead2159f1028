import { monthsBetween } from '@zone-risk/calendar';
import { hazardEvents } from '@zone-risk/contracts';
import { type Aggregate, defineAggregate } from '@zone-risk/domain-service';
import type { Page } from '@zone-risk/platform';
import type { HazardFactName } from '../domain/facts.ts';
import { derive, type Hazard, hazardDerived, hazardState } from '../domain/hazard.ts';
import type { HazardStatus } from '../domain/machine.ts';
import type { HazardFigure } from '../domain/statistics.ts';
import { hazardStateData } from '../events/hazard-events.ts';

/** The hidden hazards: state, derived query fields, timeline and outbox in one document each. */
export const hazards = defineAggregate({
  type: 'hazard',
  noun: 'Hazard',
  collection: 'hazards',
  state: hazardState,
  derived: { schema: hazardDerived, of: derive },
  // One index per top-level field a hot query filters on by equality (see DEVELOPERS.md).
  indexes: ['status', 'grade', 'enterpriseCode', 'overdue', 'supervised', 'reportedMonth', 'inspectionId'],
  timer: { armed: 'deadlineArmed' },
  events: { source: '/services/safety', definitions: hazardEvents, stateData: hazardStateData },
});

export type Hazards = Aggregate<Hazard, HazardFactName>;

export interface HazardFilter {
  status?: HazardStatus | undefined;
  grade?: 'general' | 'major' | undefined;
  enterprise?: string | undefined;
  overdue?: boolean | undefined;
  supervised?: boolean | undefined;
  inspectionId?: string | undefined;
}

/** Newest first; every filter is a top-level indexed equality. */
export function listHazards(
  hazards: Hazards,
  filter: HazardFilter,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<Hazard>> {
  const query = {
    status: filter.status,
    grade: filter.grade,
    enterpriseCode: filter.enterprise,
    overdue: filter.overdue,
    supervised: filter.supervised,
    inspectionId: filter.inspectionId,
  };
  return hazards.list(query, page, { field: 'reportedAt', direction: -1 });
}

/**
 * The hazards reported between two zone days, projected to what statistics need. Read one
 * `reportedMonth` at a time — an indexed equality — and cut to the exact days in JS: a date range
 * is not pushed down on FerretDB. At zone scale (thousands of hazards a year) this is cheap.
 */
export async function hazardFigures(
  hazards: Hazards,
  range: { fromDay: string; toDay: string; enterprise?: string | undefined },
  inRange: (reportedAt: Date) => boolean,
): Promise<HazardFigure[]> {
  const projection = {
    enterprise: 1,
    status: 1,
    grade: 1,
    overdue: 1,
    supervised: 1,
    reportedAt: 1,
    closedAt: 1,
  };
  const figures: HazardFigure[] = [];
  for (const month of monthsBetween(range.fromDay, range.toDay)) {
    const filter: Record<string, unknown> = { reportedMonth: month };
    if (range.enterprise) filter.enterpriseCode = range.enterprise;
    const docs = await hazards.model
      .find(filter, projection)
      .lean<(HazardFigure & { closedAt?: Date | null })[]>();
    for (const doc of docs) {
      if (!inRange(doc.reportedAt)) continue;
      figures.push({
        enterprise: doc.enterprise,
        status: doc.status,
        grade: doc.grade,
        overdue: doc.overdue,
        supervised: doc.supervised,
        reportedAt: doc.reportedAt,
        closedAt: doc.closedAt ?? null,
      });
    }
  }
  return figures;
}
