import type { Connection } from 'mongoose';

export type ApplyOutcome = 'applied' | 'duplicate';

export interface AppliedLedger {
  /**
   * Runs `apply` unless this group already applied `aggregateVersion` (or a later version) of
   * `aggregateId`, then records it. Redelivered and older events are skipped.
   */
  tryApply(
    aggregateId: string,
    aggregateVersion: number,
    apply: () => Promise<void> | void,
  ): Promise<ApplyOutcome>;
  /** The last version applied for an aggregate, 0 when none. */
  lastApplied(aggregateId: string): Promise<number>;
}

/**
 * A store-backed record, per consumer group and aggregate, of the last aggregateversion applied.
 * Events of one aggregate arrive in version order (one partition, the relay's ordering), so
 * "skip anything at or below the last applied version" drops every redelivery, including the
 * batches Kafka hands again to a consumer restarted before it committed.
 *
 * The record is written after `apply`: a crash between the two re-applies that one event on
 * restart (never loses it). When `apply` writes to the same store, make it exact by putting the
 * version in the target document and updating conditionally instead. Consumers that keep state
 * in memory (the aggregator) track the last version per aggregate themselves and rebuild it on
 * start; they do not need this.
 */
export function createAppliedLedger(
  connection: Connection,
  groupId: string,
  options: { collectionName?: string } = {},
): AppliedLedger {
  const collection = connection.collection(options.collectionName ?? 'applied_events');
  const key = (aggregateId: string): string => `${groupId}|${aggregateId}`;

  async function lastApplied(aggregateId: string): Promise<number> {
    const doc = await collection.findOne({ _id: key(aggregateId) as never }, { projection: { version: 1 } });
    return typeof doc?.version === 'number' ? doc.version : 0;
  }

  return {
    lastApplied,
    async tryApply(aggregateId, aggregateVersion, apply) {
      if (aggregateVersion <= (await lastApplied(aggregateId))) return 'duplicate';
      await apply();
      try {
        // Only moves forward: an upsert conditioned on a lower version. When the record is at or
        // past this version already (a concurrent member during a rebalance), the filter misses,
        // the upsert collides on _id, and the record stays as it is.
        await collection.updateOne(
          { _id: key(aggregateId) as never, version: { $lt: aggregateVersion } },
          { $set: { version: aggregateVersion, groupId, aggregateId, appliedAt: new Date() } },
          { upsert: true },
        );
      } catch (error) {
        if ((error as { code?: number }).code !== 11000) throw error;
      }
      return 'applied';
    },
  };
}
