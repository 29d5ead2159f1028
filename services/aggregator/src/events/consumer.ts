import type { Envelope } from '@zone-risk/contracts';
import {
  createProducer,
  type FailureReason,
  type MessagingMetrics,
  sendToDeadLetter,
} from '@zone-risk/messaging';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import type { EventCheck } from '../domain/admission.ts';
import { fetchOffsets, type TopicOffsets } from './offsets.ts';
import { readEvent } from './read-event.ts';

/** `topic:partition`, the key of every offset map here. */
export const tpKey = (topic: string, partition: number): string => `${topic}:${partition}`;

export function splitTp(key: string): { topic: string; partition: number } {
  const at = key.lastIndexOf(':');
  return { topic: key.slice(0, at), partition: Number(key.slice(at + 1)) };
}

/** Where a message was read, and when the broker took it (its record timestamp, epoch ms). */
export interface MessagePosition {
  topic: string;
  partition: number;
  offset: string;
  appendedAt: number;
}

export interface PartitionOffsets extends TopicOffsets {
  topic: string;
}

export interface ConsumerHandlers {
  /**
   * Applies one valid event to the read model (or skips it), synchronously; a throw dead-letters
   * it. `check` says whether its contract validated it or, for a type this build does not know,
   * only its envelope: taking such an event is a decision of the policy in force.
   */
  apply(event: Envelope, where: MessagePosition, check: EventCheck): void;
  /** Consumption of `topic:partition` reached `next` (an applied, skipped or dead-lettered message). */
  advance(key: string, next: string): void;
  /** After each batch: recompute the status. Offsets are committed after it. */
  afterBatch(): Promise<void>;
}

export interface DomainConsumerOptions {
  kafka: Kafka;
  groupId: string;
  topics: readonly string[];
  handlers: ConsumerHandlers;
  logger: Logger;
  metrics: MessagingMetrics;
}

export interface DomainConsumer {
  /** Starts consuming from `positions` (next offsets); partitions not listed start at their earliest offset. */
  start(positions: ReadonlyMap<string, string>): Promise<void>;
  /** Every partition of the consumed topics with its earliest and next offset. */
  partitions(): Promise<PartitionOffsets[]>;
  /**
   * Holds consumption between two batches: resolves once no batch is in progress and none will
   * start until `release()`. The read model can then be swapped and `seek` called safely.
   */
  hold(): Promise<void>;
  release(): void;
  /** Next offsets to read from; applied at the next fetch, messages fetched before are dropped. */
  seek(positions: ReadonlyMap<string, string>): void;
  /** True while this member is in the group with its partitions (false after a fatal crash). */
  joined(): boolean;
  stop(): Promise<void>;
}

/**
 * The aggregator's consumer loop. It resumes from the offsets saved in its snapshot, not from the
 * group's committed ones (those may be ahead of the snapshot after a crash), and seeks back to the
 * start for a rebuild: so it runs kafkajs directly, seeks every partition at start, and uses the
 * messaging package's parse description, dead-letter sender and metrics. Messages are read by
 * `readEvent`: a type of the contracts in full, any other type as an envelope (see there).
 */
