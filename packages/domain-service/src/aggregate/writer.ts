import type { Clock } from '@zone-risk/calendar';
import type { Envelope, PersonRef } from '@zone-risk/contracts';
import { OutboxConflictError } from '@zone-risk/messaging';
import { NotFoundError } from '@zone-risk/platform';
import type { Decision } from '../domain/decision.ts';
import { DomainError } from '../domain/errors.ts';
import { lostRace } from './lost-race.ts';
import type { EventCause, EventRecorder, Fact, Recorded } from './record.ts';
import { StoredStateError } from './repository.ts';

/** What every write of a domain service shares: the time, the zone, and a way to wake the relay. */
export interface WriteContext {
  clock: Clock;
  zoneId: string;
  /** Called after every write that queued events (the relay's nudge). */
  published(): void;
}

/** Who asks, and the id that ties the events of this request together. */
export interface Caller {
  actor: PersonRef;
  correlationId: string;
}

export interface ChangeOptions {
  /** Checks the version the caller read (If-Match) once the aggregate is loaded. */
  precondition?: (version: number) => void;
  /** The caller named a version: a lost race is a 412, not a 409. */
  ifMatch?: boolean;
  /** Re-read and re-decide this many times on a lost race (for changes that commute, like evidence). */
  retries?: number;
}

/** An aggregate's state as its domain sees it: `version` is the outbox's `_version`. */
export interface Versioned {
  id: string;
  version: number;
}

/** What the writer needs of an aggregate type's storage. */
export interface AggregateKind<State extends Versioned, Name extends string> {
  /** How problems name one, e.g. `Hazard` in "Hazard hz-1 changed while your request ran". */
  noun: string;
  /** The detail of the 404 when there is no aggregate with this id. */
  notFound(id: string): string;
  recorder: EventRecorder<Name, State>;
  load(id: string): Promise<State | null>;
  /** Creates the aggregate with its first events; throws OutboxConflictError when the id is taken. */
  insert(state: State, recorded: Recorded): Promise<void>;
  /**
   * Writes the state, its timeline entries and its events in one update conditioned on
   * `expectedVersion`; throws OutboxConflictError when the aggregate is no longer at it.
   */
  commit(expectedVersion: number, state: State, recorded: Recorded): Promise<void>;
}

/** A decision of this aggregate type. */
export type DecisionOf<State, Name extends string> = Decision<State, Fact<Name>>;

export interface AggregateWriter<State extends Versioned, Name extends string> {
  /**
   * Writes a new aggregate's document with the events of its creation, then wakes the relay.
   * @throws OutboxConflictError when the id is taken (what that means is the caller's to say).
   */
  create(caller: Caller, decision: DecisionOf<State, Name>, now: Date): Promise<void>;
  /**
   * Load, decide, write: the one path every change of the aggregate takes. The decision is taken
   * on the state just read and written on its version, so a concurrent change is never lost: the
   * write fails instead, and is re-read and re-decided `retries` times before the caller is told.
   *
   * @returns the state after the change, at its new version.
   * @throws NotFoundError (404); ConflictError (409), or PreconditionFailedError (412) when the
   *   caller named a version, once the race is lost for good; whatever `decide` throws.
   */
  change(
    caller: Caller,
    id: string,
    decide: (current: State, now: Date) => DecisionOf<State, Name>,
    options?: ChangeOptions,
  ): Promise<State>;
  /**
   * One write of a decision taken on `expectedVersion`, without waking the relay (a sweep wakes it
   * once at the end). @returns the events written. @throws OutboxConflictError when lost.
   */
  write(change: {
    decision: DecisionOf<State, Name>;
    expectedVersion: number;
    by: PersonRef;
    cause: EventCause;
  }): Promise<Envelope[]>;
  /**
   * Fires the timers that time alone makes due (no event arrives when a deadline passes): each
   * aggregate of `armed` whose `nextDueAt` is not after `cause.time` is read again and `decide`d
   * on; a decision (null: nothing is due any more) is written once. A lost race is skipped — the
   * other writer's change is read again at the next sweep — so with a decision that disarms its
   * timer in the same write, a timer fires at most once however many replicas sweep. Wakes the
   * relay once if anything was written.
   *
   * @returns how many aggregates changed.
   */
  sweep(sweep: {
    armed: readonly { id: string; nextDueAt: Date | null }[];
    decide: (current: State, now: Date) => DecisionOf<State, Name> | null;
    by: PersonRef;
    cause: EventCause;
    /** Called after each write, e.g. to log it. */
    written?: (id: string, events: Envelope[]) => void;
    /**
     * Called for an aggregate that could not be decided on: stored unreadably, or refused by its
     * own rules. The sweep goes on with the next one; it fires again at the next sweep.
     */
    failed?: (id: string, error: Error) => void;
  }): Promise<number>;
}

