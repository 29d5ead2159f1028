import {
  type AnyEventDefinition,
  type Envelope,
  hazardAccepted,
  hazardBecameOverdue,
  hazardDeadlineExtended,
  hazardEvidenceAdded,
  hazardExtensionRefused,
  hazardExtensionRequested,
  hazardRectificationPlanned,
  hazardRejected,
  hazardReported,
  hazardSubmittedForAcceptance,
  hazardSupervisionListed,
} from '@zone-risk/contracts';
import type { HistoryEntry } from '../data/hazard-documents.ts';
import type { Decision } from '../domain/decisions.ts';
import type { HazardFactName } from '../domain/facts.ts';
import { derive, type Hazard } from '../domain/hazard.ts';
import { type EventContext, SOURCE } from './context.ts';

const definitions: Record<HazardFactName, AnyEventDefinition> = {
  HazardReported: hazardReported,
  HazardRectificationPlanned: hazardRectificationPlanned,
  HazardSubmittedForAcceptance: hazardSubmittedForAcceptance,
  HazardAccepted: hazardAccepted,
  HazardRejected: hazardRejected,
  HazardExtensionRequested: hazardExtensionRequested,
  HazardDeadlineExtended: hazardDeadlineExtended,
  HazardExtensionRefused: hazardExtensionRefused,
  HazardSupervisionListed: hazardSupervisionListed,
  HazardBecameOverdue: hazardBecameOverdue,
  HazardEvidenceAdded: hazardEvidenceAdded,
};

/** The state every hazard event carries, so the aggregator needs nothing else to rate the risk. */
export function hazardStateData(hazard: Hazard, version: number) {
  return {
    enterprise: hazard.enterprise,
    grade: hazard.grade,
    category: hazard.category,
    status: hazard.status,
    deadline: hazard.deadline,
    supervised: hazard.supervision !== null,
    supervisionDeadline: hazard.supervision?.deadline ?? null,
    overdue: derive(hazard).overdue,
    version,
    inspectionId: hazard.inspectionId,
    reportedAt: hazard.reportedAt.toISOString(),
  };
}

// The person in the facts (reportedBy, acceptedBy...) is the entry's `by`; the rest are its details.
function details(facts: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(facts).filter(([key]) => !key.endsWith('By')));
}

/**
 * The events of a decision, numbered from `fromVersion + 1`, and the timeline entries that record
 * them — both go into the same single-document write.
 */
export function hazardEvents(
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
      aggregateid: decision.hazard.id,
      aggregateversion: version,
      correlationid: ctx.correlationId,
      time: ctx.time,
      data: { ...hazardStateData(step.after, version), ...step.fact.facts },
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