export function createDomainConsumer(options: DomainConsumerOptions): DomainConsumer {
  const { kafka, groupId, handlers, metrics } = options;
  const logger = options.logger.child({ component: 'domain-consumer', groupId });
  const consumer: Consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100, sessionTimeout: 30_000 });
  let deadLetters: Producer | undefined;
  let held = true;
  let inBatch: Promise<void> | undefined;
  let hasJoined = false;

  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    hasJoined = true;
    const assigned = Object.values(payload.memberAssignment).reduce((sum, list) => sum + list.length, 0);
    logger.info({ assigned, memberId: payload.memberId }, 'joined the consumer group');
    void partitions().then((all) => {
      if (assigned < all.length) {
        logger.error(
          { assigned, partitions: all.length },
          'another member shares the aggregator group: its read model sees only part of the events; run one replica per group',
        );
      }
    });
  });
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    logger.error({ err: payload.error, restart: payload.restart }, 'consumer crashed');
    // kafkajs gives up on non-retriable errors: the service is then not ready (and says so).
    if (!payload.restart) hasJoined = false;
  });
  consumer.on(consumer.events.STOP, () => {
    hasJoined = false;
  });

  async function partitions(): Promise<PartitionOffsets[]> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const all: PartitionOffsets[] = [];
      for (const topic of options.topics) {
        for (const p of await fetchOffsets(admin, topic, logger)) {
          all.push({ topic, ...p });
        }
      }
      return all;
    } finally {
      await admin.disconnect();
    }
  }

  async function deadLetter(
    topic: string,
    partition: number,
    message: KafkaMessage,
    reason: FailureReason,
    error: string,
  ): Promise<void> {
    metrics.consumerFailed.inc({ group: groupId, topic, reason });
    logger.warn(
      { topic, partition, offset: message.offset, reason, error },
      'message sent to the dead-letter topic',
    );
    if (deadLetters)
      await sendToDeadLetter(deadLetters, { topic, partition, message, groupId, reason, error });
  }

  /** Applies one message; returns a promise only when it must be dead-lettered (the rare, slow path). */
  function handle(topic: string, partition: number, message: KafkaMessage): Promise<void> | undefined {
    const read = readEvent(message.value);
    if (!read.ok) return deadLetter(topic, partition, message, read.reason, read.error);
    try {
      handlers.apply(
        read.event,
        { topic, partition, offset: message.offset, appendedAt: Number(message.timestamp) },
        read.check,
      );
    } catch (error) {
      // The apply is synchronous and in memory: retrying cannot help, the event goes aside.
      logger.error({ err: error, eventId: read.event.id, topic, partition }, 'event could not be applied');
      return deadLetter(topic, partition, message, 'handler-failed', (error as Error).message);
    }
    return undefined;
  }

  async function eachBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const key = tpKey(batch.topic, batch.partition);
    let handled = 0;
    let last: string | undefined;
    for (const message of batch.messages) {
      if (held || !payload.isRunning() || payload.isStale()) break;
      const slow = handle(batch.topic, batch.partition, message);
      if (slow) await slow;
      else handled++;
      payload.resolveOffset(message.offset);
      last = message.offset;
      handlers.advance(key, String(Number(message.offset) + 1));
    }
    // Metrics once per batch: label lookups per message cost more than the apply itself.
    if (handled > 0) metrics.consumerConsumed.inc({ group: groupId, topic: batch.topic }, handled);
    if (last !== undefined) {
      metrics.consumerLag.set(
        { group: groupId, topic: batch.topic, partition: String(batch.partition) },
        Math.max(Number(batch.highWatermark) - Number(last) - 1, 0),
      );
    }
    await handlers.afterBatch();
    await payload.heartbeat();
    await payload.commitOffsetsIfNecessary();
  }

  function seek(positions: ReadonlyMap<string, string>): void {
    for (const [key, offset] of positions) {
      const { topic, partition } = splitTp(key);
      consumer.seek({ topic, partition, offset });
    }
  }

  return {
    async start(positions) {
      const all = await partitions();
      const targets = new Map<string, string>();
      for (const p of all) {
        const key = tpKey(p.topic, p.partition);
        const saved = positions.get(key);
        if (saved !== undefined && BigInt(saved) < BigInt(p.low)) {
          logger.error(
            { topic: p.topic, partition: p.partition, saved, earliest: p.low },
            'events after the snapshot were deleted by retention; the read model misses them: rebuild',
          );
        }
        const start = saved === undefined || BigInt(saved) < BigInt(p.low) ? p.low : saved;
        targets.set(key, start);
      }
      deadLetters = createProducer(kafka);
      await deadLetters.connect();
      await consumer.connect();
      await consumer.subscribe({ topics: [...options.topics], fromBeginning: true });
      await consumer.run({
        eachBatchAutoResolve: false,
        eachBatch: async (payload) => {
          if (held) return;
          inBatch = eachBatch(payload);
          try {
            await inBatch;
          } finally {
            inBatch = undefined;
          }
        },
      });
      // Seeks are registered before any fetch can be handled (held until now), so no message from
      // the group's committed offsets slips in ahead of them.
      seek(targets);
      held = false;
      logger.info(
        { topics: options.topics, partitions: targets.size },
        'consuming from the snapshot positions',
      );
    },
    partitions,
    async hold() {
      held = true;
      await inBatch?.catch(() => undefined);
    },
    release() {
      held = false;
    },
    seek,
    joined: () => hasJoined,
    async stop() {
      held = true;
      await consumer.disconnect();
      await deadLetters?.disconnect();
      logger.info('domain consumer stopped');
    },
  };
}
