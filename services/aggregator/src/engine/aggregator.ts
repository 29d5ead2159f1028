import type { Envelope } from '@zone-risk/contracts';
import {
  createMessagingMetrics,
  createProducer,
  ensureTopics,
  type Relay,
  startRelay,
} from '@zone-risk/messaging';
import { ConflictError } from '@zone-risk/platform';
import type { Kafka, Producer } from 'kafkajs';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { AggregatorConfig } from '../config.ts';
import { COLLECTIONS, collection, ensureIndexes } from '../data/collections.ts';
import { type Cause, type HistoryRepository, historyRepository, type StatusRecord } from '../data/history.ts';
import { type PolicyRepository, policyRepository } from '../data/policies.ts';
import { type SavedSnapshot, type SnapshotRepository, snapshotRepository } from '../data/snapshots.ts';
import { type CompiledPolicy, compilePolicy } from '../domain/compiled-policy.ts';
import { defaultPolicy } from '../domain/default-policy.ts';
import type { LinkFor } from '../domain/drill-down.ts';
import { captureModel, restoreModel } from '../domain/model-state.ts';
import { type Policy, type PolicyDocument, policyInputSchema } from '../domain/policy.ts';
import { projectEvent } from '../domain/project.ts';
import { ReadModel } from '../domain/read-model.ts';
import { computeStatus, statusChanged, type ZoneStatus } from '../domain/status.ts';
import { createDomainConsumer, type DomainConsumer } from '../events/consumer.ts';
import { statusChangedEvent } from '../events/status-event.ts';
import { type AggregatorMetrics, createAggregatorMetrics } from './metrics.ts';
import { type RebuildProgress, type RebuildRun, rebuildProgress } from './progress.ts';
import { createSerial } from './serial.ts';

export interface StoredPolicy extends Policy {
  createdAt: string;
  createdBy: string;
}

/** What GET /status answers: the status, its sequence, and whether it is being caught up. */
export interface CurrentStatus extends ZoneStatus {
  sequence: number;
  /** True while events already reflected in the recorded status are replayed (after a restart or during a rebuild). */
  catchingUp: boolean;
}

export interface StatusListener {
  status(record: StatusRecord): void;
  close(): void;
}

export interface Aggregator {
  start(): Promise<void>;
  /** Stops consuming, saves a snapshot (unless told not to: a crash in tests), stops publishing. */
  stop(options?: { snapshot?: boolean }): Promise<void>;
  ready(): boolean;
  current(): CurrentStatus;
  model(): ReadModel;
  policy(): StoredPolicy;
  /** Stores a new policy version and recomputes the status with it. */
  putPolicy(
    document: PolicyDocument,
    createdBy: string,
  ): Promise<{ policy: StoredPolicy; status: CurrentStatus; rebuildRecommended: boolean }>;
  subscribe(listener: StatusListener): () => void;
  /** The recorded changes after `sequence`, oldest first; `reset` when more than the replay limit. */
  changesAfter(sequence: number): Promise<StatusRecord[] | 'reset'>;
  history: HistoryRepository;
  rebuild(): Promise<RebuildProgress>;
  rebuildProgress(): RebuildProgress | null;
  snapshotNow(): Promise<SavedSnapshot | null>;
  /** Next offset to read per `topic:partition` (partitions not read yet are absent). */
  positions(): Map<string, string>;
  /** Resolves once the evaluations (and recordings) queued so far are done. */
  idle(): Promise<void>;
  linkFor: LinkFor;
}

export interface AggregatorDeps {
  config: AggregatorConfig;
  store: Connection;
  kafka: Kafka;
  logger: Logger;
  registry: Registry;
}

const MAX_CAUSES = 50;
const RECENT_RECORDS = 200;
const EVICT_EVERY_MS = 60_000;

