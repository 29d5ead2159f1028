import {
  type AnyEventDefinition,
  type Envelope,
  rectificationAcceptanceRequested,
  rectificationAccepted,
  rectificationItemBecameOverdue,
  rectificationItemClosed,
  rectificationItemRecurred,
  rectificationItemRegistered,
  rectificationNoticePublished,
  rectificationObjectionRaised,
  rectificationProgressReported,
  rectificationReturned,
} from '@zone-risk/contracts';
import type { HistoryEntry } from '../data/item-documents.ts';
import type { Decision } from '../domain/decisions.ts';
import type { ItemFactName } from '../domain/facts.ts';
import { derive, type Item } from '../domain/item.ts';
import { type EventContext, SOURCE } from './context.ts';

const definitions: Record<ItemFactName, AnyEventDefinition> = {
  RectificationItemRegistered: rectificationItemRegistered,
  RectificationProgressReported: rectificationProgressReported,
  RectificationAcceptanceRequested: rectificationAcceptanceRequested,
  RectificationAccepted: rectificationAccepted,
  RectificationReturned: rectificationReturned,
  RectificationNoticePublished: rectificationNoticePublished,
  RectificationObjectionRaised: rectificationObjectionRaised,
  RectificationItemClosed: rectificationItemClosed,
  RectificationItemRecurred: rectificationItemRecurred,
  RectificationItemBecameOverdue: rectificationItemBecameOverdue,
};

/** The state every item event carries, so the aggregator needs nothing else to rate the risk. */
export function itemStateData(item: Item, version: number) {
  return {
    source: item.source,
    batch: item.batch,
    code: item.code,
    category: item.category,
    severity: item.severity,
    responsibleUnit: item.responsibleUnit,
    enterprise: item.enterprise,
    status: item.status,
    deadline: item.deadline,
    overdue: derive(item).overdue,
    progress: item.progress,
    recurrences: item.recurrences,
    version,
    registeredAt: item.registeredAt.toISOString(),
  };
}

// The person in the facts (registeredBy, acceptedBy...) is the entry's `by`; the rest are its details.
function details(facts: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(facts).filter(([key]) => !key.endsWith('By')));
}

/**
 * The events of a decision, numbered from `fromVersion + 1`, and the timeline entries that record
 * them — both go into the same single-document write.
 */
export function itemEvents(
  decision: Decision,
  fromVersion: number,
  by: HistoryEntry['by'],
  ctx: EventContext,
): { events: Envelope[]; history: HistoryEntry[] } {
  const events: Envelope[] = [];
  const history: HistoryEntry[] = [];
  decision.steps.forEach((step, index) => {
    const version = fromVersion + index + 1;
    const event = definitions[step.fact.name].create({
      source: SOURCE,
      zoneid: ctx.zoneId,
      aggregateid: decision.item.id,
      aggregateversion: version,
      correlationid: ctx.correlationId,
      time: ctx.time,
      data: { ...itemStateData(step.after, version), ...step.fact.facts },
    });
    events.push(event);
    history.push({
      at: ctx.time,
      event: step.fact.name,
      eventId: event.id,
      version,
      by,
      details: details(step.fact.facts),
    });
  });
  return { events, history };
}
