import type { Envelope } from '@zone-risk/contracts';
import { type Model, type mongo, Schema } from 'mongoose';

/** Who is publishing an aggregate's outbox right now, and until when (epoch milliseconds). */
export interface OutboxLease {
  owner: string;
  until: number;
}

/**
 * Pending events keyed by their aggregateversion ("3": event). A map rather than an array so that
 * appending (`$set` of a new key) and removing what was published (`$unset` of exactly those
 * keys) commute: neither needs to know what the other wrote, so no compare-and-set on the array,
 * no conditional `$pull` (a no-op on FerretDB) and no positional `$` (matches nothing there).
 */
export type Outbox = Record<string, Envelope>;

/** The fields the outbox adds to an aggregate document. All writes go through `commit`/`insertNew`. */
export interface OutboxState {
  /** Number of events the aggregate has produced; the aggregateversion of its latest event. */
  _version: number;
  /** Events written with the state that produced them and not yet acknowledged by Kafka. */
  _outbox?: Outbox;
  /** Set while `_outbox` is not empty, so the relay finds work through a plain index. */
  _outboxPending: boolean;
  _outboxLease?: OutboxLease;
}

/** The pending events of an aggregate document, oldest first (`Object.values` also reads an array an earlier release wrote). */
export function pendingEvents(doc: { [field: string]: unknown }): Envelope[] {
  return Object.values((doc._outbox ?? {}) as Outbox)
    .filter((event): event is Envelope => typeof event === 'object' && event !== null)
    .sort((a, b) => a.aggregateversion - b.aggregateversion);
}

/**
 * The outbox fields for a mongoose schema: `new Schema({ ...stateFields, ...outboxFields })`.
 * `_outboxPending` gets a plain boolean index: FerretDB has no partial indexes, and the relay
 * queries `{ _outboxPending: true }`. The relay also creates that index itself at start.
 * `_outbox` must never be an array: on MongoDB `$set: { '_outbox.3': … }` would then pad an array.
 */
export const outboxFields = {
  _version: { type: Number, required: true, default: 0 },
  _outbox: { type: Schema.Types.Mixed },
  _outboxPending: { type: Boolean, default: false, index: true },
  _outboxLease: { type: Schema.Types.Mixed },
};

/** Names a caller's update may not touch: only the outbox functions write them. */
export function isOutboxField(path: string): boolean {
  const root = path.split('.')[0] ?? path;
  return root === '_id' || root === '_version' || root.startsWith('_outbox');
}

/** An aggregate document as the outbox functions see it; aggregate ids are strings (the Kafka key). */
export interface OutboxDocument extends OutboxState {
  _id: string;
  [field: string]: unknown;
}

/**
 * A mongoose model whose schema spreads `outboxFields`: `commit` and `insertNew` write through it.
 * Typed loosely: the outbox writes only its own fields and paths the caller names.
 */
// biome-ignore lint/suspicious/noExplicitAny: any aggregate's model; the outbox fields are checked at run time
export type OutboxModel = Model<any, any, any, any, any, any>;

/**
 * The driver types a plain collection's `_id` as ObjectId; the relay passes `Model.collection`
 * and reads and writes it with string ids.
 */
export function outboxCollection(collection: mongo.Collection): mongo.Collection<OutboxDocument> {
  return collection as unknown as mongo.Collection<OutboxDocument>;
}
