import type { Envelope } from '@zone-risk/contracts';
import { MAX_UPDATE_STATEMENTS } from '@zone-risk/store';
import type { Producer, TopicMessages } from 'kafkajs';
import type { mongo } from 'mongoose';
import type { Logger } from 'pino';
import { eventMessage } from '../headers.ts';
import type { MessagingMetrics } from '../metrics.ts';
import { type OutboxDocument, outboxCollection } from '../outbox/fields.ts';

export interface BatchContext {
  collection: mongo.Collection;
  producer: Producer;
  topicFor: (event: Envelope) => string;
  owner: string;
  leaseMs: number;
  batchSize: number;
  logger: Logger;
  metrics: MessagingMetrics;
}

export interface BatchResult {
  published: number;
  /** Work may remain: the batch was full, or writers appended while it was published. */
  more: boolean;
}

interface PendingDoc {
  _id: string;
  _version: number;
  _outbox: Envelope[];
}

/** Raised when Kafka refused or did not acknowledge a batch; nothing of it was trimmed. */
export class PublishError extends Error {
  override readonly cause: unknown;
  constructor(cause: unknown) {
    super(`publishing the outbox failed: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'PublishError';
    this.cause = cause;
  }
}

// A lease is free when nobody holds it, it expired, or we hold it already (our own earlier pass
// failed before releasing it).
function leaseFree(owner: string, now: number): mongo.Filter<OutboxDocument> {
  return {
    $or: [
      { _outboxLease: { $exists: false } },
      { '_outboxLease.until': { $lt: now } },
      { '_outboxLease.owner': owner },
    ],
  };
}

/**
 * One relay step on one collection: lease up to `batchSize` pending aggregates, publish their
 * outboxes in order, and trim what Kafka acknowledged.
 *
 * Ordering: an aggregate's events are only ever published by the lease holder, from the front of
 * its outbox, and removed only after Kafka acknowledged them; the next holder can only see what
 * is left after that trim. Since writers only append, every publication of an aggregate is an
 * ordered run that starts where the acknowledged ones stopped or earlier (a redelivery after a
 * crash or a lost trim) — consumers that skip versions they have seen get each event once, in order.
 */
export async function relayBatch(ctx: BatchContext): Promise<BatchResult> {
  const { owner } = ctx;
  const collection = outboxCollection(ctx.collection);
  const now = Date.now();
  const candidates = await collection
    .find(
      { _outboxPending: true, ...leaseFree(owner, now) },
      { projection: { _id: 1 }, limit: ctx.batchSize },
    )
    .toArray();
  if (candidates.length === 0) return { published: 0, more: false };
  const ids = candidates.map((doc) => doc._id);
  // Taken with one conditional updateMany; re-reading by owner tells which ones we got (a
  // concurrent relay may have won some).
  await collection.updateMany(
    { _id: { $in: ids }, _outboxPending: true, ...leaseFree(owner, now) },
    { $set: { _outboxLease: { owner, until: now + ctx.leaseMs } } },
  );
  const leased = (await collection
    .find({ _id: { $in: ids }, '_outboxLease.owner': owner }, { projection: { _version: 1, _outbox: 1 } })
    .toArray()) as unknown as PendingDoc[];
  const docs = leased.filter((doc) => Array.isArray(doc._outbox));
  try {
    await publish(ctx, docs);
  } catch (error) {
    await releaseLeases(ctx, docs);
    throw new PublishError(error);
  }
  const remaining = await trim(ctx, docs);
  const published = docs.reduce((sum, doc) => sum + doc._outbox.length, 0);
  return { published, more: candidates.length === ctx.batchSize || remaining > 0 };
}

async function publish(ctx: BatchContext, docs: readonly PendingDoc[]): Promise<void> {
  const byTopic = new Map<string, TopicMessages>();
  for (const doc of docs) {
    for (const event of doc._outbox) {
      const topic = ctx.topicFor(event);
      let entry = byTopic.get(topic);
      if (!entry) {
        entry = { topic, messages: [] };
        byTopic.set(topic, entry);
      }
      entry.messages.push(eventMessage(event));
    }
  }
  if (byTopic.size === 0) return;
  // One sendBatch: kafkajs keeps message order within each partition of one request, and the
  // idempotent producer keeps it across its own retries.
  await ctx.producer.sendBatch({ topicMessages: [...byTopic.values()], acks: -1 });
  const ackedAt = Date.now();
  const collection = ctx.collection.collectionName;
  for (const [topic, entry] of byTopic)
    ctx.metrics.outboxPublished.inc({ collection, topic }, entry.messages.length);
  for (const doc of docs) {
    for (const event of doc._outbox) {
      const age = (ackedAt - Date.parse(event.time)) / 1000;
      if (Number.isFinite(age)) ctx.metrics.outboxPublishLatency.observe({ collection }, Math.max(age, 0));
    }
  }
}

/**
 * Removes what was published. Fast path: a bulk of compare-and-set updates that empty the outbox
 * when neither `_version` (writers bump it with every append) nor the lease owner changed since
 * the read. A bulk result only gives totals, so a chunk with a miss is redone doc by doc, removing
 * exactly the published events by id. Never `$pull` with a condition: FerretDB ignores it.
 * @returns how many aggregates still have events pending.
 */
async function trim(ctx: BatchContext, docs: readonly PendingDoc[]): Promise<number> {
  let remaining = 0;
  for (let start = 0; start < docs.length; start += MAX_UPDATE_STATEMENTS) {
    const chunk = docs.slice(start, start + MAX_UPDATE_STATEMENTS);
    const result = await outboxCollection(ctx.collection).bulkWrite(
      chunk.map((doc) => ({
        updateOne: {
          filter: { _id: doc._id, '_outboxLease.owner': ctx.owner },
          update: { $set: { _outbox: [], _outboxPending: false }, $unset: { _outboxLease: '' } },
        },
      })),
      { ordered: false },
    );
    if (result.matchedCount === chunk.length) continue;
    for (const doc of chunk) {
      if (!(await trimOne(ctx, doc))) remaining++;
    }
  }
  return remaining;
}

/** @returns true when the aggregate's outbox is now empty. */
async function trimOne(ctx: BatchContext, published: PendingDoc): Promise<boolean> {
  const publishedIds = new Set(published._outbox.map((event) => event.id));
  for (let attempt = 0; attempt < 5; attempt++) {
    const doc = await outboxCollection(ctx.collection).findOne(
      { _id: published._id },
      { projection: { _version: 1, _outbox: 1, _outboxLease: 1 } },
    );
    if (!doc) return true;
    const outbox = (doc._outbox ?? []) as Envelope[];
    const tail = outbox.filter((event) => !publishedIds.has(event.id));
    // Lost the lease (we were slower than leaseMs): the new holder republishes; leave it to it.
    if (doc._outboxLease?.owner !== ctx.owner) return tail.length === 0;
    const result = await outboxCollection(ctx.collection).updateOne(
      { _id: published._id, _version: doc._version, '_outboxLease.owner': ctx.owner },
      { $set: { _outbox: tail, _outboxPending: tail.length > 0 }, $unset: { _outboxLease: '' } },
    );
    if (result.matchedCount === 1) return tail.length === 0;
  }
  // A writer keeps appending faster than we trim: the lease expires and a later pass redelivers.
  ctx.logger.warn(
    { aggregateId: String(published._id) },
    'outbox trim kept conflicting; left for a later pass',
  );
  return false;
}

/** Best effort: lets another replica (perhaps one that still reaches Kafka) take over at once. */
async function releaseLeases(ctx: BatchContext, docs: readonly PendingDoc[]): Promise<void> {
  if (docs.length === 0) return;
  await outboxCollection(ctx.collection)
    .updateMany(
      { _id: { $in: docs.map((doc) => doc._id) }, '_outboxLease.owner': ctx.owner },
      { $unset: { _outboxLease: '' } },
    )
    .catch((error: unknown) => ctx.logger.warn({ err: error }, 'could not release outbox leases'));
}