/** The write path of one aggregate type on one context. */
export function aggregateWriter<State extends Versioned, Name extends string>(
  kind: AggregateKind<State, Name>,
  ctx: WriteContext,
): AggregateWriter<State, Name> {
  const causeOf = (caller: Caller, time: Date): EventCause => ({
    zoneId: ctx.zoneId,
    correlationId: caller.correlationId,
    time,
  });

  async function write(change: {
    decision: DecisionOf<State, Name>;
    expectedVersion: number;
    by: PersonRef;
    cause: EventCause;
  }): Promise<Envelope[]> {
    const { state } = change.decision;
    const recorded = kind.recorder.record({
      aggregateId: state.id,
      steps: change.decision.steps,
      fromVersion: change.expectedVersion,
      by: change.by,
      cause: change.cause,
    });
    await kind.commit(change.expectedVersion, state, recorded);
    return recorded.events;
  }

  return {
    async create(caller, decision, now) {
      const recorded = kind.recorder.record({
        aggregateId: decision.state.id,
        steps: decision.steps,
        fromVersion: 0,
        by: caller.actor,
        cause: causeOf(caller, now),
      });
      await kind.insert(decision.state, recorded);
      ctx.published();
    },

    async change(caller, id, decide, options = {}) {
      for (let attempt = 0; ; attempt++) {
        const current = await kind.load(id);
        if (!current) throw new NotFoundError(kind.notFound(id));
        options.precondition?.(current.version);
        const now = ctx.clock.now();
        const decision = decide(current, now);
        let events: Envelope[];
        try {
          events = await write({
            decision,
            expectedVersion: current.version,
            by: caller.actor,
            cause: causeOf(caller, now),
          });
        } catch (error) {
          if (!(error instanceof OutboxConflictError)) throw error;
          if (attempt < (options.retries ?? 0)) continue;
          throw lostRace(kind.noun, id, error, options.ifMatch === true);
        }
        ctx.published();
        return { ...decision.state, version: current.version + events.length };
      }
    },

    write,

    async sweep({ armed, decide, by, cause, written, failed }) {
      const now = cause.time;
      const due = armed.filter((a) => a.nextDueAt !== null && a.nextDueAt.getTime() <= now.getTime());
      let fired = 0;
      for (const { id } of due) {
        try {
          const current = await kind.load(id);
          if (!current) continue;
          const decision = decide(current, now);
          if (!decision) continue;
          const events = await write({ decision, expectedVersion: current.version, by, cause });
          fired += 1;
          written?.(id, events);
        } catch (error) {
          // Someone changed it first (a user, or another replica's sweep): the next sweep re-reads it.
          if (error instanceof OutboxConflictError) continue;
          // One aggregate's own fault must not hold back every timer after it; the store failing does.
          if (!(error instanceof StoredStateError || error instanceof DomainError)) throw error;
          failed?.(id, error);
        }
      }
      if (fired > 0) ctx.published();
      return fired;
    },
  };
}
