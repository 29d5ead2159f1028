import { monthsBetween } from '@zone-risk/calendar';
import type { Envelope } from '@zone-risk/contracts';
import { commit, insertNew } from '@zone-risk/messaging';
import type { Page } from '@zone-risk/platform';
import { paginate } from '@zone-risk/platform';
import type { mongo } from 'mongoose';
import type { Hazard } from '../domain/hazard.ts';
import type { HazardStatus } from '../domain/machine.ts';
import type { HazardFigure } from '../domain/statistics.ts';
import type { SafetyData } from './collections.ts';
import { type HistoryEntry, stateFields, toHazard } from './hazard-documents.ts';

// Reads leave out what a request does not need: the timeline and the outbox can be long.
const WITHOUT_LOGS = { history: 0, _outbox: 0, _outboxLease: 0 } as const;

function collection(data: SafetyData): mongo.Collection {
  return data.hazards as unknown as mongo.Collection;
}

export async function findHazard(data: SafetyData, id: string): Promise<Hazard | null> {
  const doc = await data.hazards.findOne({ _id: id }, { projection: WITHOUT_LOGS });
  return doc ? toHazard(doc) : null;
}

/** Creates a hazard with its first events and timeline in one insert. */
export async function insertHazard(
  data: SafetyData,
  hazard: Hazard,
  events: readonly Envelope[],
  history: HistoryEntry[],
): Promise<void> {
  await insertNew(collection(data), { _id: hazard.id, ...stateFields(hazard), history }, events);
}

/**
 * Writes the new state, its timeline entries and its events in ONE conditional update.
 * @throws OutboxConflictError when the hazard is no longer at `expectedVersion`.
 */
export async function commitHazard(
  data: SafetyData,
  expectedVersion: number,
  hazard: Hazard,
  events: readonly Envelope[],
  history: HistoryEntry[],
): Promise<void> {
  await commit(collection(data), {
    id: hazard.id,
    expectedVersion,
    set: { ...stateFields(hazard) },
    push: { history: { $each: history } },
    events,
  });
}

export async function findHistory(data: SafetyData, id: string): Promise<HistoryEntry[] | null> {
  const doc = await data.hazards.findOne({ _id: id }, { projection: { history: 1 } });
  return doc ? (doc.history ?? []) : null;
}

export interface HazardFilter {
  status?: HazardStatus | undefined;
  grade?: 'general' | 'major' | undefined;
  enterprise?: string | undefined;
  overdue?: boolean | undefined;
  supervised?: boolean | undefined;
  inspectionId?: string | undefined;
}

/** Newest first; every filter is a top-level indexed equality. */
export async function listHazards(
  data: SafetyData,
  filter: HazardFilter,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<Hazard>> {
  const query: Record<string, unknown> = {};
  if (filter.status !== undefined) query.status = filter.status;
  if (filter.grade !== undefined) query.grade = filter.grade;
  if (filter.enterprise !== undefined) query.enterpriseCode = filter.enterprise;
  if (filter.overdue !== undefined) query.overdue = filter.overdue;
  if (filter.supervised !== undefined) query.supervised = filter.supervised;
  if (filter.inspectionId !== undefined) query.inspectionId = filter.inspectionId;
  const result = await paginate(data.hazards, {
    filter: query,
    ...page,
    sortField: 'reportedAt',
    direction: -1,
    projection: WITHOUT_LOGS,
  });
  return { items: result.items.map(toHazard), nextCursor: result.nextCursor };
}

/** Hazards with a deadline that has not fired yet: `{ deadlineArmed: true }`, see HazardDerived. */
export async function armedHazards(data: SafetyData): Promise<{ id: string; nextDueAt: Date | null }[]> {
  const docs = await data.hazards
    .find({ deadlineArmed: true }, { projection: { _id: 1, nextDueAt: 1 } })
    .toArray();
  return docs.map((doc) => ({ id: doc._id, nextDueAt: doc.nextDueAt ?? null }));
}

/**
 * The hazards reported between two zone days, projected to what statistics need. Read one
 * `reportedMonth` at a time — an indexed equality — and cut to the exact days in JS: a date range
 * is not pushed down on FerretDB. At zone scale (thousands of hazards a year) this is cheap.
 */
export async function hazardFigures(
  data: SafetyData,
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
    const docs = await data.hazards.find(filter, { projection }).toArray();
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
