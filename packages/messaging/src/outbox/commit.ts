import { type Envelope, envelopeSchema } from '@zone-risk/contracts';
import type { mongo } from 'mongoose';
import { AggregateNotFoundError, OutboxConflictError } from './errors.ts';
import { isOutboxField, type OutboxModel } from './fields.ts';

/** A state change of one aggregate and the events that record it. */
export interface Change {
  id: string;
  /** The `_version` the caller read; the write happens only if it is still the stored one. */
  expectedVersion: number;
  set?: Record<string, unknown>;
  unset?: readonly string[];
  inc?: Record<string, number>;
  /** `$push` values, e.g. `{ history: { $each: [entry] } }`. FerretDB ignores `$slice`: trim with `$pop`. */
  push?: Record<string, unknown>;
  /** At least one; their aggregateversion must run expectedVersion + 1, + 2, ... */
  events: readonly Envelope[];
}

/**
 * Writes a state change and its events in ONE single-document update through the aggregate's
 * model, conditioned on the version the caller read. FerretDB has no multi-document transactions,
 * and one document is atomic on every MongoDB, so state and events can never be written one
 * without the other. `_version` grows by the number of events: it stays equal to the latest
 * event's aggregateversion, which is what consumers deduplicate on.
 *
 * @returns the new version.
 * @throws OutboxConflictError when the stored version is not `expectedVersion` (nothing written),
 *   AggregateNotFoundError when there is no such aggregate.
 */
export async function commit(model: OutboxModel, change: Change): Promise<{ version: number }> {
  checkEvents(change.id, change.expectedVersion, change.events);
  const version = change.expectedVersion + change.events.length;
  // Built untyped: the caller's paths are dynamic, which the update types cannot follow.
  const update: mongo.Document = {
    $set: {
      ...userFields(change.set),
      ...outboxEntries(change.events),
      _version: version,
      _outboxPending: true,
    },
  };
  // MongoDB refuses an operator with no field, e.g. `$push: {}`.
  if (change.push && Object.keys(change.push).length > 0) update.$push = userFields(change.push);
  if (change.unset && change.unset.length > 0) {
    update.$unset = Object.fromEntries(userPaths(change.unset).map((path) => [path, '']));
  }
  if (change.inc && Object.keys(change.inc).length > 0) update.$inc = userFields(change.inc);
  const result = await model.updateOne({ _id: change.id, _version: change.expectedVersion }, update);
  if (result.matchedCount === 1) return { version };
  const current = (await model.findOne({ _id: change.id }, { _version: 1 }).lean()) as {
    _version: number;
  } | null;
  if (!current) throw new AggregateNotFoundError(change.id);
  throw new OutboxConflictError(change.id, change.expectedVersion, Number(current._version));
}

export interface InsertOptions {
  /**
   * The aggregate the events belong to, when the document is a record of it rather than the
   * aggregate itself (the aggregator stores each zone status change as its own document).
   * Default: the document's `_id`.
   */
  aggregateId?: string;
  /** The aggregate's version before these events. Default 0: the document creates the aggregate. */
  fromVersion?: number;
}

/**
 * Creates a document with the events that record its creation (one insert through the model:
 * atomic like `commit`). Its `_version` is the version of its last event.
 *
 * @throws OutboxConflictError when a document with this `_id` exists (nothing written).
 */
export async function insertNew(
  model: OutboxModel,
  doc: { _id: string | number } & Record<string, unknown>,
  events: readonly Envelope[],
  options: InsertOptions = {},
): Promise<{ version: number }> {
  const fromVersion = options.fromVersion ?? 0;
  checkEvents(options.aggregateId ?? String(doc._id), fromVersion, events);
  const { _id, ...fields } = doc;
  const version = fromVersion + events.length;
  try {
    await model.insertOne({
      _id,
      ...userFields(fields),
      _version: version,
      _outbox: Object.fromEntries(events.map((event) => [String(event.aggregateversion), event])),
      _outboxPending: true,
    });
  } catch (error) {
    if ((error as { code?: number }).code === 11000) throw new OutboxConflictError(String(_id), fromVersion);
    throw error;
  }
  return { version };
}

/**
 * A malformed event in the outbox would be published and then dead-lettered by every consumer;
 * refusing it here turns that into an error in the request that caused it.
 */
function checkEvents(id: string, fromVersion: number, events: readonly Envelope[]): void {
  if (events.length === 0) {
    // Without an event the version would not move and concurrent writers could not see each other.
    throw new TypeError(`a change of ${id} must carry at least one event`);
  }
  events.forEach((event, index) => {
    const parsed = envelopeSchema.safeParse(event);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new TypeError(
        `event ${index} of ${id} is not a valid envelope: ${issue?.path.join('.')} ${issue?.message}`,
      );
    }
    if (event.aggregateid !== id) {
      throw new TypeError(`event ${event.id} belongs to ${event.aggregateid}, not ${id}`);
    }
    if (event.aggregateversion !== fromVersion + index + 1) {
      throw new TypeError(
        `event ${event.id} has aggregateversion ${event.aggregateversion}, expected ${fromVersion + index + 1}`,
      );
    }
  });
}

/** `_outbox.<version>` paths: appending by key commutes with the relay removing published keys. */
function outboxEntries(events: readonly Envelope[]): Record<string, Envelope> {
  return Object.fromEntries(events.map((event) => [`_outbox.${event.aggregateversion}`, event]));
}

function userFields<V>(fields: Record<string, V> | undefined): Record<string, V> {
  if (!fields) return {};
  userPaths(Object.keys(fields));
  return fields;
}

function userPaths(paths: readonly string[]): readonly string[] {
  const reserved = paths.filter(isOutboxField);
  if (reserved.length > 0) throw new TypeError(`only the outbox writes ${reserved.join(', ')}`);
  return paths;
}
