import type { TimelineEntry } from '@zone-risk/domain-service';
import type { OutboxState } from '@zone-risk/messaging';
import { derive, type Item, type ItemDerived, type Person } from '../domain/item.ts';
import { contentHash } from '../domain/ledger.ts';

/** One line of an item's timeline, written in the same update as the event it records. */
export type HistoryEntry = TimelineEntry<Person>;

type StoredState = Omit<Item, 'id' | 'version'>;

/** An item as stored: its state, the derived query fields, its timeline and the outbox fields. */
export interface ItemDocument extends StoredState, ItemDerived, OutboxState {
  _id: string;
  /** Fingerprint of the registered content: a re-imported identical line is "unchanged". */
  contentHash: string;
  history: HistoryEntry[];
}

/** The fields a write sets: the whole state plus what derives from it (one consistent snapshot). */
export function stateFields(item: Item): StoredState & ItemDerived {
  const { id: _id, version: _version, ...state } = item;
  return { ...state, ...derive(item) };
}

export function creationFields(item: Item): StoredState & ItemDerived & { contentHash: string } {
  return { ...stateFields(item), contentHash: contentHash(item) };
}

export function toItem(doc: Pick<ItemDocument, keyof StoredState | '_id' | '_version'>): Item {
  return {
    id: doc._id,
    zoneId: doc.zoneId,
    source: doc.source,
    batch: doc.batch,
    code: doc.code,
    problem: doc.problem,
    category: doc.category,
    severity: doc.severity,
    responsibleUnit: doc.responsibleUnit,
    enterprise: doc.enterprise ?? null,
    measures: doc.measures,
    target: doc.target,
    deadline: doc.deadline,
    status: doc.status,
    progress: doc.progress ?? 0,
    reports: doc.reports ?? [],
    acceptances: doc.acceptances ?? { city: null, province: null },
    notice: doc.notice ?? null,
    via: doc.via,
    importId: doc.importId ?? null,
    registeredBy: doc.registeredBy,
    registeredAt: doc.registeredAt,
    acceptanceRequestedAt: doc.acceptanceRequestedAt ?? null,
    closedAt: doc.closedAt ?? null,
    deadlinePassed: doc.deadlinePassed ?? false,
    returns: doc.returns ?? 0,
    objections: doc.objections ?? 0,
    recurrences: doc.recurrences ?? 0,
    version: doc._version,
  };
}
