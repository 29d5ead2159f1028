export { backoffDelay } from './backoff.ts';
export {
  type ConsumerOptions,
  type HandlerContext,
  type RunningConsumer,
  startConsumer,
} from './consumer/consumer.ts';
export {
  type DeadLetter,
  deadLetterHeaders,
  type FailureReason,
  sendToDeadLetter,
} from './consumer/dead-letter.ts';
export { type AppliedLedger, type ApplyOutcome, createAppliedLedger } from './consumer/ledger.ts';
export {
  defaultParse,
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
export { type Change, commit, insertNew } from './outbox/commit.ts';
export { AggregateNotFoundError, OutboxConflictError } from './outbox/errors.ts';
export {
  type Outbox,
  type OutboxLease,
  type OutboxState,
  outboxFields,
  pendingEvents,
} from './outbox/fields.ts';
export { type DomainTopic, openPublisher, type Publisher } from './publisher.ts';
export { PublishError } from './relay/pass.ts';
export { type Relay, type RelayOptions, startRelay } from './relay/relay.ts';
export { retryRetriable } from './retry.ts';
