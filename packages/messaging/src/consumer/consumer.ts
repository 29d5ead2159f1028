import type { RegisteredEvent } from '@zone-risk/contracts';
import type { Batch, Consumer, EachBatchPayload, IHeaders, Kafka, KafkaMessage, Producer } from 'kafkajs';
import pino, { type Logger } from 'pino';
import { backoffDelay, errorMessage, sleep } from '../backoff.ts';
import { createProducer } from '../kafka.ts';
import { createMessagingMetrics, type MessagingMetrics } from '../metrics.ts';
import { type FailureReason, sendToDeadLetter } from './dead-letter.ts';
import { defaultParse, describeParseError, type ParseEvent } from './parse.ts';
import { resolveTopics } from './topics.ts';

export interface HandlerContext {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  headers: IHeaders;
  /** 0 on the first try, then 1, 2, ... while the handler keeps failing. */
  attempt: number;
  /** Carries the event id, topic, partition and offset. */
  logger: Logger;
  /** For a handler that works long on one event: keeps this member in the group. */
  heartbeat(): Promise<void>;
}

export interface ConsumerOptions<E> {
  kafka: Kafka;
  groupId: string;
  /** Names, or patterns matched against the topics that exist at start (`.dlq` topics never match). */
  topics: readonly (string | RegExp)[];
  /** Must be idempotent: delivery is at least once (see `createAppliedLedger`). */
  handle: (event: E, ctx: HandlerContext) => Promise<void> | void;
  /**
   * Decoded JSON → event or error. Default: the contracts' `eventRegistry.parseEvent` (E is then
   * RegisteredEvent). `parseEnvelope` accepts any valid envelope; a service may pass its own registry's.
   */
  parse?: ParseEvent<E>;
  logger?: Logger;
  metrics?: MessagingMetrics;
  /**
   * Poison messages go to `<topic>.dlq` (default). With false they are logged, counted and
   * skipped — only for consumers that can afford to lose them.
   */
  deadLetter?: boolean;
  /** Retries of a failing handler before the message is dead-lettered. Default 3. */
  retries?: number;
  retryInitialMs?: number;
  retryMaxMs?: number;
  /** Where a group with no committed offset starts. Default true: a new projection reads history. */
  fromBeginning?: boolean;
  partitionsConsumedConcurrently?: number;
  sessionTimeout?: number;
}

export interface RunningConsumer {
  /** Finishes the message in hand, commits, leaves the group (a clean, immediate rebalance). */
  stop(): Promise<void>;
  /** The topics subscribed to, patterns resolved. */
  topics: string[];
  consumer: Consumer;
}

type Outcome = 'handled' | 'dead-lettered' | 'aborted';

/**
 * Runs a consumer group: each message is parsed, validated and handled in partition order; a
 * message that cannot be parsed or keeps failing goes to the dead-letter topic and the partition
 * moves on; offsets are committed after handling, so a crash redelivers rather than loses.
 */
export async function startConsumer<E = RegisteredEvent>(
  options: ConsumerOptions<E>,
): Promise<RunningConsumer> {
  const { kafka, groupId } = options;
  const logger = (options.logger ?? pino({ level: 'silent' })).child({ component: 'consumer', groupId });
  const metrics = options.metrics ?? createMessagingMetrics();
  const parse = options.parse ?? (defaultParse as ParseEvent<unknown> as ParseEvent<E>);
  const useDeadLetter = options.deadLetter ?? true;
  const retries = options.retries ?? 3;
  const retry = { initialMs: options.retryInitialMs ?? 100, maxMs: options.retryMaxMs ?? 2_000 };

  const topics = await resolveTopics(kafka, options.topics);
  const consumer = kafka.consumer({
    groupId,
    // kafkajs waits 5 s for data by default, which puts seconds into every hop of a pipeline.
    maxWaitTimeInMs: 100,
    ...(options.sessionTimeout ? { sessionTimeout: options.sessionTimeout } : {}),
  });
  let deadLetters: Producer | undefined;
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    logger.error({ err: payload.error, restart: payload.restart }, 'consumer crashed');
  });

  async function fail(
    topic: string,
    partition: number,
    message: KafkaMessage,
    reason: FailureReason,
    error: string,
  ): Promise<Outcome> {
    metrics.consumerFailed.inc({ group: groupId, topic, reason });
    const where = { topic, partition, offset: message.offset, reason, error };
    if (!deadLetters) {
      logger.error(where, 'message skipped (dead-letter topic disabled)');
      return 'dead-lettered';
    }
    await sendToDeadLetter(deadLetters, { topic, partition, message, groupId, reason, error });
    logger.warn(where, 'message sent to the dead-letter topic');
    return 'dead-lettered';
  }

  async function processMessage(
    batch: Batch,
    message: KafkaMessage,
    payload: EachBatchPayload,
  ): Promise<Outcome> {
    const { topic, partition } = batch;
    let raw: unknown;
    try {
      raw = JSON.parse(message.value?.toString('utf8') ?? '');
    } catch (error) {
      return fail(topic, partition, message, 'invalid-json', errorMessage(error));
    }
    const parsed = parse(raw);
    if (!parsed.ok) return fail(topic, partition, message, 'invalid-event', describeParseError(parsed.error));
    const eventId = (raw as { id?: unknown }).id;
    const messageLogger = logger.child({ eventId, topic, partition, offset: message.offset });
    for (let attempt = 0; ; attempt++) {
      try {
        await options.handle(parsed.event, {
          topic,
          partition,
          offset: message.offset,
          key: message.key?.toString('utf8') ?? null,
          headers: message.headers ?? {},
          attempt,
          logger: messageLogger,
          heartbeat: payload.heartbeat,
        });
        metrics.consumerConsumed.inc({ group: groupId, topic });
        return 'handled';
      } catch (error) {
        if (attempt >= retries) return fail(topic, partition, message, 'handler-failed', errorMessage(error));
        const delayMs = backoffDelay(attempt + 1, retry);
        messageLogger.warn({ err: error, attempt, retryInMs: delayMs }, 'handler failed; retrying');
        await sleep(delayMs);
        // Shutting down: leave the message unresolved for the next member rather than dead-letter it.
        if (!payload.isRunning() || payload.isStale()) return 'aborted';
        await payload.heartbeat();
      }
    }
  }

  await consumer.connect();
  try {
    if (useDeadLetter) {
      deadLetters = createProducer(kafka);
      await deadLetters.connect();
    }
    await consumer.subscribe({ topics, fromBeginning: options.fromBeginning ?? true });
    await consumer.run({
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 1,
      eachBatch: async (payload) => {
        const { batch } = payload;
        for (const message of batch.messages) {
          if (!payload.isRunning() || payload.isStale()) break;
          const outcome = await processMessage(batch, message, payload);
          if (outcome === 'aborted') break;
          payload.resolveOffset(message.offset);
          metrics.consumerLag.set(
            { group: groupId, topic: batch.topic, partition: String(batch.partition) },
            Math.max(Number(batch.highWatermark) - Number(message.offset) - 1, 0),
          );
          await payload.heartbeat();
        }
        await payload.commitOffsetsIfNecessary(payload.uncommittedOffsets());
      },
    });
  } catch (error) {
    await consumer.disconnect().catch(() => undefined);
    await deadLetters?.disconnect().catch(() => undefined);
    throw error;
  }
  logger.info({ topics }, 'consumer started');

  return {
    topics,
    consumer,
    async stop() {
      await consumer.disconnect();
      await deadLetters?.disconnect();
      logger.info('consumer stopped');
    },
  };
}
