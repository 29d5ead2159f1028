import type { AnyEventDefinition, Envelope, EventNameOf, PersonRef } from '@zone-risk/contracts';
import type { Step } from '../domain/decision.ts';

/** A fact as a decision states it: the event's name and its own fields (the state is added). */
export interface Fact<Name extends string = string> {
  name: Name;
  facts: object;
}

/** What every event of one command shares: where, why and when. */
export interface EventCause {
  zoneId: string;
  /** The request id, an import's id or a sweep's id: shared by every event one cause produces. */
  correlationId: string;
  time: Date;
}

/** One line of an aggregate's timeline, written in the same update as the event it records. */
export interface TimelineEntry {
  at: Date;
  /** The event's name, e.g. HazardAccepted. */
  event: string;
  eventId: string;
  /** The aggregate's version after the event. */
  version: number;
  /** Who did it (`system:…` for what time alone changes). */
  by: PersonRef;
  details: Record<string, unknown>;
}

/** The events of a decision and the timeline entries that record them: one write carries both. */
export interface Recorded {
  events: Envelope[];
  history: TimelineEntry[];
}

export interface RecordInput<Name extends string, State> {
  aggregateId: string;
  steps: readonly Step<Fact<Name>, State>[];
  /** The version the decision was taken on: the events are numbered from the next one. */
  fromVersion: number;
  by: PersonRef;
  cause: EventCause;
}

/** Turns the steps of an aggregate's decisions into its next events and timeline entries. */
export interface EventRecorder<Name extends string, State> {
  record(input: RecordInput<Name, State>): Recorded;
}

export interface EventRecorderOptions<Definitions extends readonly AnyEventDefinition[], State> {
  /** The producing service, e.g. `/services/safety`. */
  source: string;
  /** The aggregate's event definitions; a step's fact names one of them. */
  definitions: Definitions;
  /** The state every event of the aggregate carries, so a consumer needs nothing else. */
  stateData(state: State, version: number): Record<string, unknown>;
}

/**
 * The recorder of one aggregate type. Each step becomes the event its fact names — the
 * aggregate's state after the step plus the fact's own fields — numbered `fromVersion + 1, + 2…`
 * as the outbox's `commit` requires, and a timeline entry linked to it by event id and version.
 *
 * @throws TypeError when two definitions share a name (a fact could not say which it means).
 */
export function eventRecorder<const Definitions extends readonly AnyEventDefinition[], State>(
  options: EventRecorderOptions<Definitions, State>,
): EventRecorder<EventNameOf<Definitions[number]['type']>, State> {
  const byName = new Map<string, AnyEventDefinition>();
  for (const definition of options.definitions) {
    if (byName.has(definition.name))
      throw new TypeError(`two event definitions are named ${definition.name}`);
    byName.set(definition.name, definition);
  }

  return {
    record({ aggregateId, steps, fromVersion, by, cause }) {
      const events: Envelope[] = [];
      const history: TimelineEntry[] = [];
      steps.forEach((step, index) => {
        const definition = byName.get(step.fact.name);
        if (!definition) throw new TypeError(`no event definition is named ${step.fact.name}`);
        const version = fromVersion + index + 1;
        const event = definition.create({
          source: options.source,
          zoneid: cause.zoneId,
          aggregateid: aggregateId,
          aggregateversion: version,
          correlationid: cause.correlationId,
          time: cause.time,
          data: { ...options.stateData(step.after, version), ...step.fact.facts },
        });
        events.push(event);
        history.push({
          at: cause.time,
          event: step.fact.name,
          eventId: event.id,
          version,
          by,
          details: details(step.fact.facts),
        });
      });
      return { events, history };
    },
  };
}

// The person in the facts (reportedBy, acceptedBy...) is the entry's `by`; the rest are its details.
function details(facts: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(facts).filter(([key]) => !key.endsWith('By')));
}