/**
 * The aggregator: the read model, the active policy and the recorded status, fed by the domain
 * consumer, persisted as snapshots + offsets, published as ZoneRiskStatusChanged (through the
 * status history's outbox) and pushed to /stream subscribers.
 *
 * Exact resume: a snapshot holds the model and the offsets it reflects, so replaying from those
 * offsets reaches the same model. The recorded history may be ahead of the snapshot (changes
 * recorded after it, before a crash); while the replay is behind the positions of the last
 * record, nothing is recorded again ("catching up") and the last record is what is served.
 */
export function createAggregator(deps: AggregatorDeps): Aggregator {
  const { config, store, kafka, registry } = deps;
  const logger = deps.logger.child({ component: 'aggregator' });
  const policies: PolicyRepository = policyRepository(store);
  const snapshots: SnapshotRepository = snapshotRepository(store);
  const history = historyRepository(store);
  const messagingMetrics = createMessagingMetrics(registry);
  const serial = createSerial();

  let policy: StoredPolicy;
  let compiled: CompiledPolicy;
  let model: ReadModel;
  let positions = new Map<string, string>();
  const highWatermarks = new Map<string, string>();
  /** Where each partition started (the seek targets): the position of a partition not read yet. */
  let origins = new Map<string, string>();
  /** Positions the last record reflects that the model has not reached yet. */
  let guard: Map<string, string> | null = null;
  let lastRecorded: StatusRecord | null = null;
  let latest: ZoneStatus;
  let served: { from: ZoneStatus; value: CurrentStatus } | undefined;
  let pendingCauses: Cause[] = [];
  /** Facts applied since the last evaluation, by kind: counted into the metric once per batch. */
  const factCounts = new Map<string, number>();
  const recent: StatusRecord[] = [];
  const listeners = new Set<StatusListener>();
  let dirty = false;
  let saving: Promise<SavedSnapshot | null> | undefined;
  let rebuildRun: RebuildRun | null = null;
  let consumer: DomainConsumer | undefined;
  let producer: Producer | undefined;
  let relay: Relay | undefined;
  let tick: NodeJS.Timeout | undefined;
  let snapshotTimer: NodeJS.Timeout | undefined;
  let lastEviction = Date.now();
  let started = false;
  let stopped = false;

  const metrics: AggregatorMetrics = createAggregatorMetrics(registry, () => {
    const counts = new Map<string, { open: number; all: number }>();
    for (const [domain, keys] of model?.byDomain ?? []) {
      counts.set(domain, { open: model.openCounts.get(domain) ?? 0, all: keys.size });
    }
    return counts;
  });

  const linkFor: LinkFor = (ref) => {
    const base = config.AGGREGATOR_DOMAIN_URLS[ref.domain];
    const spec = compiled.itemTypes.get(`${ref.domain}|${ref.aggregateType}`);
    if (!base || !spec) return null;
    return `${base.replace(/\/+$/, '')}${spec.path.replaceAll('{id}', encodeURIComponent(ref.aggregateId))}`;
  };

  function compute(now = Date.now()): ZoneStatus {
    return computeStatus(model, { now });
  }

  function guardReached(): boolean {
    if (!guard) return true;
    for (const [key, target] of guard) {
      const at = positions.get(key) ?? origins.get(key) ?? '0';
      if (BigInt(at) < BigInt(target)) return false;
    }
    return true;
  }

  function positionBeyondGuard(key: string, offset: string): boolean {
    const target = guard?.get(key);
    return target === undefined || BigInt(offset) >= BigInt(target);
  }

  function noteCause(cause: Cause): void {
    pendingCauses.push(cause);
    if (pendingCauses.length > MAX_CAUSES) pendingCauses = pendingCauses.slice(-MAX_CAUSES);
  }

  function apply(event: Envelope, where: { topic: string; partition: number; offset: string }): void {
    const fact = projectEvent(event, compiled, config.ZONE_ID);
    const wasUnknown = fact.kind !== 'ignored' && latest.domains[fact.domain]?.level === 'unknown';
    const result = model.apply(fact);
    const kind = fact.kind === 'ignored' ? 'ignored' : result.applied ? fact.kind : 'duplicate';
    factCounts.set(kind, (factCounts.get(kind) ?? 0) + 1);
    if (!result.applied || fact.kind === 'ignored') return;
    dirty = true;
    if (!positionBeyondGuard(`${where.topic}:${where.partition}`, where.offset)) return;
    // A cause is an event that moved a rule, or the first sign of life from a domain shown unknown.
    if (result.effective || wasUnknown) {
      noteCause({
        id: event.id,
        type: event.type,
        domain: fact.domain,
        aggregateId: event.aggregateid,
      });
    }
  }

  /** Recomputes; records, publishes and pushes a change. Call through `serial` only. */
  async function evaluate(trigger: StatusRecord['trigger']): Promise<void> {
    for (const [kind, count] of factCounts) metrics.applied.inc({ kind }, count);
    factCounts.clear();
    if (guard) {
      if (!guardReached()) return;
      guard = null;
      if (rebuildRun) rebuildRun.finishedAt = Date.now();
      logger.info({ positions: Object.fromEntries(positions) }, 'caught up with the recorded status');
    }
    const status = compute();
    if (!statusChanged(lastRecorded?.status, status)) {
      latest = status;
      return;
    }
    // `latest` moves only once the change is recorded: what GET /status serves always pairs
    // with its sequence.
    const causes = trigger === 'policy' ? [] : pendingCauses;
    const record: StatusRecord = {
      sequence: (lastRecorded?.sequence ?? 0) + 1,
      trigger: trigger === 'policy' ? 'policy' : causes.length > 0 ? 'events' : 'time',
      causes,
      positions: [...positions],
      status,
    };
    let inserted: boolean;
    try {
      inserted = await history.insert(record, statusChangedEvent(config.ZONE_ID, record));
    } catch (error) {
      // Not recorded, so the next batch or tick sees the same difference and tries again.
      logger.error({ err: error, sequence: record.sequence }, 'status change not recorded yet; will retry');
      return;
    }
    if (!inserted) {
      // Someone recorded this sequence (a second replica against the advice): adopt theirs.
      lastRecorded = await history.latestFrom(record.sequence);
      logger.error({ sequence: record.sequence }, 'status sequence already recorded by another process');
      return;
    }
    lastRecorded = record;
    latest = status;
    pendingCauses = [];
    recent.push(record);
    if (recent.length > RECENT_RECORDS) recent.shift();
    metrics.statusChanges.inc({ trigger: record.trigger });
    relay?.nudge();
    logger.info(
      { sequence: record.sequence, level: status.level, score: status.score, trigger: record.trigger },
      'zone status changed',
    );
    for (const listener of listeners) listener.status(record);
  }

  function onTick(): void {
    if (stopped) return;
    const now = Date.now();
    if (now - lastEviction >= EVICT_EVERY_MS) {
      lastEviction = now;
      const evicted = model.evictClosedBefore(now - config.AGGREGATOR_CLOSED_RETENTION_DAYS * 86_400_000);
      if (evicted > 0) {
        dirty = true;
        logger.info({ evicted }, 'closed items past retention evicted');
      }
    }
    void serial(() => evaluate('time')).catch((error: unknown) =>
      logger.error({ err: error }, 'tick failed'),
    );
  }

  async function snapshotNow(): Promise<SavedSnapshot | null> {
    if (saving) return saving;
    const state = captureModel(model);
    const meta = {
      positions: [...positions],
      lastSequence: lastRecorded?.sequence ?? 0,
      policyVersion: policy.version,
      createdAt: new Date().toISOString(),
    };
    dirty = false;
    const end = metrics.snapshotSeconds.startTimer();
    saving = snapshots
      .save(state, meta)
      .then((saved) => {
        end();
        logger.info({ ...saved }, 'snapshot saved');
        return saved;
      })
      .catch((error: unknown) => {
        dirty = true;
        logger.error({ err: error }, 'snapshot failed; the next one will retry');
        return null;
      })
      .finally(() => {
        saving = undefined;
      });
    return saving;
  }

  async function loadPolicy(): Promise<StoredPolicy> {
    const stored = await policies.latest();
    if (stored) return stored;
    const document = policyInputSchema.parse(defaultPolicy);
    try {
      await policies.save(document, 1, 'system');
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
    return (await policies.latest()) as StoredPolicy;
  }

  async function loadState(): Promise<void> {
    const snapshot = await snapshots.load();
    model = snapshot
      ? restoreModel(snapshot.state, compiled, config.AGGREGATOR_SAMPLE_SIZE)
      : new ReadModel(compiled, config.AGGREGATOR_SAMPLE_SIZE);
    positions = new Map(snapshot?.positions ?? []);
    lastRecorded = snapshot ? await history.latestFrom(snapshot.lastSequence) : await history.latest();
    if (lastRecorded) {
      const ahead = lastRecorded.positions.filter(
        ([key, offset]) => BigInt(offset) > BigInt(positions.get(key) ?? '0'),
      );
      guard = ahead.length > 0 ? new Map(ahead) : null;
    }
    latest = lastRecorded?.status ?? compute();
    logger.info(
      {
        items: model.items.size,
        snapshotAt: snapshot?.createdAt ?? null,
        lastSequence: lastRecorded?.sequence ?? 0,
        catchingUp: guard !== null,
      },
      'read model loaded',
    );
  }

  const aggregator: Aggregator = {
    history,
    linkFor,

    async start() {
      await ensureIndexes(store);
      policy = await loadPolicy();
      compiled = compilePolicy(policy);
      await loadState();

      const admin = kafka.admin();
      await admin.connect();
      try {
        await ensureTopics(admin, [
          ...config.AGGREGATOR_TOPICS.map((topic) => ({
            topic,
            partitions: config.AGGREGATOR_TOPIC_PARTITIONS,
          })),
          {
            topic: config.AGGREGATOR_STATUS_TOPIC,
            partitions: config.AGGREGATOR_TOPIC_PARTITIONS,
            deadLetter: false,
          },
        ]);
      } finally {
        await admin.disconnect();
      }
      producer = createProducer(kafka);
      await producer.connect();
      relay = startRelay({
        collections: [collection(store, COLLECTIONS.history)],
        producer,
        topicFor: () => config.AGGREGATOR_STATUS_TOPIC,
        logger: deps.logger,
        metrics: messagingMetrics,
      });

      consumer = createDomainConsumer({
        kafka,
        groupId: config.AGGREGATOR_GROUP_ID,
        topics: config.AGGREGATOR_TOPICS,
        logger: deps.logger,
        metrics: messagingMetrics,
        handlers: {
          apply,
          advance(key, next, highWatermark) {
            positions.set(key, next);
            highWatermarks.set(key, highWatermark);
            dirty = true;
          },
          afterBatch: () => serial(() => evaluate('events')),
        },
      });
      const partitions = await consumer.partitions();
      origins = new Map(partitions.map((p) => [`${p.topic}:${p.partition}`, p.low]));
      await consumer.start(positions);
      await serial(() => evaluate('time'));
      tick = setInterval(onTick, config.AGGREGATOR_TICK_MS);
      snapshotTimer = setInterval(() => {
        if (dirty && !stopped) void snapshotNow();
      }, config.AGGREGATOR_SNAPSHOT_INTERVAL_MS);
      started = true;
      logger.info(
        {
          topics: config.AGGREGATOR_TOPICS,
          group: config.AGGREGATOR_GROUP_ID,
          policyVersion: policy.version,
        },
        'aggregator started',
      );
    },

    async stop(options = {}) {
      if (stopped) return;
      stopped = true;
      clearInterval(tick);
      clearInterval(snapshotTimer);
      for (const listener of listeners) listener.close();
      listeners.clear();
      await consumer?.stop().catch((error: unknown) => logger.warn({ err: error }, 'consumer stop failed'));
      await serial(async () => undefined);
      if (options.snapshot !== false && started) {
        await saving;
        await snapshotNow();
      }
      await relay?.stop();
      await producer?.disconnect().catch(() => undefined);
      logger.info('aggregator stopped');
    },

    ready: () => started && !stopped && (consumer?.joined() ?? false),

    current() {
      const status = guard && lastRecorded ? lastRecorded.status : latest;
      const sequence = lastRecorded?.sequence ?? 0;
      const catchingUp = guard !== null;
      // One object per distinct status, so GET /status can reuse its serialized form.
      if (
        served?.from !== status ||
        served.value.sequence !== sequence ||
        served.value.catchingUp !== catchingUp
      ) {
        served = { from: status, value: { ...status, sequence, catchingUp } };
      }
      return served.value;
    },

    model: () => model,
    policy: () => policy,

    putPolicy(document, createdBy) {
      return serial(async () => {
        const saved = await policies.save(document, policy.version + 1, createdBy);
        // Items keep the attributes the policy named when their events were applied: a new item
        // mapping only reaches existing items through a rebuild.
        const mapping = (p: PolicyDocument) =>
          JSON.stringify(Object.entries(p.domains).map(([n, d]) => [n, d.items]));
        const before = mapping(policy);
        const after = mapping(saved);
        policy = { ...saved, createdAt: new Date().toISOString(), createdBy };
        compiled = compilePolicy(policy);
        model.reindex(compiled);
        dirty = true;
        await evaluate('policy');
        logger.info({ version: policy.version, createdBy }, 'policy replaced');
        return { policy, status: aggregator.current(), rebuildRecommended: before !== after };
      });
    },

    subscribe(listener) {
      listeners.add(listener);
      metrics.sseClients.set(listeners.size);
      return () => {
        listeners.delete(listener);
        metrics.sseClients.set(listeners.size);
      };
    },

    async changesAfter(sequence) {
      const last = lastRecorded?.sequence ?? 0;
      if (sequence === last) return [];
      // An id from the future: the client saw another history (a reset store). Start it afresh.
      if (sequence > last) return 'reset';
      if (last - sequence > config.AGGREGATOR_REPLAY_LIMIT) return 'reset';
      const kept = recent.filter((record) => record.sequence > sequence);
      const firstKept = kept[0]?.sequence ?? last + 1;
      const older: StatusRecord[] = [];
      for (let next = sequence + 1; next < firstKept; next++) {
        const record = await history.get(next);
        if (!record) return 'reset';
        older.push(record);
      }
      return [...older, ...kept];
    },

    async rebuild() {
      if (rebuildRun && rebuildRun.finishedAt === null) {
        throw new ConflictError('A rebuild is already running', {
          progress: rebuildProgress(rebuildRun, positions),
        });
      }
      if (!consumer) throw new ConflictError('The aggregator has not started');
      const running = consumer;
      await running.hold();
      try {
        await serial(async () => {
          const partitions = await running.partitions();
          const from = new Map(partitions.map((p) => [`${p.topic}:${p.partition}`, p.low]));
          // Reach at least where the live model stood, and where the last record stood.
          const to = new Map(positions);
          for (const [key, target] of guard ?? []) {
            if (BigInt(target) > BigInt(to.get(key) ?? '0')) to.set(key, target);
          }
          rebuildRun = { startedAt: Date.now(), finishedAt: null, from, to };
          guard = new Map([...to].filter(([key, target]) => BigInt(target) > BigInt(from.get(key) ?? '0')));
          model = new ReadModel(compiled, config.AGGREGATOR_SAMPLE_SIZE);
          positions = new Map();
          origins = from;
          pendingCauses = [];
          running.seek(from);
          logger.info({ partitions: from.size }, 'rebuild started from the earliest offsets');
        });
      } finally {
        running.release();
      }
      await serial(() => evaluate('events'));
      return rebuildProgress(rebuildRun as RebuildRun, positions);
    },

    rebuildProgress: () => (rebuildRun ? rebuildProgress(rebuildRun, positions) : null),
    snapshotNow,
    positions: () => new Map(positions),
    idle: () => serial(async () => undefined),
  };
  return aggregator;
}
