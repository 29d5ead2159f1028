import type { Envelope, RiskLevel } from '@zone-risk/contracts';
import { insertNew, OutboxConflictError } from '@zone-risk/messaging';
import type { Connection } from 'mongoose';
import type { ZoneStatus } from '../domain/status.ts';
import { aggregatorModels, fromStored, type StoredPosition, toStored } from './collections.ts';

/** An event that moved the status. */
export interface Cause {
  id: string;
  type: string;
  domain: string;
  aggregateId: string;
}

/** One recorded change of the zone status. */
export interface StatusRecord {
  /** Increases by one per change; the SSE event id and the ZoneRiskStatusChanged aggregate version. */
  sequence: number;
  trigger: 'events' | 'time' | 'policy';
  /** The events applied since the previous change that moved a rule (at most 50); empty for time and policy. */
  causes: Cause[];
  /** Where consumption stood (`topic:partition` → next offset): a replay after a crash stays quiet up to here. */
  positions: [string, string][];
  status: ZoneStatus;
}

/** A point of the trend line. */
export interface SeriesPoint {
  sequence: number;
  at: string;
  level: RiskLevel;
  score: number | null;
  domains: Record<string, { level: RiskLevel; score: number | null }>;
}

export interface HistoryRepository {
  /**
   * Stores a change with the ZoneRiskStatusChanged event in its own outbox (`insertNew`: the
   * event is version `sequence` of the zone status), so the relay publishes exactly what was
   * recorded: one single-document insert, no transaction.
   * @returns false when the sequence was already taken (the stored record stands).
   */
  insert(record: StatusRecord, event: Envelope): Promise<boolean>;
  get(sequence: number): Promise<StatusRecord | null>;
  /** The last record at or after `sequence`, walking forward by `_id` (fast: equality on _id). */
  latestFrom(sequence: number): Promise<StatusRecord | null>;
  /** The last record of all; sorts the whole collection on FerretDB, so only when no snapshot says where to start. */
  latest(): Promise<StatusRecord | null>;
  /** The trend line between two instants, oldest first. */
  series(from: Date, to: Date): Promise<SeriesPoint[]>;
  /** The last point at or before `at`, or null when nothing was recorded before then. */
  pointAt(at: Date): Promise<SeriesPoint | null>;
}

interface HistoryDoc {
  _id: number;
  sequence: number;
  day: string;
  at: Date;
  trigger: StatusRecord['trigger'];
  causes: Cause[];
  positions: StoredPosition[];
  status: ZoneStatus;
  series: Omit<SeriesPoint, 'sequence' | 'at'>;
}

const dayOf = (at: Date): string => at.toISOString().slice(0, 10);

function pointOf(doc: Pick<HistoryDoc, 'sequence' | 'at' | 'series'>): SeriesPoint {
  return { sequence: doc.sequence, at: doc.at.toISOString(), ...doc.series };
}

function recordOf(doc: HistoryDoc): StatusRecord {
  return {
    sequence: doc.sequence,
    trigger: doc.trigger,
    causes: doc.causes,
    positions: fromStored(doc.positions),
    status: doc.status,
  };
}

/**
 * The status history. Queries filter by a top-level `day` (UTC) — the only kind of filter the
 * local store serves from an index — and the points of each day are cached: a past day never
 * changes, and today's gains the points this process records.
 */
export function historyRepository(connection: Connection): HistoryRepository {
  const history = aggregatorModels(connection).history;
  const dayCache = new Map<string, SeriesPoint[]>();
  let days: string[] | undefined;

  async function knownDays(): Promise<string[]> {
    days ??= ((await history.distinct('day')) as string[]).sort();
    return days;
  }

  async function pointsOf(day: string): Promise<SeriesPoint[]> {
    const cached = dayCache.get(day);
    if (cached) return cached;
    const docs = await history
      .find({ day }, { sequence: 1, at: 1, series: 1 })
      .lean<Pick<HistoryDoc, 'sequence' | 'at' | 'series'>[]>();
    const points = docs.map(pointOf).sort((a, b) => a.sequence - b.sequence);
    if (dayCache.size > 400) dayCache.delete(dayCache.keys().next().value as string);
    dayCache.set(day, points);
    return points;
  }

  async function get(sequence: number): Promise<StatusRecord | null> {
    const doc = await history.findOne({ _id: sequence }).lean<HistoryDoc>();
    return doc ? recordOf(doc) : null;
  }

  return {
    async insert(record, event) {
      const at = new Date(record.status.asOf);
      const series = {
        level: record.status.level,
        score: record.status.score,
        domains: Object.fromEntries(
          Object.entries(record.status.domains).map(([name, d]) => [
            name,
            { level: d.level, score: d.score },
          ]),
        ),
      };
      const doc = {
        _id: record.sequence,
        sequence: record.sequence,
        day: dayOf(at),
        at,
        trigger: record.trigger,
        causes: record.causes,
        positions: toStored(record.positions),
        status: record.status,
        series,
      };
      try {
        await insertNew(history, doc, [event], {
          aggregateId: event.aggregateid,
          fromVersion: record.sequence - 1,
        });
      } catch (error) {
        if (error instanceof OutboxConflictError) return false;
        throw error;
      }
      const known = await knownDays();
      if (!known.includes(doc.day)) known.push(doc.day);
      dayCache.get(doc.day)?.push(pointOf(doc));
      return true;
    },

    get,

    async latestFrom(sequence) {
      let latest: StatusRecord | null = null;
      for (let next = Math.max(sequence, 1); ; next++) {
        const record = await get(next);
        if (!record) return latest;
        latest = record;
      }
    },

    async latest() {
      const [doc] = await history.find({}).sort({ _id: -1 }).limit(1).lean<HistoryDoc[]>();
      return doc ? recordOf(doc) : null;
    },

    async series(from, to) {
      const wanted = (await knownDays()).filter((day) => day >= dayOf(from) && day <= dayOf(to));
      const points: SeriesPoint[] = [];
      for (const day of wanted) {
        for (const point of await pointsOf(day)) {
          const at = Date.parse(point.at);
          if (at >= from.getTime() && at <= to.getTime()) points.push(point);
        }
      }
      return points;
    },

    async pointAt(at) {
      const candidates = (await knownDays()).filter((day) => day <= dayOf(at)).reverse();
      for (const day of candidates) {
        const before = (await pointsOf(day)).filter((point) => Date.parse(point.at) <= at.getTime());
        const last = before.at(-1);
        if (last) return last;
      }
      return null;
    },
  };
}
