import type { Admin, Kafka, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { type Heartbeat, startHeartbeat } from './heartbeat.ts';
import { createKafka, createProducer, ensureTopics, type TopicSpec } from './kafka.ts';
import { createMessagingMetrics } from './metrics.ts';
import type { OutboxModel } from './outbox/fields.ts';
import { type Relay, startRelay } from './relay/relay.ts';

/** What a service publishes: its name, its zone and the one topic its events go to. */
export interface PublisherOptions {
  service: string;
  zoneId: string;
  /** The topic every outbox event of this service goes to. */
  topic: string;
  /** Partitions of `topic` when it is created here. Default 3. */
  partitions?: number;
  /** Create `<topic>.dlq` beside it. Default true (a domain topic has consumers that dead-letter). */
  deadLetter?: boolean;
  /** Other topics the service needs to exist before it starts, e.g. the ones it consumes. */
  alsoEnsure?: readonly TopicSpec[];
  brokers: string[];
  logger: Logger;
  /** An existing client to publish with (its consumers share it). Default: a new one named `service`. */
  kafka?: Kafka;
}

/** The Kafka connections of a service that publishes through the outbox. */
export interface Publisher {
  readonly kafka: Kafka;
  readonly admin: Admin;
  readonly producer: Producer;
  /** Readiness: the cluster answers a metadata request with at least one broker. */
  ready(): Promise<boolean>;
  /**
   * Starts the relay that delivers the outboxes of `models` (nudge it after each write) and, with
   * `heartbeat`, the ServiceHeartbeat of `heartbeat.domain` every `heartbeat.intervalMs` on the
   * topic. Metrics go to the app's registry.
   */
  start(options: {
    models: readonly OutboxModel[];
    registry: Registry;
    heartbeat?: { domain: string; intervalMs: number };
  }): Relay;
  /** Stops the relay (after the pass in flight) and the heartbeat, then disconnects. */
  close(): Promise<void>;
}

/**
 * Connects a service to Kafka: creates its topic (and dead-letter topic) and the other topics it
 * names if missing — brokers never auto-create them — and connects the idempotent producer. A
 * service that cannot do this cannot publish, so it fails at start rather than later.
 */
export async function openPublisher(options: PublisherOptions): Promise<Publisher> {
  const { logger } = options;
  const kafka = options.kafka ?? createKafka({ clientId: options.service, brokers: options.brokers, logger });
  const admin = kafka.admin();
  const producer = createProducer(kafka);
  try {
    await admin.connect();
    await ensureTopics(admin, [
      {
        topic: options.topic,
        partitions: options.partitions ?? 3,
        deadLetter: options.deadLetter ?? true,
      },
      ...(options.alsoEnsure ?? []),
    ]);
    await producer.connect();
  } catch (error) {
    await producer.disconnect().catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
    throw error;
  }

  let relay: Relay | undefined;
  let heartbeat: Heartbeat | undefined;
  return {
    kafka,
    admin,
    producer,
    ready: async () => (await admin.describeCluster()).brokers.length > 0,
    start(start) {
      const metrics = createMessagingMetrics(start.registry);
      relay = startRelay({
        models: start.models,
        producer,
        topicFor: () => options.topic,
        logger,
        metrics,
      });
      if (start.heartbeat) {
        heartbeat = startHeartbeat({
          producer,
          topic: options.topic,
          service: options.service,
          domain: start.heartbeat.domain,
          zoneId: options.zoneId,
          intervalMs: start.heartbeat.intervalMs,
          logger,
          metrics,
        });
      }
      return relay;
    },
    async close() {
      await relay?.stop();
      await heartbeat?.stop();
      await producer.disconnect().catch(() => undefined);
      await admin.disconnect().catch(() => undefined);
    },
  };
}
