import type { Envelope } from '@zone-risk/contracts';
import { commit, insertNew } from '@zone-risk/messaging';
import { type Page, paginate } from '@zone-risk/platform';
import type { mongo } from 'mongoose';
import type { Category, Item, Source } from '../domain/item.ts';
import type { ItemStatus } from '../domain/machine.ts';
import type { ItemFigure } from '../domain/statistics.ts';
import type { EnvironmentData } from './collections.ts';
import { creationFields, type HistoryEntry, stateFields, toItem } from './item-documents.ts';

// Reads leave out what a request does not need: the timeline and the outbox can be long.
const WITHOUT_LOGS = { history: 0, _outbox: 0, _outboxLease: 0 } as const;

function collection(data: EnvironmentData): mongo.Collection {
  return data.items as unknown as mongo.Collection;
}

export async function findItem(data: EnvironmentData, id: string): Promise<Item | null> {
  const doc = await data.items.findOne({ _id: id }, { projection: WITHOUT_LOGS });
  return doc ? toItem(doc) : null;
}

/** The content fingerprint of an item, or null when there is none with this id. */
export async function findContentHash(data: EnvironmentData, id: string): Promise<string | null> {
  const doc = await data.items.findOne({ _id: id }, { projection: { contentHash: 1 } });
  return doc ? doc.contentHash : null;
}

/** Creates an item with its first events and timeline in one insert. @throws OutboxConflictError when the id is taken. */
export async function insertItem(
  data: EnvironmentData,
  item: Item,
  events: readonly Envelope[],
  history: HistoryEntry[],
): Promise<void> {
  await insertNew(collection(data), { _id: item.id, ...creationFields(item), history }, events);
}

/**
 * Writes the new state, its timeline entries and its events in ONE conditional update.
 * @throws OutboxConflictError when the item is no longer at `expectedVersion`.
 */
export async function commitItem(
  data: EnvironmentData,
  expectedVersion: number,
  item: Item,
  events: readonly Envelope[],
  history: HistoryEntry[],
): Promise<void> {
  await commit(collection(data), {
    id: item.id,
    expectedVersion,
    set: { ...stateFields(item) },
    push: { history: { $each: history } },
    events,
  });
}

export async function findHistory(data: EnvironmentData, id: string): Promise<HistoryEntry[] | null> {
  const doc = await data.items.findOne({ _id: id }, { projection: { history: 1 } });
  return doc ? (doc.history ?? []) : null;
}

export interface ItemFilter {
  status?: ItemStatus | undefined;
  source?: Source | undefined;
  category?: Category | undefined;
  batch?: string | undefined;
  unit?: string | undefined;
  enterprise?: string | undefined;
  overdue?: boolean | undefined;
  deadlineFrom?: string | undefined;
  deadlineTo?: string | undefined;
}

/**
 * Newest first. Status, source, category, batch, unit, enterprise and overdue are indexed top-level
 * equalities (pushed down on FerretDB); the deadline range is evaluated after them, so combine it
 * with one of those on a large ledger.
 */
export async function listItems(
  data: EnvironmentData,
  filter: ItemFilter,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<Item>> {
  const query: Record<string, unknown> = {};
  if (filter.status !== undefined) query.status = filter.status;
  if (filter.source !== undefined) query.source = filter.source;
  if (filter.category !== undefined) query.category = filter.category;
  if (filter.batch !== undefined) query.batch = filter.batch;
  if (filter.unit !== undefined) query.responsibleUnit = filter.unit;
  if (filter.enterprise !== undefined) query.enterpriseCode = filter.enterprise;
  if (filter.overdue !== undefined) query.overdue = filter.overdue;
  if (filter.deadlineFrom !== undefined || filter.deadlineTo !== undefined) {
    query.deadline = {
      ...(filter.deadlineFrom !== undefined ? { $gte: filter.deadlineFrom } : {}),
      ...(filter.deadlineTo !== undefined ? { $lte: filter.deadlineTo } : {}),
    };
  }
  const result = await paginate(data.items, {
    filter: query,
    ...page,
    sortField: 'registeredAt',
    direction: -1,
    projection: WITHOUT_LOGS,
  });
  return { items: result.items.map(toItem), nextCursor: result.nextCursor };
}

/** Items with a time-driven change due some day (indexed equality), projected to when. */
export async function armedItems(data: EnvironmentData): Promise<{ id: string; nextDueAt: Date | null }[]> {
  const docs = await data.items
    .find({ timerArmed: true }, { projection: { _id: 1, nextDueAt: 1 } })
    .toArray();
  return docs.map((doc) => ({ id: doc._id, nextDueAt: doc.nextDueAt ?? null }));
}

/**
 * What statistics need, projected. Batch and source are indexed equalities; without them the
 * whole ledger is read — fine at zone scale (a ledger holds hundreds to a few thousand items).
 */
export async function itemFigures(
  data: EnvironmentData,
  filter: { batch?: string | undefined; source?: Source | undefined },
): Promise<ItemFigure[]> {
  const query: Record<string, unknown> = {};
  if (filter.batch !== undefined) query.batch = filter.batch;
  if (filter.source !== undefined) query.source = filter.source;
  const docs = await data.items
    .find(query, {
      projection: { source: 1, category: 1, status: 1, deadline: 1, overdue: 1, recurrences: 1 },
    })
    .toArray();
  return docs.map((doc) => ({
    source: doc.source,
    category: doc.category,
    status: doc.status,
    deadline: doc.deadline,
    overdue: doc.overdue,
    recurrences: doc.recurrences ?? 0,
  }));
}
