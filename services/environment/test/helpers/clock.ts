import type { Clock } from '../../src/domain/time.ts';

/** A clock the test moves by hand: deadlines and notice windows pass without waiting. */
export class ManualClock implements Clock {
  private current: Date;
  constructor(start: Date | string = new Date()) {
    this.current = new Date(start);
  }
  now(): Date {
    return new Date(this.current);
  }
  set(instant: Date | string): void {
    this.current = new Date(instant);
  }
}
