import type { Envelope } from '@zone-risk/contracts';
import { commit, insertNew } from '@zone-risk/messaging';
import { type Page, paginate } from '@zone-risk/platform';
import type { Model } from 'mongoose';
import type { z } from 'zod';
import type { Recorded, TimelineEntry } from './record.ts';
import type { Versioned } from './writer.ts';

/**
 * A stored document that does not fit its schema (written by hand, or by a release whose schema
 * said otherwise): a fault of the data, not of the request — answered 500 and logged with the id
 * and the fields, never blamed on the caller.
 */
export class StoredStateError extends Error {
  /** The document's `_id`. */
  readonly id: string;
  readonly issues: readonly { path: PropertyKey[]; message: string }[];

  constructor(id: string, collection: string, error: z.ZodError) {
    const fields = error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    super(`${collection} ${id} as stored does not fit its schema: ${fields.slice(0, 5).join('; ')}`);
    this.name = 'StoredStateError';
    this.id = id;
    this.issues = error.issues;
  }
}

// Reads leave out what a request does not need: the timeline and the outbox can be long.
const WITHOUT_LOGS = { history: 0, _outbox: 0, _outboxLease: 0 } as const;

/** How a list is ordered: by one stored field, newest first with -1; `_id` breaks ties. */
export interface ListOrder {
  field: string;
  direction: 1 | -1;
}

/** The reads of one aggregate type, and the writes its writer makes. */
export interface AggregateRepository<State extends Versioned> {
  /** The collection's mongoose model, for a service's own queries (statistics, projections). */
  readonly model: Model<unknown>;
  find(id: string): Promise<State | null>;
  /** The timeline of one aggregate, oldest first; null when there is no such aggregate. */
  history(id: string): Promise<TimelineEntry[] | null>;
  /**
   * One keyset page. Filter on top-level fields by equality where you can: only those are
   * pushed down on FerretDB; ranges and dotted paths are evaluated after reading what they select.
   * A filter value left undefined is no condition.
   */
  list(
    filter: Record<string, unknown>,
    page: { limit: number; cursor?: string | undefined },
    order: ListOrder,
  ): Promise<Page<State>>;
  /** The aggregates with a timer that has not fired, and when the earliest is due. */
  armed(): Promise<{ id: string; nextDueAt: Date | null }[]>;
  /** Builds the indexes the model declares. */
  createIndexes(): Promise<void>;
  /** What the writer writes with. */
  readonly storage: {
    load(id: string): Promise<State | null>;
    insert(state: State, recorded: Recorded): Promise<void>;
    commit(expectedVersion: number, state: State, recorded: Recorded): Promise<void>;
  };
}

export function aggregateRepository<State extends Versioned, Derived extends Record<string, unknown>>(
  model: Model<unknown>,
  options: { state: z.ZodType<State>; derive?: (state: State) => Derived; timerField?: string },
): AggregateRepository<State> {
  const toState = (doc: Record<string, unknown>): State => {
    const parsed = options.state.safeParse({ ...doc, id: doc._id, version: doc._version });
    if (parsed.success) return parsed.data;
    throw new StoredStateError(String(doc._id), model.collection.collectionName, parsed.error);
  };

  // The whole state plus what derives from it: one consistent snapshot in every write.
  const stateFields = (state: State): Record<string, unknown> => {
    const { id: _id, version: _version, ...fields } = state;
    return { ...fields, ...options.derive?.(state) };
  };

  async function find(id: string): Promise<State | null> {
    const doc = await model.findOne({ _id: id }, WITHOUT_LOGS).lean<Record<string, unknown>>();
    return doc ? toState(doc) : null;
  }

  return {
    model,
    find,

    async history(id) {
      const doc = await model.findOne({ _id: id }, { history: 1 }).lean<{ history?: TimelineEntry[] }>();
      return doc ? (doc.history ?? []) : null;
    },

    async list(filter, page, order) {
      const result = await paginate<Record<string, unknown> & { _id: string }>(model, {
        ...page,
        filter: Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined)),
        sortField: order.field,
        direction: order.direction,
        projection: WITHOUT_LOGS,
      });
      return { items: result.items.map(toState), nextCursor: result.nextCursor };
    },

    async armed() {
      if (!options.timerField) return [];
      const docs = await model
        .find({ [options.timerField]: true }, { _id: 1, nextDueAt: 1 })
        .lean<{ _id: string; nextDueAt?: Date | null }[]>();
      return docs.map((doc) => ({ id: doc._id, nextDueAt: doc.nextDueAt ?? null }));
    },

    async createIndexes() {
      await model.createIndexes();
    },

    storage: {
      load: find,
      async insert(state, { events, history }) {
        await insertNew(model, { _id: state.id, ...stateFields(state), history }, events as Envelope[]);
      },
      async commit(expectedVersion, state, { events, history }) {
        // mongoose drops `undefined` from `$set`: a field the decision cleared is unset instead.
        const fields = stateFields(state);
        const cleared = Object.keys(fields).filter((key) => fields[key] === undefined);
        for (const key of cleared) delete fields[key];
        await commit(model, {
          id: state.id,
          expectedVersion,
          set: fields,
          unset: cleared,
          push: { history: { $each: history } },
          events,
        });
      },
    },
  };
}
