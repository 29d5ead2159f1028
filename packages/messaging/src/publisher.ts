import type { Admin, Kafka, Producer } from 'kafkajs';
import type { mongo } from 'mongoose';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { type Heartbeat, startHeartbeat } from './heartbeat.ts';
import { createKafka, createProducer, ensureTopics } from './kafka.ts';
import { createMessagingMetrics } from './metrics.ts';
import { type Relay, startRelay } from './relay/relay.ts';

/** What a domain service publishes: its name, its domain and the one topic its events go to. */
export interface DomainTopic {
  service: string;
  domain: string;
  zoneId: string;
  topic: string;
  partitions?: number;
}

/** The Kafka connections of a domain service that publishes through the outbox. */
export interface Publisher {
  readonly kafka: Kafka;
  readonly admin: Admin;
  readonly producer: Producer;
  /** Readiness: the cluster answers a metadata request with at least one broker. */
  ready(): Promise<boolean>;
  /**
   * Starts what runs beside the routes: the relay that delivers the outbox of `collections`
   * (nudge it after each write) and the heartbeat. Metrics go to the app's registry.
   */
  start(options: {
    collections: readonly mongo.Collection[];
    registry: Registry;
    heartbeatMs: number;
  }): Relay;
  /** Stops the relay (after it delivered what is pending) and the heartbeat, then disconnects. */
  close(): Promise<void>;
}

/**
 * Connects to Kafka for a domain service: creates its topic (and dead-letter topic) if missing —
 * brokers never auto-create them — and connects the idempotent producer. A service that cannot
 * do this cannot publish, so it fails at start rather than later.
 */
export async function openPublisher(
  options: DomainTopic & { brokers: string[]; logger: Logger },
): Promise<Publisher> {
  const { logger } = options;
  const kafka = createKafka({ clientId: options.service, brokers: options.brokers, logger });
  const admin = kafka.admin();
  const producer = createProducer(kafka);
  try {
    await admin.connect();
    await ensureTopics(admin, [{ topic: options.topic, partitions: options.partitions ?? 3 }]);
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
    start({ collections, registry, heartbeatMs }) {
      const metrics = createMessagingMetrics(registry);
      relay = startRelay({
        collections: [...collections],
        producer,
        topicFor: () => options.topic,
        logger,
        metrics,
      });
      heartbeat = startHeartbeat({
        producer,
        topic: options.topic,
        service: options.service,
        domain: options.domain,
        zoneId: options.zoneId,
        intervalMs: heartbeatMs,
        logger,
        metrics,
      });
      return relay;
    },
    async close() {
      await relay?.stop();
      await heartbeat?.stop();
      await producer.disconnect();
      await admin.disconnect();
    },
  };
}
