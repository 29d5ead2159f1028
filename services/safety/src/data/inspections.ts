import type { Envelope } from '@zone-risk/contracts';
import { insertNew, type OutboxState } from '@zone-risk/messaging';
import type { Page } from '@zone-risk/platform';
import { paginate } from '@zone-risk/platform';
import type { mongo } from 'mongoose';
import type { Enterprise, Grade, Person } from '../domain/hazard.ts';
import type { InspectionType, ResultInput } from '../domain/inspection.ts';
import type { SafetyData } from './collections.ts';

export interface InspectionResult extends ResultInput {
  /** The hazard a failed item raised. */
  hazardId: string | null;
  grade?: Grade | undefined;
}

export interface Inspection {
  id: string;
  zoneId: string;
  enterprise: Enterprise;
  type: InspectionType;
  date: string;
  inspectors: Person[];
  location: string | null;
  template: { id: string; code: string; version: number; title: string };
  results: InspectionResult[];
  counts: { pass: number; fail: number; notApplicable: number };
  hazardIds: string[];
  recordedBy: Person;
  recordedAt: Date;
}

export interface InspectionDocument extends Omit<Inspection, 'id'>, OutboxState {
  _id: string;
  enterpriseCode: string;
}

function toInspection(doc: InspectionDocument): Inspection {
  const { _id, enterpriseCode: _code, _version, _outbox, _outboxPending, _outboxLease, ...rest } = doc;
  return { id: _id, ...rest };
}

const WITHOUT_OUTBOX = { _outbox: 0, _outboxLease: 0 } as const;

export async function insertInspection(
  data: SafetyData,
  inspection: Inspection,
  events: readonly Envelope[],
): Promise<void> {
  const { id, ...fields } = inspection;
  await insertNew(
    data.inspections as unknown as mongo.Collection,
    { _id: id, ...fields, enterpriseCode: inspection.enterprise.creditCode },
    events,
  );
}

export async function findInspection(data: SafetyData, id: string): Promise<Inspection | null> {
  const doc = await data.inspections.findOne({ _id: id }, { projection: WITHOUT_OUTBOX });
  return doc ? toInspection(doc) : null;
}

export interface InspectionFilter {
  enterprise?: string | undefined;
  type?: InspectionType | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** Latest inspection date first. Enterprise and type are indexed equalities; the date range is not pushed down. */
export async function listInspections(
  data: SafetyData,
  filter: InspectionFilter,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<Inspection>> {
  const query: Record<string, unknown> = {};
  if (filter.enterprise !== undefined) query.enterpriseCode = filter.enterprise;
  if (filter.type !== undefined) query.type = filter.type;
  if (filter.from !== undefined || filter.to !== undefined) {
    query.date = {
      ...(filter.from !== undefined ? { $gte: filter.from } : {}),
      ...(filter.to !== undefined ? { $lte: filter.to } : {}),
    };
  }
  const result = await paginate(data.inspections, {
    filter: query,
    ...page,
    sortField: 'date',
    direction: -1,
    projection: WITHOUT_OUTBOX,
  });
  return { items: result.items.map(toInspection), nextCursor: result.nextCursor };
}
