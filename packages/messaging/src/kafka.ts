import { deadLetterTopic } from '@zone-risk/contracts';
import { type Admin, Kafka, type KafkaConfig, logLevel, Partitioners, type Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { retryRetriable } from './retry.ts';

export type KafkaLogLevel = 'nothing' | 'error' | 'warn' | 'info' | 'debug';

const kafkaLevels: Record<KafkaLogLevel, logLevel> = {
  nothing: logLevel.NOTHING,
  error: logLevel.ERROR,
  warn: logLevel.WARN,
  info: logLevel.INFO,
  debug: logLevel.DEBUG,
};

export interface CreateKafkaOptions {
  clientId: string;
  brokers: string[];
  /** kafkajs log lines go to this pino logger (child `{ component: 'kafkajs' }`). */
  logger?: Logger;
  /**
   * kafkajs is chatty: it logs every reconnect and rebalance at INFO and WARN. Errors only by
   * default; raise it when debugging the client itself.
   */
  logLevel?: KafkaLogLevel;
  /** Custom sockets, e.g. a test that cuts the network on the client side. */
  socketFactory?: KafkaConfig['socketFactory'];
  connectionTimeout?: number;
  requestTimeout?: number;
  retry?: KafkaConfig['retry'];
}

/** A kafkajs client whose log lines are structured pino entries. */
export function createKafka(options: CreateKafkaOptions): Kafka {
  const logger = options.logger?.child({ component: 'kafkajs' });
  const config: KafkaConfig = {
    clientId: options.clientId,
    brokers: options.brokers,
    logLevel: kafkaLevels[options.logLevel ?? 'error'],
    logCreator: () => (entry) => {
      if (!logger) return;
      const { message, timestamp: _timestamp, ...extra } = entry.log;
      const fields = { namespace: entry.namespace, ...extra };
      if (entry.level === logLevel.ERROR) logger.error(fields, message);
      else if (entry.level === logLevel.WARN) logger.warn(fields, message);
      else if (entry.level === logLevel.INFO) logger.info(fields, message);
      else logger.debug(fields, message);
    },
  };
  if (options.socketFactory) config.socketFactory = options.socketFactory;
  if (options.connectionTimeout !== undefined) config.connectionTimeout = options.connectionTimeout;
  if (options.requestTimeout !== undefined) config.requestTimeout = options.requestTimeout;
  if (options.retry) config.retry = options.retry;
  return new Kafka(config);
}

export interface CreateProducerOptions {
  /**
   * How long kafkajs itself retries one send before failing it. Callers (the relay) retry with
   * their own backoff, so this stays short: a send that fails fast frees the caller to back off.
   */
  retries?: number;
}

/**
 * An idempotent producer: the broker drops the duplicates kafkajs' own retries would write and
 * keeps each partition in send order. Idempotence requires at most one request in flight.
 * The partitioner is the Java-compatible one (murmur2 of the key), so every client, in any
 * language, puts one aggregate's events on the same partition.
 */
export function createProducer(kafka: Kafka, options: CreateProducerOptions = {}): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
    retry: { retries: options.retries ?? 5, initialRetryTime: 100, maxRetryTime: 2_000 },
  });
}

export interface TopicSpec {
  topic: string;
  /** Partitions of a topic created here; an existing topic is left as it is. Default 3. */
  partitions?: number;
  /** Default 1 (the local single broker); production clusters pass 3. */
  replicationFactor?: number;
  /** Also create `<topic>.dlq` with the same settings. Default true. */
  deadLetter?: boolean;
}

/**
 * Creates the topics (and their dead-letter topics) that do not exist yet. The brokers run with
 * auto-creation off, so a service creates what it publishes to at start. Safe to run from every
 * replica and every service at once: a topic someone else created meanwhile is not an error, and
 * the moments when a just-created topic is in the broker's list but not yet in its metadata (or
 * without a leader) are waited out — seen when all services start together on a fresh cluster.
 */
export async function ensureTopics(admin: Admin, specs: readonly TopicSpec[]): Promise<string[]> {
  const wanted = new Map<string, { numPartitions: number; replicationFactor: number }>();
  for (const spec of specs) {
    const settings = { numPartitions: spec.partitions ?? 3, replicationFactor: spec.replicationFactor ?? 1 };
    wanted.set(spec.topic, settings);
    if (spec.deadLetter ?? true) wanted.set(deadLetterTopic(spec.topic), settings);
  }
  const created = new Set<string>();
  await retryRetriable(
    async () => {
      const existing = new Set(await admin.listTopics());
      const missing = [...wanted].filter(([topic]) => !existing.has(topic));
      if (missing.length > 0) {
        try {
          await admin.createTopics({
            waitForLeaders: true,
            topics: missing.map(([topic, settings]) => ({ topic, ...settings })),
          });
          for (const [topic] of missing) created.add(topic);
        } catch (error) {
          if (!onlyTopicExists(error)) throw error;
        }
      }
      // Every wanted topic answers with a leader for each partition before the service goes on.
      const metadata = await admin.fetchTopicMetadata({ topics: [...wanted.keys()] });
      const leaderless = metadata.topics.flatMap((t) =>
        t.partitions.filter((p) => p.leader < 0).map(() => t.name),
      );
      if (leaderless.length > 0) {
        throw Object.assign(new Error(`no leader yet for ${[...new Set(leaderless)].join(', ')}`), {
          retriable: true,
        });
      }
    },
    { attempts: 30, pauseMs: 500 },
  );
  return [...created];
}

function onlyTopicExists(error: unknown): boolean {
  const nested = (error as { errors?: unknown[] }).errors;
  const all = Array.isArray(nested) && nested.length > 0 ? nested : [error];
  return all.every((e) => (e as { type?: string }).type === 'TOPIC_ALREADY_EXISTS');
}
