import type { TimelineEntry } from '@zone-risk/domain-service';
import type { OutboxState } from '@zone-risk/messaging';
import { derive, type Hazard, type HazardDerived, type Person } from '../domain/hazard.ts';

/** One line of a hazard's timeline, written in the same update as the event it records. */
export type HistoryEntry = TimelineEntry<Person>;

type StoredState = Omit<Hazard, 'id' | 'version'>;

/** A hazard as stored: its state, the derived query fields, its timeline and the outbox fields. */
export interface HazardDocument extends StoredState, HazardDerived, OutboxState {
  _id: string;
  history: HistoryEntry[];
}

/** The fields a write sets: the whole state plus what derives from it (one consistent snapshot). */
export function stateFields(hazard: Hazard): StoredState & HazardDerived {
  const { id: _id, version: _version, ...state } = hazard;
  return { ...state, ...derive(hazard) };
}

export function toHazard(doc: Pick<HazardDocument, keyof StoredState | '_id' | '_version'>): Hazard {
  return {
    id: doc._id,
    zoneId: doc.zoneId,
    enterprise: doc.enterprise,
    inspectionId: doc.inspectionId,
    inspectors: doc.inspectors ?? [],
    checklistItemCode: doc.checklistItemCode,
    location: doc.location,
    description: doc.description,
    category: doc.category,
    grade: doc.grade,
    basis: doc.basis,
    status: doc.status,
    reportedBy: doc.reportedBy,
    reportedAt: doc.reportedAt,
    deadline: doc.deadline,
    plan: doc.plan,
    extension: doc.extension,
    supervision: doc.supervision,
    rectificationOverdue: doc.rectificationOverdue,
    supervisionOverdue: doc.supervisionOverdue,
    submittedAt: doc.submittedAt,
    closedAt: doc.closedAt,
    photos: doc.photos ?? [],
    rejections: doc.rejections ?? 0,
    version: doc._version,
  };
}
