import type { Connection } from 'mongoose';
import { timed } from './load.ts';

// What the service's reads leave out (the kit's repository): the timeline and the outbox.
export const WITHOUT_LOGS = { history: 0, _outbox: 0, _outboxLease: 0 };

/** The reads of the register the service's timers make every SWEEP_SECONDS, timed through the driver. */
export async function timerReads(db: NonNullable<Connection['db']>): Promise<void> {
  const businesses = db.collection('businesses');
  const version = Number(
    (await businesses.findOne({}, { projection: { ruleSetVersion: 1 } }))?.ruleSetVersion ?? 1,
  );
  // Best of two: a pass of the service's own may be queued ahead of the first (one request at a
  // time per database on the local store).
  const best = async (read: () => Promise<unknown[]>) => {
    const [found, first] = await timed(read);
    const [, second] = await timed(read);
    return { count: found.length, ms: Math.min(first, second) };
  };
  const armed = await best(() =>
    businesses.find({ timerArmed: true }, { projection: { _id: 1, nextDueAt: 1 } }).toArray(),
  );
  const stale = await best(() =>
    businesses
      .find({ ruleSetVersion: { $lt: version } }, { projection: { _id: 1 } })
      .limit(200)
      .toArray(),
  );
  console.log(
    `    what the timers read every SWEEP_SECONDS (driver, best of 2): business sweeper find({ timerArmed: true }) ${armed.count} documents in ${armed.ms.toFixed(0)} ms; ` +
      `re-grader find({ ruleSetVersion: { $lt: ${version} } }).limit(200) ${stale.count} in ${stale.ms.toFixed(0)} ms`,
  );
}
