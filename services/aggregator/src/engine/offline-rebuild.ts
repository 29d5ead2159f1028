import { randomBytes } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { AggregatorConfig } from '../config.ts';
import { ensureIndexes } from '../data/collections.ts';
import { historyRepository } from '../data/history.ts';
import { policyRepository } from '../data/policies.ts';
import { type SavedSnapshot, snapshotRepository } from '../data/snapshots.ts';
import { admission, domainOf } from '../domain/admission.ts';
import { compilePolicy } from '../domain/compiled-policy.ts';
import { captureModel } from '../domain/model-state.ts';
import { projectEvent } from '../domain/project.ts';
import { ReadModel } from '../domain/read-model.ts';
import { tpKey } from '../events/consumer.ts';
import { fetchOffsets } from '../events/offsets.ts';
import { readEvent } from '../events/read-event.ts';

export interface OfflineRebuildResult {
  /** Messages read. */
  events: number;
  /** Of those, not applied: `invalid` plus every `unlisted` one. */
  skipped: number;
  /** Poison (invalid JSON or event, or an apply that threw): the live consumer dead-lettered them. */
  invalid: number;
  /** Types without a contract of a domain the policy does not list, by domain: skipped live too. */
  unlisted: Record<string, number>;
  items: number;
  snapshot: SavedSnapshot;
  positions: [string, string][];
}

export class GroupActiveError extends Error {
  constructor(groupId: string, members: number) {
    super(
      `consumer group ${groupId} has ${members} active member(s): stop the aggregator first, or use POST /admin/rebuild on the running one`,
    );
    this.name = 'GroupActiveError';
  }
}

/**
 * Rebuilds the read model from the earliest offset of every domain topic up to their current
 * ends, and saves it as the snapshot the service starts from. For a stopped aggregator (a lost or
 * corrupt snapshot, a new item mapping); it refuses while the service's group has members, since
 * two writers of one snapshot would race. Messages are read and admitted as the live consumer
 * does (`readEvent`, then `admission` with the stored policy): a type without a contract of a
 * listed domain is applied, of an unlisted one skipped and counted. Poison messages are skipped:
 * the live consumer already dead-lettered them when it first met them.
 */
export async function rebuildOffline(options: {
  config: AggregatorConfig;
  store: Connection;
  kafka: Kafka;
  logger: Logger;
  onProgress?: (done: number, total: number) => void;
}): Promise<OfflineRebuildResult> {
  const { config, store, kafka, logger } = options;
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `${config.AGGREGATOR_GROUP_ID}-rebuild-${randomBytes(4).toString('hex')}`;
  try {
    const { groups } = await admin.describeGroups([config.AGGREGATOR_GROUP_ID]);
    const members = groups[0]?.members.length ?? 0;
    if (members > 0) throw new GroupActiveError(config.AGGREGATOR_GROUP_ID, members);

    const policy = await policyRepository(store).latest();
    if (!policy) throw new Error('no policy stored yet: start the aggregator once before rebuilding it');
    await ensureIndexes(store);
    const model = new ReadModel(compilePolicy(policy), config.AGGREGATOR_SAMPLE_SIZE);

    const ends = new Map<string, { low: bigint; high: bigint }>();
    for (const topic of config.AGGREGATOR_TOPICS) {
      for (const p of await fetchOffsets(admin, topic)) {
        ends.set(tpKey(topic, p.partition), { low: BigInt(p.low), high: BigInt(p.high) });
      }
    }
    const total = [...ends.values()].reduce((sum, end) => sum + Number(end.high - end.low), 0);
    const positions = new Map<string, string>([...ends].map(([key, end]) => [key, String(end.low)]));
    const reached = () =>
      [...ends].every(([key, end]) => BigInt(positions.get(key) ?? String(end.low)) >= end.high);
    let events = 0;
    let invalid = 0;
    const unlisted: Record<string, number> = {};

    if (!reached()) {
      const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
      await consumer.connect();
      let finish: () => void = () => undefined;
      const done = new Promise<void>((resolve) => {
        finish = resolve;
      });
      try {
        await consumer.subscribe({ topics: [...config.AGGREGATOR_TOPICS], fromBeginning: true });
        await consumer.run({
          eachBatch: async ({ batch, heartbeat }) => {
            const key = tpKey(batch.topic, batch.partition);
            const end = ends.get(key);
            for (const message of batch.messages) {
              // Stop at the end captured at start: the snapshot must name exactly what it holds.
              if (!end || BigInt(message.offset) >= end.high) break;
              const read = readEvent(message.value);
              if (!read.ok) invalid++;
              else if (
                admission(read.event, read.check, model.compiled, config.ZONE_ID) === 'unlisted-domain'
              ) {
                const domain = domainOf(read.event.type);
                unlisted[domain] = (unlisted[domain] ?? 0) + 1;
              } else {
                const appendedAt = Number(message.timestamp);
                try {
                  model.apply(projectEvent(read.event, model.compiled, config.ZONE_ID, appendedAt));
                } catch {
                  invalid++; // dead-lettered live as `handler-failed`
                }
              }
              events++;
              positions.set(key, String(BigInt(message.offset) + 1n));
            }
            options.onProgress?.(events, total);
            await heartbeat();
            if (reached()) finish();
          },
        });
        await done;
      } finally {
        await consumer.disconnect();
        await admin.deleteGroups([groupId]).catch(() => undefined);
      }
    }

    const history = historyRepository(store);
    const last = await history.latest();
    const snapshotPositions = [...positions];
    const snapshot = await snapshotRepository(store).save(captureModel(model), {
      positions: snapshotPositions,
      lastSequence: last?.sequence ?? 0,
      policyVersion: policy.version,
      createdAt: new Date().toISOString(),
    });
    const skipped = invalid + Object.values(unlisted).reduce((sum, n) => sum + n, 0);
    logger.info({ events, skipped, invalid, unlisted, ...snapshot }, 'read model rebuilt offline');
    return {
      events,
      skipped,
      invalid,
      unlisted,
      items: model.items.size,
      snapshot,
      positions: snapshotPositions,
    };
  } finally {
    await admin.disconnect();
  }
}
