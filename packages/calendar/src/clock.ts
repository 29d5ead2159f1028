import { DAY_MS } from './zone.ts';

/** Where "now" comes from: the system clock in production, a shifted or hand-driven one elsewhere. */
export interface Clock {
  now(): Date;
}

/** The host's clock. */
export const systemClock: Clock = { now: () => new Date() };

/**
 * `base` moved `days` days forward (backward when negative), so a demo or an end-to-end test sees
 * a deadline pass without waiting; the clock still runs.
 */
export function shiftedClock(base: Clock, days: number): Clock {
  const shiftMs = days * DAY_MS;
  return { now: () => new Date(base.now().getTime() + shiftMs) };
}

/** A clock moved by hand, which never runs by itself: tests pass deadlines without waiting. */
export class ManualClock implements Clock {
  private current: Date;

  /** Starts at `start`, default the moment it is made. */
  constructor(start: Date | string = new Date()) {
    this.current = new Date(start);
  }

  /** A copy of the current instant: callers cannot move the clock by mutating it. */
  now(): Date {
    return new Date(this.current);
  }

  /** Moves to `instant`, forward or back. */
  set(instant: Date | string): void {
    this.current = new Date(instant);
  }

  /** Moves by `days` (fractions allowed, negative goes back). */
  advanceDays(days: number): void {
    this.current = new Date(this.current.getTime() + days * DAY_MS);
  }
}
