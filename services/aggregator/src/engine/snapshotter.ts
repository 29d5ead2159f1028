import { type PeriodicTask, startPeriodic } from '@zone-risk/platform';
import type { Logger } from 'pino';
import type { Histogram } from 'prom-client';
import type { SavedSnapshot, SnapshotMeta, SnapshotRepository } from '../data/snapshots.ts';
import type { ModelState } from '../domain/model-state.ts';

export interface Snapshotter {
  /** Something changed since the last snapshot. */
  markDirty(): void;
  /** Saves now (or joins the save in flight); null when it failed (it is retried later). */
  saveNow(): Promise<SavedSnapshot | null>;
  /** Saves every `intervalMs` while something changed. */
  start(intervalMs: number): void;
  /** Stops the timer and waits for a save in flight. */
  stop(): Promise<void>;
}

/**
 * Periodic snapshots of the read model with the offsets it reflects. The capture is synchronous
 * (a consistent model + offsets pair, between two applied events); encoding and writing run while
 * consumption goes on, since items are replaced, never mutated.
 */
export function createSnapshotter(options: {
  repository: SnapshotRepository;
  capture: () => { state: ModelState; meta: SnapshotMeta };
  logger: Logger;
  duration: Histogram;
}): Snapshotter {
  const { logger } = options;
  let dirty = false;
  let saving: Promise<SavedSnapshot | null> | undefined;
  let periodic: PeriodicTask<unknown> | undefined;

  function saveNow(): Promise<SavedSnapshot | null> {
    if (saving) return saving;
    const { state, meta } = options.capture();
    dirty = false;
    const end = options.duration.startTimer();
    saving = options.repository
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

  return {
    markDirty() {
      dirty = true;
    },
    saveNow,
    start(intervalMs) {
      periodic = startPeriodic('snapshots', { intervalMs, logger }, async () => (dirty ? saveNow() : null));
    },
    async stop() {
      await periodic?.stop();
      await saving;
    },
  };
}
