import type { Logger } from 'pino';
import type { AggregatorConfig } from '../config.ts';
import type { Cause, HistoryRepository, StatusRecord } from '../data/history.ts';
import { statusChanged, type ZoneStatus } from '../domain/status.ts';
import { statusChangedEvent } from '../events/status-event.ts';
import type { StatusFeed } from './feed.ts';
import { aheadOf, beyond, reached } from './guard.ts';
import type { AggregatorMetrics } from './metrics.ts';
import type { CurrentStatus } from './types.ts';

const MAX_CAUSES = 50;

export interface RecorderDeps {
  config: AggregatorConfig;
  history: HistoryRepository;
  feed: StatusFeed;
  metrics: AggregatorMetrics;
  logger: Logger;
  /** Called after a change is recorded: its ZoneRiskStatusChanged waits in the history's outbox. */
  recorded(): void;
  /** Called when the model reaches the recorded positions (the end of a replay or a rebuild). */
  caughtUp(): void;
}

type Positions = ReadonlyMap<string, string>;

/**
 * The recorded status: what GET /status serves, the history of changes, and the causes gathered
 * between two changes. Also "catching up": after a crash the history may be ahead of the snapshot
 * (or, in a rebuild, of the fresh model); until the model reaches the positions of the last record,
 * nothing is recorded again and the last record is what is served.
 */
export class StatusRecorder {
  private last: StatusRecord | null = null;
  private latest: ZoneStatus | undefined;
  private causes: Cause[] = [];
  /** Positions the last record reflects that the model has not reached yet. */
  private guard: Map<string, string> | null = null;
  private served: { from: ZoneStatus; value: CurrentStatus } | undefined;
  private readonly deps: RecorderDeps;

  constructor(deps: RecorderDeps) {
    this.deps = deps;
  }

  /** Picks up the history where a snapshot (or nothing) left it; `status` is the model's status now. */
  async load(snapshotSequence: number | null, positions: Positions, status: () => ZoneStatus): Promise<void> {
    const { history } = this.deps;
    this.last =
      snapshotSequence === null ? await history.latest() : await history.latestFrom(snapshotSequence);
    this.guard = this.last ? aheadOf(this.last.positions, positions) : null;
    this.latest = this.last?.status ?? status();
  }

  get lastSequence(): number {
    return this.last?.sequence ?? 0;
  }

  get catchingUp(): boolean {
    return this.guard !== null;
  }

  /** Where the recorded status stands ahead of the model (a rebuild must reach at least this). */
  targets(): ReadonlyMap<string, string> {
    return this.guard ?? new Map();
  }

  /** A rebuild from `from` must reach `to` before anything is recorded again. */
  catchUp(from: Positions, to: Positions): void {
    this.guard = new Map([...to].filter(([key, target]) => BigInt(target) > BigInt(from.get(key) ?? '0')));
    this.causes = [];
  }

  /** Whether the message at `offset` is new to the record, not one the last record already reflects. */
  isNew(key: string, offset: string): boolean {
    return beyond(this.guard, key, offset);
  }

  noteCause(cause: Cause): void {
    this.causes.push(cause);
    if (this.causes.length > MAX_CAUSES) this.causes = this.causes.slice(-MAX_CAUSES);
  }

  /**
   * Records `status` when it differs from the last record, then publishes and pushes it; while
   * catching up, only checks whether the model reached the recorded positions. Call serially.
   */
  async evaluate(
    trigger: StatusRecord['trigger'],
    status: () => ZoneStatus,
    positions: Positions,
    origins: Positions,
  ): Promise<void> {
    const { history, logger, config } = this.deps;
    if (this.guard) {
      if (!reached(this.guard, positions, origins)) return;
      this.guard = null;
      this.deps.caughtUp();
      logger.info({ positions: Object.fromEntries(positions) }, 'caught up with the recorded status');
    }
    const now = status();
    if (!statusChanged(this.last?.status, now)) {
      this.latest = now;
      return;
    }
    // `latest` moves only once the change is recorded: what GET /status serves always pairs
    // with its sequence.
    const causes = trigger === 'policy' ? [] : this.causes;
    const record: StatusRecord = {
      sequence: this.lastSequence + 1,
      trigger: trigger === 'policy' ? 'policy' : causes.length > 0 ? 'events' : 'time',
      causes,
      positions: [...positions],
      status: now,
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
      this.last = await history.latestFrom(record.sequence);
      logger.error({ sequence: record.sequence }, 'status sequence already recorded by another process');
      return;
    }
    this.last = record;
    this.latest = now;
    this.causes = [];
    this.deps.metrics.statusChanges.inc({ trigger: record.trigger });
    this.deps.recorded();
    logger.info(
      { sequence: record.sequence, level: now.level, score: now.score, trigger: record.trigger },
      'zone status changed',
    );
    this.deps.feed.publish(record);
  }

  /** The status to serve: the last record while catching up, else the latest evaluation. */
  current(): CurrentStatus {
    const status = this.guard && this.last ? this.last.status : (this.latest as ZoneStatus);
    const sequence = this.lastSequence;
    const catchingUp = this.guard !== null;
    // One object per distinct status, so GET /status can reuse its serialized form.
    const served = this.served;
    if (
      served?.from !== status ||
      served.value.sequence !== sequence ||
      served.value.catchingUp !== catchingUp
    ) {
      this.served = { from: status, value: { ...status, sequence, catchingUp } };
    }
    return (this.served as { value: CurrentStatus }).value;
  }

  /** Whether an applied fact about `domain` is the first sign of life of a domain shown unknown. */
  wasUnknown(domain: string): boolean {
    return this.latest?.domains[domain]?.level === 'unknown';
  }
}
