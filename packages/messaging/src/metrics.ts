import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The prom-client metrics of the relay, of consumers (the aggregator's sets the consumer ones) and of the heartbeat. */
export interface MessagingMetrics {
  registry: Registry;
  outboxPendingDocuments: Gauge<'collection'>;
  outboxPublished: Counter<'collection' | 'topic'>;
  outboxPublishErrors: Counter<'collection'>;
  outboxPublishLatency: Histogram<'collection'>;
  consumerLag: Gauge<'group' | 'topic' | 'partition'>;
  consumerConsumed: Counter<'group' | 'topic'>;
  consumerFailed: Counter<'group' | 'topic' | 'reason'>;
  heartbeatsPublished: Counter<'service'>;
}

const registries = new WeakMap<Registry, MessagingMetrics>();

/**
 * Registers the messaging metrics on `registry` (a service passes the registry its /metrics
 * route serves). Idempotent per registry, so the relay, the consumer and the heartbeat of one
 * process can each ask for them. Without a registry, a private one: nothing global is touched.
 */
export function createMessagingMetrics(registry: Registry = new Registry()): MessagingMetrics {
  const known = registries.get(registry);
  if (known) return known;
  const registers = [registry];
  const metrics: MessagingMetrics = {
    registry,
    outboxPendingDocuments: new Gauge({
      name: 'messaging_outbox_pending_documents',
      help: 'Aggregates whose outbox holds events not yet published, as last seen by a relay pass',
      labelNames: ['collection'],
      registers,
    }),
    outboxPublished: new Counter({
      name: 'messaging_outbox_published_events_total',
      help: 'Outbox events acknowledged by Kafka (a redelivery after a crash counts again)',
      labelNames: ['collection', 'topic'],
      registers,
    }),
    outboxPublishErrors: new Counter({
      name: 'messaging_outbox_publish_errors_total',
      help: 'Relay passes that failed to publish (Kafka or the store unreachable); retried with backoff',
      labelNames: ['collection'],
      registers,
    }),
    outboxPublishLatency: new Histogram({
      name: 'messaging_outbox_publish_latency_seconds',
      help: "From the event's time to Kafka's acknowledgement",
      labelNames: ['collection'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers,
    }),
    consumerLag: new Gauge({
      name: 'messaging_consumer_lag_messages',
      help: 'Messages in the partition after the last one this consumer handled',
      labelNames: ['group', 'topic', 'partition'],
      registers,
    }),
    consumerConsumed: new Counter({
      name: 'messaging_consumer_handled_messages_total',
      help: 'Messages handled successfully',
      labelNames: ['group', 'topic'],
      registers,
    }),
    consumerFailed: new Counter({
      name: 'messaging_consumer_failed_messages_total',
      help: 'Messages sent to the dead-letter topic (or skipped), by reason',
      labelNames: ['group', 'topic', 'reason'],
      registers,
    }),
    heartbeatsPublished: new Counter({
      name: 'messaging_heartbeats_published_total',
      help: 'ServiceHeartbeat events published',
      labelNames: ['service'],
      registers,
    }),
  };
  registries.set(registry, metrics);
  return metrics;
}
