import { retryRetriable } from '@zone-risk/messaging';
import type { Admin } from 'kafkajs';
import type { Logger } from 'pino';

export interface TopicOffsets {
  partition: number;
  /** Earliest offset still in the log. */
  low: string;
  /** Next offset to be written. */
  high: string;
}

/**
 * The offsets of a topic's partitions, waiting out a topic that is still electing its leaders. On
 * a fresh cluster the services start together: a domain service may have just created its topic
 * when the aggregator asks, and the broker answers NOT_LEADER_OR_FOLLOWER for a moment (seen on
 * `./infra/platform up` with a new Kafka). kafkajs's admin client does not retry that; we do, for
 * up to 15 s.
 */
export function fetchOffsets(admin: Admin, topic: string, logger?: Logger): Promise<TopicOffsets[]> {
  return retryRetriable(
    async () =>
      (await admin.fetchTopicOffsets(topic)).map((p) => ({
        partition: p.partition,
        low: p.low,
        high: p.high,
      })),
    {
      attempts: 30,
      pauseMs: 500,
      onRetry: (error, attempt) =>
        logger?.warn({ topic, attempt, err: error.message }, 'topic offsets not available yet; retrying'),
    },
  );
}
