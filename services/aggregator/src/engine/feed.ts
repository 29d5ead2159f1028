import type { HistoryRepository, StatusRecord } from '../data/history.ts';
import type { StatusListener } from './types.ts';

const RECENT_RECORDS = 200;

/** The live side of the recorded changes: /stream subscribers and the replay after a reconnect. */
export interface StatusFeed {
  publish(record: StatusRecord): void;
  subscribe(listener: StatusListener): () => void;
  /** Ends every subscription (shutdown). */
  closeAll(): void;
  size(): number;
  /**
   * The recorded changes after `sequence` up to `last`, oldest first; `reset` when more than
   * `limit` were missed or the id is unknown (from the future: another history).
   */
  changesAfter(sequence: number, last: number, limit: number): Promise<StatusRecord[] | 'reset'>;
}

export function createStatusFeed(history: HistoryRepository, onSize: (size: number) => void): StatusFeed {
  const listeners = new Set<StatusListener>();
  // The latest changes, for the common reconnect (a few seconds, a few changes) without the store.
  const recent: StatusRecord[] = [];
  return {
    publish(record) {
      recent.push(record);
      if (recent.length > RECENT_RECORDS) recent.shift();
      for (const listener of listeners) listener.status(record);
    },
    subscribe(listener) {
      listeners.add(listener);
      onSize(listeners.size);
      return () => {
        listeners.delete(listener);
        onSize(listeners.size);
      };
    },
    closeAll() {
      for (const listener of [...listeners]) listener.close();
      listeners.clear();
      onSize(0);
    },
    size: () => listeners.size,
    async changesAfter(sequence, last, limit) {
      if (sequence === last) return [];
      if (sequence > last || last - sequence > limit) return 'reset';
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
  };
}
