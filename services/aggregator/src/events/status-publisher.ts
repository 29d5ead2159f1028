import { createProducer, ensureTopics, type MessagingMetrics, startRelay } from '@zone-risk/messaging';
import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { AggregatorConfig } from '../config.ts';
import { COLLECTIONS, collection } from '../data/collections.ts';

export interface StatusPublisher {
  /** A change was recorded: publish it now rather than at the next poll. */
  nudge(): void;
  /** Publishes what is pending, then disconnects. */
  stop(): Promise<void>;
}

/**
 * Creates the topics the aggregator needs — the domain topics it reads (brokers never auto-create
 * them; a domain not deployed yet must not stop the aggregator), their dead-letter topics and the
 * status topic — and starts the outbox relay over the status history: each recorded change carries
 * its ZoneRiskStatusChanged in its own document, so what is recorded is what gets published.
 */
export async function openStatusPublisher(options: {
  kafka: Kafka;
  store: Connection;
  config: AggregatorConfig;
  logger: Logger;
  metrics: MessagingMetrics;
}): Promise<StatusPublisher> {
  const { kafka, config } = options;
  const admin = kafka.admin();
  await admin.connect();
  try {
    const partitions = config.AGGREGATOR_TOPIC_PARTITIONS;
    await ensureTopics(admin, [
      ...config.AGGREGATOR_TOPICS.map((topic) => ({ topic, partitions })),
      { topic: config.AGGREGATOR_STATUS_TOPIC, partitions, deadLetter: false },
    ]);
  } finally {
    await admin.disconnect();
  }
  const producer = createProducer(kafka);
  await producer.connect();
  const relay = startRelay({
    collections: [collection(options.store, COLLECTIONS.history)],
    producer,
    topicFor: () => config.AGGREGATOR_STATUS_TOPIC,
    logger: options.logger,
    metrics: options.metrics,
  });
  return {
    nudge: () => relay.nudge(),
    async stop() {
      await relay.stop();
      await producer.disconnect().catch(() => undefined);
    },
  };
}
