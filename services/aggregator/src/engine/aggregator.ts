import type { Envelope } from '@zone-risk/contracts';
import { createMessagingMetrics } from '@zone-risk/messaging';
import { ConflictError, type PeriodicTask, startPeriodic } from '@zone-risk/platform';
import { ensureIndexes } from '../data/collections.ts';
import { historyRepository, type StatusRecord } from '../data/history.ts';
import { type PolicyRepository, policyRepository } from '../data/policies.ts';
import { snapshotRepository } from '../data/snapshots.ts';
import { admission, domainOf, type EventCheck } from '../domain/admission.ts';
import { type CompiledPolicy, compilePolicy } from '../domain/compiled-policy.ts';
import { defaultPolicy } from '../domain/default-policy.ts';
import type { LinkFor } from '../domain/drill-down.ts';
import { captureModel, restoreModel } from '../domain/model-state.ts';
import { type PolicyDocument, policyInputSchema } from '../domain/policy.ts';
import { projectEvent } from '../domain/project.ts';
import { ReadModel } from '../domain/read-model.ts';
import { computeStatus, type ZoneStatus } from '../domain/status.ts';
import { createDomainConsumer, type DomainConsumer, type MessagePosition } from '../events/consumer.ts';
import { openStatusPublisher, type StatusPublisher } from '../events/status-publisher.ts';
import { createStatusFeed } from './feed.ts';
import { type AggregatorMetrics, createAggregatorMetrics } from './metrics.ts';
import { type RebuildRun, rebuildPlan, rebuildProgress } from './progress.ts';
import { StatusRecorder } from './recorder.ts';
import { createSerial } from './serial.ts';
import { createSnapshotter } from './snapshotter.ts';
import type { Aggregator, AggregatorDeps, StoredPolicy } from './types.ts';

export type { Aggregator, AggregatorDeps, CurrentStatus, StatusListener, StoredPolicy } from './types.ts';

const EVICT_EVERY_MS = 60_000;

/**
 * The aggregator: the read model, the active policy and the recorded status, fed by the domain
 * consumer, persisted as snapshots + offsets, published as ZoneRiskStatusChanged (through the
 * status history's outbox) and pushed to /stream subscribers.
 *
 * Exact resume: a snapshot holds the model and the offsets it reflects, so replaying from those
 * offsets reaches the same model. The recorded history may be ahead of the snapshot (changes
 * recorded after it, before a crash); the recorder then serves the last record until the replay
 * reaches its positions ("catching up").
 */
