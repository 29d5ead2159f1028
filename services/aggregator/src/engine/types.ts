import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { AggregatorConfig } from '../config.ts';
import type { HistoryRepository, StatusRecord } from '../data/history.ts';
import type { SavedSnapshot } from '../data/snapshots.ts';
import type { LinkFor } from '../domain/drill-down.ts';
import type { Policy, PolicyDocument } from '../domain/policy.ts';
import type { ReadModel } from '../domain/read-model.ts';
import type { ZoneStatus } from '../domain/status.ts';
import type { RebuildProgress } from './progress.ts';

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
