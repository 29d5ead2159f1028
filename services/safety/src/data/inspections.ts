import { inspectionEvents } from '@zone-risk/contracts';
import { type Aggregate, defineAggregate } from '@zone-risk/domain-service';
import type { Page } from '@zone-risk/platform';
import { z } from 'zod';
import {
  type Inspection,
  type InspectionFact,
  type InspectionType,
  inspectionState,
} from '../domain/inspection.ts';
import { inspectionStateData } from '../events/inspection-events.ts';

/** The inspections: each recorded once, with its InspectionRecorded in its outbox. */
export const inspections = defineAggregate({
  type: 'inspection',
  noun: 'Inspection',
  collection: 'inspections',
  state: inspectionState,
  derived: {
    schema: z.object({ enterpriseCode: z.string() }),
    of: (inspection: Inspection) => ({ enterpriseCode: inspection.enterprise.creditCode }),
  },
  indexes: ['enterpriseCode', 'type'],
  events: { source: '/services/safety', definitions: inspectionEvents, stateData: inspectionStateData },
});

export type Inspections = Aggregate<Inspection, InspectionFact['name']>;

export interface InspectionFilter {
  enterprise?: string | undefined;
  type?: InspectionType | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** Latest inspection date first. Enterprise and type are indexed equalities; the date range is not pushed down. */
export function listInspections(
  inspections: Inspections,
  filter: InspectionFilter,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<Inspection>> {
  const query: Record<string, unknown> = { enterpriseCode: filter.enterprise, type: filter.type };
  if (filter.from !== undefined || filter.to !== undefined) {
    query.date = {
      ...(filter.from !== undefined ? { $gte: filter.from } : {}),
      ...(filter.to !== undefined ? { $lte: filter.to } : {}),
    };
  }
  return inspections.list(query, page, { field: 'date', direction: -1 });
}
