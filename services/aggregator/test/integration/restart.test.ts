import type { Envelope } from '@zone-risk/contracts';
import { eventually } from '@zone-risk/testkit';
import t from 'tap';
import { capturingLogger, type Harness, useAggregator } from '../helpers/app.ts';
import { caseOverdue, sampleRecordedEvent } from '../helpers/food-drug.ts';
import { accepted, becameOverdue, planned, reported, supervisionListed } from '../helpers/hazards.ts';
import { drained, waitFor } from '../helpers/kafka.ts';
import { itemOverdue, liveDomains, registered } from '../helpers/rectification.ts';
import { allDomainsKnown, essence, getStatus, statusWhere } from '../helpers/status.ts';

/** Forty hazards over a few enterprises in assorted states, spread over the three partitions. */
async function sendWorkload(harness: Harness, from: number, to: number): Promise<void> {
  const events: Envelope[] = [...liveDomains()];
  for (let i = from; i < to; i++) {
    const base = {
      id: `hz-${i}`,
      grade: i % 9 === 0 ? ('major' as const) : ('general' as const),
      enterprise: (i % 4) + 1,
    };
    events.push(reported({ ...base, version: 1 }));
    if (i % 2 === 0) events.push(planned({ ...base, version: 2 }));
    if (i % 5 === 0) events.push(becameOverdue({ ...base, version: 3 }));
    if (i % 7 === 0) events.push(accepted({ ...base, version: 4 }));
  }
  await harness.send(...events);
}

t.test(
  'after a graceful restart the aggregator resumes from its snapshot and offsets, at the identical status',
  async (t) => {
    const harness = await useAggregator(t);
    const first = await harness.start();
    await sendWorkload(harness, 0, 40);
    await harness.send(supervisionListed({ id: 'hz-9', version: 5 }));
    const before = await statusWhere(
      first,
      (s) => allDomainsKnown(s) && s.overrides.length > 0,
      'the supervised major hazard override',
    );
    await drained(first, harness.topics.safety);
    const settled = await getStatus(first);
    const items = first.aggregator.model().items.size;
    await first.close();

    const second = await harness.start();
    const after = await getStatus(second);
    t.equal(after.catchingUp, false, 'nothing to replay: the snapshot was taken at shutdown');
    t.same(essence(after), essence(settled), 'the same status, contributions and samples included');
    t.equal(after.sequence, settled.sequence, 'no change recorded by the restart');
    t.equal(second.aggregator.model().items.size, items);
    t.ok(before.sequence <= after.sequence);

    // And it keeps consuming from where it stopped.
    await harness.send(accepted({ id: 'hz-9', version: 6, grade: 'major' }));
    await statusWhere(
      second,
      (s) => !s.overrides.some((o) => o.rule === 'zone.safety.major-supervised'),
      'the supervised hazard closed after the restart',
    );
  },
);

t.test(
  'after a crash (no final snapshot) the replay from the last snapshot reaches the same status and records nothing twice',
  async (t) => {
    const harness = await useAggregator(t);
    const first = await harness.start();
    await sendWorkload(harness, 0, 20);
    // An unqualified sample of today: a time-windowed rule's set must come back from the snapshot.
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    await harness.send(sampleRecordedEvent({ id: 'smp-early', sampledOn: today }));
    await statusWhere(
      first,
      (s) => allDomainsKnown(s) && s.domains.safety?.contributions[0]?.count !== 0,
      'data',
    );
    await eventually(() => waitFor(first.aggregator.model().items.size === 21, '20 hazards and a sample'), {
      timeoutMs: 30_000,
    });
    const saved = await first.aggregator.snapshotNow();
    t.ok(saved, 'a snapshot was taken');

    // Changes recorded after the snapshot, then the process dies without saving another.
    await harness.send(reported({ id: 'late-major', version: 1, grade: 'major' }));
    await statusWhere(
      first,
      (s) => allDomainsKnown(s) && (s.level === 'significant' || s.level === 'major'),
      'orange after the snapshot',
    );
    // ...on every topic: the replay must reach the recorded positions of each.
    const lateItem = { id: 'late-env', source: 'central-inspection' as const };
    await harness.send(
      supervisionListed({ id: 'late-major', version: 2 }),
      registered({ ...lateItem, version: 1 }),
      itemOverdue({ ...lateItem, version: 2 }),
      caseOverdue({ id: 'late-case', version: 2, categories: ['infant-formula'] }),
    );
    const crashed = await statusWhere(
      first,
      (s) =>
        allDomainsKnown(s) &&
        s.overrides.some((o) => o.rule === 'zone.safety.major-supervised') &&
        s.overrides.some((o) => o.rule === 'zone.environment.central-overdue') &&
        s.overrides.some((o) => o.rule === 'zone.food-drug.vulnerable-case-overdue'),
      'red on every domain after the snapshot',
    );
    t.match(
      crashed.domains['food-drug']?.contributions.find((c) => c.rule === 'food-drug.unqualified-samples'),
      { count: 1, points: 3 },
    );
    await eventually(() =>
      waitFor(first.aggregator.model().items.size === 24, 'the late hazard, item and case'),
    );
    await first.aggregator.stop({ snapshot: false });
    await first.close();

    const { logger, lines } = capturingLogger();
    const second = await harness.start({}, { logger });
    const after = await statusWhere(second, (s) => !s.catchingUp, 'the replay caught up', 30_000);
    t.match(
      lines.find((line) => line.msg === 'read model loaded'),
      { catchingUp: true, lastSequence: crashed.sequence },
      'it knew the recorded status was ahead of the snapshot',
    );
    t.ok(
      lines.some((line) => line.msg === 'caught up with the recorded status'),
      'and stayed quiet until the replay passed it',
    );
    t.same(essence(after), essence(crashed), 'the same status as before the crash');
    t.equal(after.sequence, crashed.sequence, 'the replayed changes were not recorded again');
    const history = await second.aggregator.history.series(new Date(Date.now() - 600_000), new Date());
    t.same(
      history.map((p) => p.sequence),
      Array.from({ length: crashed.sequence }, (_, i) => i + 1),
      'one record per change, no duplicates, no gaps',
    );
  },
);
