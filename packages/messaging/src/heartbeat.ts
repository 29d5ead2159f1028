import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { serviceHeartbeat } from '@zone-risk/contracts';
import type { Producer } from 'kafkajs';
import pino, { type Logger } from 'pino';
import { eventMessage } from './headers.ts';
import { createMessagingMetrics, type MessagingMetrics } from './metrics.ts';

export interface HeartbeatOptions {
  /** Connected. */
  producer: Producer;
  /** The topic of the domain this service publishes for. */
  topic: string;
  service: string;
  domain: string;
  zoneId: string;
  intervalMs: number;
  /** Identifies this running instance (the heartbeat's aggregate). Unique per process by default. */
  instanceId?: string;
  logger?: Logger;
  metrics?: MessagingMetrics;
}

export interface Heartbeat {
  readonly instanceId: string;
  /** Stops the timer and waits for a send in flight. */
  stop(): Promise<void>;
}

/**
 * Publishes a ServiceHeartbeat now and every `intervalMs`, so the aggregator can tell a quiet
 * domain from a dead one. Sent directly, not through the outbox: a lost beat is replaced by the
 * next one, and persisting beats would only load the store.
 */
export function startHeartbeat(options: HeartbeatOptions): Heartbeat {
  const logger = (options.logger ?? pino({ level: 'silent' })).child({ component: 'heartbeat' });
  const metrics = options.metrics ?? createMessagingMetrics();
  const instanceId =
    options.instanceId ?? `${options.service}-${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const startedAt = new Date().toISOString();
  let beats = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;

  async function beat(): Promise<void> {
    beats++;
    const sentAt = new Date().toISOString();
    try {
      const event = serviceHeartbeat.create({
        source: `/services/${options.service}`,
        zoneid: options.zoneId,
        aggregateid: instanceId,
        aggregateversion: beats,
        correlationid: instanceId,
        time: sentAt,
        data: {
          service: options.service,
          domain: options.domain,
          instanceId,
          startedAt,
          sentAt,
          intervalMs: options.intervalMs,
        },
      });
      await options.producer.send({ topic: options.topic, acks: -1, messages: [eventMessage(event)] });
      metrics.heartbeatsPublished.inc({ service: options.service });
    } catch (error) {
      logger.warn({ err: error, instanceId, beat: beats }, 'heartbeat not published; the next one will be');
    }
  }

  const tick = (): void => {
    inFlight = beat().finally(() => {
      inFlight = undefined;
      if (!stopped) timer = setTimeout(tick, options.intervalMs);
    });
  };
  tick();

  return {
    instanceId,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
    },
  };
}
