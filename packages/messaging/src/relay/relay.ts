import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Envelope } from '@zone-risk/contracts';
import type { Producer } from 'kafkajs';
import pino, { type Logger } from 'pino';
import { backoffDelay } from '../backoff.ts';
import { createMessagingMetrics, type MessagingMetrics } from '../metrics.ts';
import type { OutboxModel } from '../outbox/fields.ts';
import { PublishError, relayBatch } from './pass.ts';

export interface RelayOptions {
  /** Models of the documents that carry `outboxFields` (written by `commit` and `insertNew`). */
  models: readonly OutboxModel[];
  /** Connected; see `createProducer` (idempotent, one request in flight). */
  producer: Producer;
  topicFor: (event: Envelope) => string;
  logger?: Logger;
  metrics?: MessagingMetrics;
  /** Idle poll for work left by a crashed process or written without a nudge. Default 200 ms. */
  pollIntervalMs?: number;
  /** Aggregates leased and published per step. Default 100. */
  batchSize?: number;
  /**
   * How long a lease keeps other relays off an aggregate. Longer than a publish takes; a relay
   * that dies holding one delays that aggregate by at most this. Default 30 s. Replicas' clocks
   * must agree to well within it.
   */
  leaseMs?: number;
  /** Backoff while Kafka or the store fails. Default 100 ms doubling up to 10 s, with jitter. */
  retryInitialMs?: number;
  retryMaxMs?: number;
  /** Distinguishes this relay's leases; unique per process by default. */
  owner?: string;
}

export interface Relay {
  /** Asks for a pass now (after a commit) instead of at the next poll. Never waits, never throws. */
  nudge(): void;
  /** Stops polling, lets the pass in flight finish, resolves. Unpublished events stay in the store. */
  stop(): Promise<void>;
  readonly owner: string;
}

/**
 * Publishes the events that `commit`/`insertNew` left in aggregates' outboxes: at least once, in
 * order per aggregate, surviving Kafka outages (retried with capped, jittered backoff; nothing is
 * dropped) and crashes (a new relay finds the pending documents). It runs beside the HTTP path
 * and never blocks it: a request's only Kafka-related work is `nudge()`.
 */
export function startRelay(options: RelayOptions): Relay {
  const logger = (options.logger ?? pino({ level: 'silent' })).child({ component: 'outbox-relay' });
  const metrics = options.metrics ?? createMessagingMetrics();
  const owner = options.owner ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const pollIntervalMs = options.pollIntervalMs ?? 200;
  // The driver's collections, not the models: the relay writes only its own fields, and mongoose's
  // casting adds 0.3–0.45 ms of CPU to each trim bulk of ten (1.3–1.4× the driver's) and 0.2–0.4 ms to
  // a single update, on the service's event loop (`pnpm bench:mongoose` (a), (b); docs/benchmarks.md).
  const collections = options.models.map((model) => model.collection);
  const retry = { initialMs: options.retryInitialMs ?? 100, maxMs: options.retryMaxMs ?? 10_000 };
  const batch = {
    producer: options.producer,
    topicFor: options.topicFor,
    owner,
    leaseMs: options.leaseMs ?? 30_000,
    batchSize: options.batchSize ?? 100,
    logger,
    metrics,
  };

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;
  let nudged = false;
  let failures = 0;

  const schedule = (delayMs: number): void => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(run, delayMs);
  };

  const run = (): void => {
    timer = undefined;
    if (inFlight) {
      nudged = true;
      return;
    }
    inFlight = pass().finally(() => {
      inFlight = undefined;
    });
  };

  async function pass(): Promise<void> {
    nudged = false;
    const current = { collection: '' };
    try {
      let more = true;
      while (more && !stopped) {
        more = false;
        for (const collection of collections) {
          current.collection = collection.collectionName;
          const result = await relayBatch({ ...batch, collection });
          more ||= result.more;
        }
      }
      await refreshBacklog();
      if (failures > 0) logger.info({ failures }, 'outbox relay recovered');
      failures = 0;
      schedule(nudged ? 0 : pollIntervalMs);
    } catch (error) {
      failures++;
      const delayMs = backoffDelay(failures, retry);
      if (error instanceof PublishError) metrics.outboxPublishErrors.inc({ collection: current.collection });
      // The backlog is what operators watch during an outage; refresh it even though publishing failed.
      await refreshBacklog().catch(() => undefined);
      logger.warn(
        { err: error, collection: current.collection, failures, retryInMs: delayMs },
        'outbox relay pass failed; retrying',
      );
      schedule(delayMs);
    }
  }

  // The backlog is counted at most once a second: a count is one more request in the store's
  // per-database queue, and passes run back to back under load.
  let backlogCountedAt = 0;
  async function refreshBacklog(): Promise<void> {
    if (Date.now() - backlogCountedAt < 1_000) return;
    backlogCountedAt = Date.now();
    for (const collection of collections) {
      const pending = await collection.countDocuments({ _outboxPending: true });
      metrics.outboxPendingDocuments.set({ collection: collection.collectionName }, pending);
    }
  }

  for (const collection of collections) {
    // Idempotent; services build their own indexes with autoIndex off, so do not rely on theirs.
    collection.createIndex({ _outboxPending: 1 }).catch((error: unknown) => {
      logger.warn({ err: error, collection: collection.collectionName }, 'could not create the outbox index');
    });
  }
  schedule(0);

  return {
    owner,
    nudge() {
      // While backing off, a nudge would only hammer a Kafka that is down; the retry timer runs.
      if (stopped || failures > 0) return;
      if (inFlight) nudged = true;
      else schedule(0);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
    },
  };
}
