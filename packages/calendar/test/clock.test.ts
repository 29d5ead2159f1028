import t from 'tap';
import { type Clock, ManualClock, shiftedClock, systemClock } from '../src/index.ts';

t.test('the system clock tells the host time', async (t) => {
  const before = Date.now();
  const now = systemClock.now();
  const after = Date.now();
  t.type(now, Date);
  t.ok(now.getTime() >= before, 'not before the call');
  t.ok(now.getTime() <= after, 'not after it returned');
});

t.test('a manual clock stays where it is put and moves only by hand', async (t) => {
  const clock = new ManualClock('2026-03-02T02:00:00Z');
  t.equal(clock.now().toISOString(), '2026-03-02T02:00:00.000Z');
  clock.advanceDays(2);
  t.equal(clock.now().toISOString(), '2026-03-04T02:00:00.000Z');
  clock.advanceDays(-0.5);
  t.equal(clock.now().toISOString(), '2026-03-03T14:00:00.000Z', 'fractions and negative days');
  clock.set(new Date('2026-01-01T00:00:00Z'));
  t.equal(clock.now().toISOString(), '2026-01-01T00:00:00.000Z');
});

t.test('mutating the instant a manual clock returned does not move the clock', async (t) => {
  const clock = new ManualClock('2026-03-02T02:00:00Z');
  clock.now().setUTCFullYear(2000);
  t.equal(clock.now().toISOString(), '2026-03-02T02:00:00.000Z');
});

t.test('a manual clock made without a start begins at the moment it is made', async (t) => {
  const before = Date.now();
  const clock = new ManualClock();
  const after = Date.now();
  const at = clock.now().getTime();
  t.ok(at >= before, 'not before it was made');
  t.ok(at <= after, 'not after it was made');
});

t.test('a shifted clock is its base moved whole days forward, and follows the base', async (t) => {
  const base = new ManualClock('2026-03-02T02:00:00Z');
  const shifted: Clock = shiftedClock(base, 2);
  t.equal(shifted.now().toISOString(), '2026-03-04T02:00:00.000Z');
  base.advanceDays(1);
  t.equal(shifted.now().toISOString(), '2026-03-05T02:00:00.000Z');
  t.equal(shiftedClock(base, -3).now().toISOString(), '2026-02-28T02:00:00.000Z', 'back when negative');
  t.equal(shiftedClock(base, 0).now().toISOString(), base.now().toISOString());
});