export function createAggregator(deps: AggregatorDeps): Aggregator {
  const { config, store, kafka, registry } = deps;
  const logger = deps.logger.child({ component: 'aggregator' });
  const policies: PolicyRepository = policyRepository(store);
  const snapshots = snapshotRepository(store);
  const history = historyRepository(store);
  const messagingMetrics = createMessagingMetrics(registry);
  const serial = createSerial();

  let policy: StoredPolicy;
  let compiled: CompiledPolicy;
  let model: ReadModel;
  let positions = new Map<string, string>();
  /** Where each partition started (the seek targets): the position of a partition not read yet. */
  let origins = new Map<string, string>();
  /** Facts applied since the last evaluation, by kind: counted into the metric once per batch. */
  const factCounts = new Map<string, number>();
  /** Events skipped since the last evaluation (unknown type, unlisted domain), by domain. */
  const skipCounts = new Map<string, number>();
  /** Domains whose skipping was logged once already (a steady stream must not flood the log). */
  const skipLogged = new Set<string>();
  let rebuildRun: RebuildRun | null = null;
  let rebuildStarting = false;
  let consumer: DomainConsumer | undefined;
  let publisher: StatusPublisher | undefined;
  let ticking: PeriodicTask<void> | undefined;
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
  const feed = createStatusFeed(history, (size) => metrics.sseClients.set(size));
  const recorder = new StatusRecorder({
    config,
    history,
    feed,
    logger,
    metrics,
    recorded: () => publisher?.nudge(),
    caughtUp: () => {
      if (rebuildRun && rebuildRun.finishedAt === null) rebuildRun.finishedAt = Date.now();
    },
  });

  const snapshotter = createSnapshotter({
    repository: snapshotRepository(store),
    capture: () => ({
      state: captureModel(model),
      meta: {
        positions: [...positions],
        lastSequence: recorder.lastSequence,
        policyVersion: policy.version,
        createdAt: new Date().toISOString(),
      },
    }),
    logger,
    duration: metrics.snapshotSeconds,
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

  function apply(event: Envelope, where: MessagePosition, check: EventCheck): void {
    // `compiled` is the policy in force now: a domain listed by PUT /policy is taken from here on.
    // Another zone's event goes on to `projectEvent`, which ignores it (counted as `ignored`).
    if (admission(event, check, compiled, config.ZONE_ID) === 'unlisted-domain') {
      const domain = domainOf(event.type);
      skipCounts.set(domain, (skipCounts.get(domain) ?? 0) + 1);
      return;
    }
    const fact = projectEvent(event, compiled, config.ZONE_ID, where.appendedAt);
    const wasUnknown = fact.kind !== 'ignored' && recorder.wasUnknown(fact.domain);
    const result = model.apply(fact);
    const kind = fact.kind === 'ignored' ? 'ignored' : result.applied ? fact.kind : 'duplicate';
    factCounts.set(kind, (factCounts.get(kind) ?? 0) + 1);
    if (!result.applied || fact.kind === 'ignored') return;
    snapshotter.markDirty();
    if (!recorder.isNew(`${where.topic}:${where.partition}`, where.offset)) return;
    // A cause is an event that moved a rule, or the first sign of life from a domain shown unknown.
    if (result.effective || wasUnknown) {
      recorder.noteCause({
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
    for (const [domain, count] of skipCounts) {
      metrics.skipped.inc({ domain }, count);
      if (!skipLogged.has(domain)) {
        skipLogged.add(domain);
        logger.warn(
          { domain, count },
          'events of a type without a contract, of a domain the policy does not list, are skipped: list the domain with PUT /policy (then POST /admin/rebuild to take the earlier ones)',
        );
      }
    }
    skipCounts.clear();
    await recorder.evaluate(trigger, () => compute(), positions, origins);
  }

  /** Time alone can change the status (a staleness window ends) and retire closed items. */
  async function onTick(): Promise<void> {
    if (stopped) return;
    const now = Date.now();
    if (now - lastEviction >= EVICT_EVERY_MS) {
      lastEviction = now;
      const evicted = model.evictClosedBefore(now - config.AGGREGATOR_CLOSED_RETENTION_DAYS * 86_400_000);
      if (evicted > 0) {
        snapshotter.markDirty();
        logger.info({ evicted }, 'closed items past retention evicted');
      }
    }
    await serial(() => evaluate('time'));
  }

  async function loadState(): Promise<void> {
    const snapshot = await snapshots.load();
    model = snapshot
      ? restoreModel(snapshot.state, compiled, config.AGGREGATOR_SAMPLE_SIZE)
      : new ReadModel(compiled, config.AGGREGATOR_SAMPLE_SIZE);
    positions = new Map(snapshot?.positions ?? []);
    await recorder.load(snapshot?.lastSequence ?? null, positions, () => compute());
    logger.info(
      {
        items: model.items.size,
        snapshotAt: snapshot?.createdAt ?? null,
        lastSequence: recorder.lastSequence,
        catchingUp: recorder.catchingUp,
      },
      'read model loaded',
    );
  }

  const aggregator: Aggregator = {
    history,
    linkFor,

    async start() {
      await ensureIndexes(store);
      policy = await policies.activeOrStore(policyInputSchema.parse(defaultPolicy));
      compiled = compilePolicy(policy);
      await loadState();

      publisher = await openStatusPublisher({
        kafka,
        store,
        config,
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
          advance(key, next) {
            positions.set(key, next);
            snapshotter.markDirty();
          },
          afterBatch: () => serial(() => evaluate('events')),
        },
      });
      const partitions = await consumer.partitions();
      origins = new Map(partitions.map((p) => [`${p.topic}:${p.partition}`, p.low]));
      await consumer.start(positions);
      await serial(() => evaluate('time'));
      ticking = startPeriodic('status-tick', { intervalMs: config.AGGREGATOR_TICK_MS, logger }, onTick);
      snapshotter.start(config.AGGREGATOR_SNAPSHOT_INTERVAL_MS);
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
      await ticking?.stop();
      await snapshotter.stop();
      feed.closeAll();
      await consumer?.stop().catch((error: unknown) => logger.warn({ err: error }, 'consumer stop failed'));
      await serial(async () => undefined);
      if (options.snapshot !== false && started) {
        await snapshotter.saveNow();
      }
      await publisher?.stop();
      logger.info('aggregator stopped');
    },

    ready: () => started && !stopped && (consumer?.joined() ?? false),

    current: () => recorder.current(),

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
        snapshotter.markDirty();
        await evaluate('policy');
        logger.info({ version: policy.version, createdBy }, 'policy replaced');
        return { policy, status: aggregator.current(), rebuildRecommended: before !== after };
      });
    },

    subscribe: (listener) => feed.subscribe(listener),
    changesAfter: (sequence) =>
      feed.changesAfter(sequence, recorder.lastSequence, config.AGGREGATOR_REPLAY_LIMIT),

    async rebuild() {
      if (rebuildStarting || (rebuildRun && rebuildRun.finishedAt === null)) {
        throw new ConflictError('A rebuild is already running', {
          progress: rebuildRun ? rebuildProgress(rebuildRun, positions) : null,
        });
      }
      if (!consumer || stopped) throw new ConflictError('The aggregator is not consuming');
      const running = consumer;
      rebuildStarting = true;
      try {
        await running.hold();
        await serial(async () => {
          const { from, to } = rebuildPlan(await running.partitions(), positions, recorder.targets());
          rebuildRun = { startedAt: Date.now(), finishedAt: null, from, to };
          recorder.catchUp(from, to);
          model = new ReadModel(compiled, config.AGGREGATOR_SAMPLE_SIZE);
          positions = new Map();
          origins = from;
          running.seek(from);
          logger.info({ partitions: from.size }, 'rebuild started from the earliest offsets');
        });
      } finally {
        running.release();
        rebuildStarting = false;
      }
      await serial(() => evaluate('events'));
      return rebuildProgress(rebuildRun as RebuildRun, positions);
    },

    rebuildProgress: () => (rebuildRun ? rebuildProgress(rebuildRun, positions) : null),
    snapshotNow: () => snapshotter.saveNow(),
    positions: () => new Map(positions),
    idle: () => serial(async () => undefined),
  };
  return aggregator;
}
