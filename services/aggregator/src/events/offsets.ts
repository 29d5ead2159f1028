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
 * Runs `attempt` until it succeeds, again after a pause while it fails with an error kafkajs marks
 * `retriable`; any other error, or the last attempt's, is thrown.
 */
export async function retryRetriable<T>(
  attempt: () => Promise<T>,
  options: { attempts: number; pauseMs: number; onRetry?: (error: Error, attempt: number) => void },
): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      const retriable = (error as { retriable?: boolean }).retriable === true;
      if (!retriable || n >= options.attempts) throw error;
      options.onRetry?.(error as Error, n);
      await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
    }
  }
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
