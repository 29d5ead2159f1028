export { backoffDelay } from './backoff.ts';
export {
  type DeadLetter,
  deadLetterHeaders,
  type FailureReason,
  sendToDeadLetter,
} from './consumer/dead-letter.ts';
export {
  describeParseError,
  type ParseEvent,
  type ParseResult,
  parseEnvelope,
} from './consumer/parse.ts';
export { eventMessage } from './headers.ts';
export { type Heartbeat, type HeartbeatOptions, startHeartbeat } from './heartbeat.ts';
export {
  type CreateKafkaOptions,
  type CreateProducerOptions,
  createKafka,
  createProducer,
  ensureTopics,
  type KafkaLogLevel,
  type TopicSpec,
} from './kafka.ts';
export { createMessagingMetrics, type MessagingMetrics } from './metrics.ts';
export { type Change, commit, type InsertOptions, insertNew } from './outbox/commit.ts';
export { AggregateNotFoundError, OutboxConflictError } from './outbox/errors.ts';
export {
  type Outbox,
  type OutboxLease,
  type OutboxModel,
  type OutboxState,
  outboxFields,
  pendingEvents,
} from './outbox/fields.ts';
export { openPublisher, type Publisher, type PublisherOptions } from './publisher.ts';
export { PublishError } from './relay/pass.ts';
export { type Relay, type RelayOptions, startRelay } from './relay/relay.ts';
export { retryRetriable } from './retry.ts';
