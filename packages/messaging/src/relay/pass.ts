import type { Envelope } from '@zone-risk/contracts';
import { MAX_UPDATE_STATEMENTS } from '@zone-risk/store';
import type { Producer, TopicMessages } from 'kafkajs';
import type { mongo } from 'mongoose';
import type { Logger } from 'pino';
import { eventMessage } from '../headers.ts';
import type { MessagingMetrics } from '../metrics.ts';
import { type OutboxDocument, outboxCollection, pendingEvents } from '../outbox/fields.ts';

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
  /** Events Kafka does not have yet, oldest first. */
  events: Envelope[];
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
  const leased = await collection
    .find(
      // `_outboxPending` first: FerretDB pushes only top-level scalar equality down to PostgreSQL
      // and evaluates `$in` and dotted paths after reading what that returns.
      { _outboxPending: true, _id: { $in: ids }, '_outboxLease.owner': owner },
      { projection: { _version: 1, _outbox: 1 } },
    )
    .toArray();
  const docs: PendingDoc[] = leased.map((doc) => ({
    _id: doc._id,
    _version: doc._version,
    events: pendingEvents(doc),
  }));
  try {
    await publish(ctx, docs);
  } catch (error) {
    await releaseLeases(ctx, docs);
    throw new PublishError(error);
  }
  const remaining = await trim(ctx, docs);
  const published = docs.reduce((sum, doc) => sum + doc.events.length, 0);
  return { published, more: candidates.length === ctx.batchSize || remaining > 0 };
}

async function publish(ctx: BatchContext, docs: readonly PendingDoc[]): Promise<void> {
  const byTopic = new Map<string, TopicMessages>();
  for (const doc of docs) {
    for (const event of doc.events) {
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
    for (const event of doc.events) {
      const age = (ackedAt - Date.parse(event.time)) / 1000;
      if (Number.isFinite(age)) ctx.metrics.outboxPublishLatency.observe({ collection }, Math.max(age, 0));
    }
  }
}

/**
 * Removes what was published, in bulks of at most ten updates (the store's limit). Per
 * aggregate, one compare-and-set first: if `_version` is unchanged since the read, nothing was
 * appended (every writer bumps it), so the outbox holds exactly what was published: it is removed
 * and `_outboxPending` goes false. A writer that appended meanwhile makes that miss; then only
 * the published keys are removed (`$unset`), and the flag stays for the next pass. Removing known
 * keys commutes with adding new ones, so a busy aggregate can neither make the relay lose an
 * event nor publish one twice.
 * @returns how many aggregates still have events pending.
 */
async function trim(ctx: BatchContext, docs: readonly PendingDoc[]): Promise<number> {
  const collection = outboxCollection(ctx.collection);
  let remaining = 0;
  for (let start = 0; start < docs.length; start += MAX_UPDATE_STATEMENTS) {
    const chunk = docs.slice(start, start + MAX_UPDATE_STATEMENTS);
    const emptied = await collection.bulkWrite(
      chunk.map((doc) => ({
        updateOne: {
          filter: { _id: doc._id, _version: doc._version, '_outboxLease.owner': ctx.owner },
          update: { $set: { _outboxPending: false }, $unset: { _outbox: '', _outboxLease: '' } },
        },
      })),
      { ordered: false },
    );
    if (emptied.matchedCount === chunk.length) continue;
    // A bulk reports totals only. Those emptied no longer hold our lease, so this matches
    // exactly the ones a writer appended to (or none, for a lease lost to a slow publish: its
    // new holder republishes — at least once).
    const trimmed = await collection.bulkWrite(
      chunk.map((doc) => ({
        updateOne: {
          filter: { _id: doc._id, '_outboxLease.owner': ctx.owner },
          update: { $unset: publishedKeys(doc) },
        },
      })),
      { ordered: false },
    );
    remaining += trimmed.matchedCount;
  }
  return remaining;
}

function publishedKeys(doc: PendingDoc): Record<string, ''> {
  const paths: Record<string, ''> = { _outboxLease: '' };
  for (const event of doc.events) paths[`_outbox.${event.aggregateversion}`] = '';
  return paths;
}

/** Best effort: lets another replica (perhaps one that still reaches Kafka) take over at once. */
async function releaseLeases(ctx: BatchContext, docs: readonly PendingDoc[]): Promise<void> {
  if (docs.length === 0) return;
  await outboxCollection(ctx.collection)
    .updateMany(
      { _outboxPending: true, _id: { $in: docs.map((doc) => doc._id) }, '_outboxLease.owner': ctx.owner },
      { $unset: { _outboxLease: '' } },
    )
    .catch((error: unknown) => ctx.logger.warn({ err: error }, 'could not release outbox leases'));
}
