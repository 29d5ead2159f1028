import { type MessagingMetrics, openPublisher } from '@zone-risk/messaging';
import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { AggregatorConfig } from '../config.ts';
import { aggregatorModels } from '../data/collections.ts';

export interface StatusPublisher {
  /** A change was recorded: publish it now rather than at the next poll. */
  nudge(): void;
  /** Publishes what is pending, then disconnects. */
  stop(): Promise<void>;
}

/**
 * Opens the aggregator's publisher: the status topic it writes (no dead-letter topic: nothing of
 * ours dead-letters status events) and the domain topics it reads with theirs (brokers never
 * auto-create them; a domain not deployed yet must not stop the aggregator), and the outbox relay
 * over the status history: each recorded change carries its ZoneRiskStatusChanged in its own
 * document, so what is recorded is what gets published.
 */
export async function openStatusPublisher(options: {
  kafka: Kafka;
  store: Connection;
  config: AggregatorConfig;
  logger: Logger;
  metrics: MessagingMetrics;
}): Promise<StatusPublisher> {
  const { config } = options;
  const partitions = config.AGGREGATOR_TOPIC_PARTITIONS;
  const publisher = await openPublisher({
    service: 'aggregator',
    zoneId: config.ZONE_ID,
    topic: config.AGGREGATOR_STATUS_TOPIC,
    partitions,
    deadLetter: false,
    alsoEnsure: config.AGGREGATOR_TOPICS.map((topic) => ({ topic, partitions })),
    brokers: config.KAFKA_BROKERS,
    logger: options.logger,
    kafka: options.kafka,
  });
  const relay = publisher.start({
    models: [aggregatorModels(options.store).history],
    registry: options.metrics.registry,
  });
  return { nudge: () => relay.nudge(), stop: () => publisher.close() };
}
