import type { AnyEventDefinition } from '@zone-risk/contracts';
import { personRef } from '@zone-risk/contracts';
import { outboxFields } from '@zone-risk/messaging';
import { storeModel } from '@zone-risk/store';
import type { Connection, Model } from 'mongoose';
import { z } from 'zod';
import type { ActionSpec } from '../http/routes.ts';
import { type EventRecorder, eventRecorder } from './record.ts';
import { type AggregateRepository, aggregateRepository } from './repository.ts';
import { type AggregateWriter, aggregateWriter, type Versioned, type WriteContext } from './writer.ts';

/** A timeline entry as stored: the shape of `TimelineEntry`. */
export const timelineEntrySchema = z.object({
  at: z.date(),
  event: z.string(),
  eventId: z.string(),
  version: z.int(),
  by: personRef,
  details: z.record(z.string(), z.unknown()),
});

/** Fields a time-driven change is found by: an indexed flag and when the earliest timer is due. */
export interface TimerFields {
  /** A boolean field of `derived`: true while some timer has not fired. Default `timerArmed`. */
  armed?: string;
}

export interface AggregateDefinition<
  State extends Versioned,
  Definitions extends readonly AnyEventDefinition[],
  Derived extends Record<string, unknown>,
> {
  /** The aggregate type, as its events' `aggregatetype` names it, e.g. `hazard`. */
  type: string;
  /** How problems name one: "Hazard hz-1 does not exist". */
  noun: string;
  collection: string;
  /** The state as the domain sees it, `id` and `version` included: the one source of its shape. */
  state: z.ZodType<State> & z.ZodObject;
  /**
   * Fields computed from the state on every write and stored beside it, so that hot queries are
   * top-level equalities: the only filters FerretDB pushes down to PostgreSQL (and indexes serve).
   */
  derived?: { schema: z.ZodObject; of(state: State): Derived };
  /** The top-level fields (state or derived) a hot query filters on by equality. */
  indexes?: readonly string[];
  /** When time alone changes the aggregate (deadlines): `derived` holds the flag and `nextDueAt`. */
  timer?: TimerFields;
  events: {
    /** The producing service, e.g. `/services/safety`. */
    source: string;
    /** The aggregate's event definitions (`@zone-risk/contracts`); a fact names one of them. */
    definitions: Definitions;
    /** The state every event carries, so a consumer needs nothing else. */
    stateData(state: State, version: number): Record<string, unknown>;
  };
  /** The detail of a 404. Default: "<noun> <id> does not exist". */
  notFound?(id: string): string;
}

/** An aggregate bound to a store and a write context: its repository and its write path. */
export interface Aggregate<State extends Versioned, Name extends string>
  extends AggregateRepository<State>,
    AggregateWriter<State, Name> {
  readonly noun: string;
  readonly notFound: (id: string) => string;
}

/** A declared aggregate type: what it is, and how to bind it to a store. */
export interface AggregateType<State extends Versioned, Name extends string> {
  readonly type: string;
  readonly noun: string;
  readonly collection: string;
  readonly recorder: EventRecorder<Name, State>;
  /** The collection's mongoose model on `connection` (one per connection). */
  model(connection: Connection): Model<unknown>;
  /** A row of the aggregate's action table (see `aggregateRoutes`), its body typed by its schema. */
  action<Body>(spec: ActionSpec<State, Name, Body>): ActionSpec<State, Name, unknown>;
  bind(connection: Connection, ctx: WriteContext): Aggregate<State, Name>;
}

type NameOf<D extends readonly AnyEventDefinition[]> = D[number]['name'];

/**
 * Declares an aggregate type: its collection and indexes, its state schema, its derived query
 * fields, its timers and its events. The mongoose model, the repository (reads, keyset pages, the
 * timeline) and the load→decide→commit writer all come from the declaration.
 */
export function defineAggregate<
  State extends Versioned,
  const Definitions extends readonly AnyEventDefinition[],
  Derived extends Record<string, unknown> = Record<never, never>,
>(definition: AggregateDefinition<State, Definitions, Derived>): AggregateType<State, NameOf<Definitions>> {
  const recorder = eventRecorder({
    source: definition.events.source,
    definitions: definition.events.definitions,
    stateData: definition.events.stateData,
  }) as unknown as EventRecorder<NameOf<Definitions>, State>;
  const fields = definition.state
    .omit({ id: true, version: true } as never)
    .extend({ ...definition.derived?.schema.shape, history: z.array(timelineEntrySchema) });
  const timerField = definition.timer ? (definition.timer.armed ?? 'timerArmed') : undefined;
  const notFound = definition.notFound ?? ((id: string) => `${definition.noun} ${id} does not exist`);
  const modelName = definition.type
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');

  const model = (connection: Connection) =>
    storeModel(connection, {
      name: modelName,
      collection: definition.collection,
      fields,
      extra: outboxFields,
      indexes: [...(definition.indexes ?? []), ...(timerField ? [timerField] : [])],
    });

  return {
    type: definition.type,
    noun: definition.noun,
    collection: definition.collection,
    recorder,
    model,
    action: (spec) => spec as ActionSpec<State, NameOf<Definitions>, unknown>,
    bind(connection, ctx) {
      const repository = aggregateRepository<State, Derived>(model(connection), {
        state: definition.state,
        ...(definition.derived ? { derive: definition.derived.of } : {}),
        ...(timerField ? { timerField } : {}),
      });
      const writer = aggregateWriter<State, NameOf<Definitions>>(
        { noun: definition.noun, notFound, recorder, ...repository.storage },
        ctx,
      );
      return { ...repository, ...writer, noun: definition.noun, notFound };
    },
  };
}
