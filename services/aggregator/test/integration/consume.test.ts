import { deadLetterTopic, eventRegistry } from '@zone-risk/contracts';
import { eventually } from '@zone-risk/testkit';
import t from 'tap';
import { useAggregator } from '../helpers/app.ts';
import { accepted, becameOverdue, planned, reported, supervisionListed } from '../helpers/hazards.ts';
import { collect, waitFor } from '../helpers/kafka.ts';
import { liveDomains } from '../helpers/rectification.ts';
import { allDomainsKnown, getStatus, statusWhere } from '../helpers/status.ts';

t.test('with no data at all every domain and the zone are unknown, never blue', async (t) => {
  const harness = await useAggregator(t);
  const app = await harness.start();
  const status = await getStatus(app);
  t.equal(status.level, 'unknown');
  t.equal(status.score, null);
  t.match(status.domains.safety, {
    level: 'unknown',
    score: null,
    freshness: { stale: true, lastEventAt: null },
  });
  t.equal(status.sequence, 1, 'the initial status is the first recorded one');
  t.equal(status.policyVersion, '1', 'the shipped default policy is version 1');
});

t.test(
  'safety events move the domain and the zone as the policy says, each change recorded and published as ZoneRiskStatusChanged',
  async (t) => {
    const harness = await useAggregator(t);
    const published = await collect(t, harness.topics.status);
    const app = await harness.start();

    await harness.send(...liveDomains());
    let status = await statusWhere(app, (s) => s.level === 'low', 'a live, empty safety domain: low');
    t.match(status.domains.safety, { level: 'low', score: 0, freshness: { stale: false } });

    const major = reported({ id: 'hz-major', version: 1, grade: 'major', enterprise: 7 });
    await harness.send(major);
    status = await statusWhere(app, (s) => s.level === 'significant', 'an open major hazard: orange');
    const majorOpen = status.domains.safety?.contributions.find((c) => c.rule === 'safety.major-open');
    t.match(majorOpen, {
      count: 1,
      level: 'significant',
      points: 15,
      items: [{ domain: 'safety', aggregateType: 'hazard', aggregateId: 'hz-major' }],
    });
    t.equal(status.score, 50, 'the score is lifted to the floor of orange');
    t.same(status.overrides, []);

    await harness.send(becameOverdue({ id: 'hz-major', version: 2, grade: 'major', enterprise: 7 }));
    status = await statusWhere(app, (s) => s.level === 'major', 'an overdue major hazard: red');
    t.same(
      status.overrides.map((o) => o.rule),
      ['zone.safety.major-overdue'],
      'the overdue override fired',
    );
    t.equal(status.domains.safety?.level, 'major');

    await harness.send(accepted({ id: 'hz-major', version: 3, grade: 'major', enterprise: 7 }));
    status = await statusWhere(app, (s) => s.level === 'low', 'the hazard closed: back to blue');
    t.same(status.overrides, []);

    // Every change went to the history and out on the status topic, in sequence.
    const records = await eventually(async () => {
      const history = await app.aggregator.history.series(new Date(Date.now() - 60_000), new Date());
      waitFor(history.length === status.sequence, `${status.sequence} recorded changes`);
      return history;
    });
    // The two heartbeats come on two topics, maybe in two batches: safety known while environment is
    // not is a change of a domain, recorded while the zone is still unknown.
    t.same(
      collapse(records.map((p) => p.level)),
      ['unknown', 'low', 'significant', 'major', 'low'],
      'unknown → blue → orange → red → blue',
    );
    const events = await eventually(() => {
      waitFor(published.length >= status.sequence, `${status.sequence} published changes`);
      return published.map((m) => eventRegistry.parseEvent(JSON.parse(m.value)));
    });
    t.ok(
      events.every((e) => e.ok),
      'every published event is a valid ZoneRiskStatusChanged',
    );
    const changes = events.flatMap((e) =>
      e.ok && e.event.type === 'zone.risk.ZoneRiskStatusChanged.v1' ? [e.event] : [],
    );
    t.same(
      changes.map((e) => e.aggregateversion),
      records.map((_, index) => index + 1),
      'one event per recorded change, versions without a gap',
    );
    t.same(
      changes.map((e) => e.data.level),
      records.map((p) => p.level),
    );
    const orange = changes.find((e) => e.data.level === 'significant');
    const red = changes.find((e) => e.data.level === 'major');
    t.same(orange?.data.causes, [major.id], 'the orange change names the event that caused it');
    t.same(red?.data.overrides[0]?.items, [
      { domain: 'safety', aggregateType: 'hazard', aggregateId: 'hz-major' },
    ]);
    t.ok(
      published.every((m) => m.key === 'demo-zone'),
      'keyed by the zone',
    );
  },
);

/** Consecutive repeats dropped: the zone levels a viewer saw change. */
function collapse(levels: string[]): string[] {
  return levels.filter((level, index) => index === 0 || levels[index - 1] !== level);
}

t.test('a redelivered or older event changes nothing', async (t) => {
  const harness = await useAggregator(t);
  const app = await harness.start();
  const v1 = reported({ id: 'hz-1', version: 1, grade: 'major' });
  const v2 = supervisionListed({ id: 'hz-1', version: 2 });
  const v3 = planned({ id: 'hz-1', version: 3, grade: 'major', supervised: true });
  await harness.send(...liveDomains(), v1, v2, v3);
  const before = await statusWhere(
    app,
    (s) =>
      allDomainsKnown(s) &&
      s.level === 'major' &&
      s.overrides.some((o) => o.rule === 'zone.safety.major-supervised'),
    'a supervised major hazard: red',
  );

  // The same events again and an older version after a newer one, then a marker event to know
  // everything before it was consumed (one key, one partition: in order).
  const closedEarlier = accepted({ id: 'hz-1', version: 2, grade: 'major' });
  await harness.send(v1, v2, closedEarlier, v3, v1);
  const marker = reported({ id: 'hz-1', version: 4, grade: 'major', supervised: true, status: 'rectifying' });
  await harness.send(marker);
  await eventually(() => {
    const item = app.aggregator.model().items.get('safety|hazard|hz-1');
    waitFor(item?.version === 4, 'the marker applied');
  });
  const after = await getStatus(app);
  t.equal(after.sequence, before.sequence, 'no change was recorded');
  t.equal(after.level, 'major');
  t.same(after.overrides, before.overrides);
  t.same(after.domains.safety?.contributions, before.domains.safety?.contributions);
  const item = app.aggregator.model().items.get('safety|hazard|hz-1');
  t.match(item, { open: true, attributes: { supervised: true, status: 'rectifying' } });
});

t.test('poison messages go to the dead-letter topic and the events after them are applied', async (t) => {
  const harness = await useAggregator(t);
  const app = await harness.start();
  // The aggregator creates the dead-letter topic at start.
  const deadLetters = await collect(t, deadLetterTopic(harness.topics.safety));
  const broken = { ...reported({ id: 'hz-bad', version: 1 }), data: { grade: 'catastrophic' } };
  await harness.sendRaw(
    { key: 'hz-x', value: '{"not json' },
    { key: 'hz-bad', value: JSON.stringify(broken) },
  );
  await harness.send(...liveDomains(), reported({ id: 'hz-x', version: 1, grade: 'major' }));
  await statusWhere(app, (s) => s.level === 'significant', 'the good event applied after the poison');
  await eventually(() => waitFor(deadLetters.length === 2, 'two dead letters'), { timeoutMs: 30_000 });
  t.same(
    deadLetters.map((m) => m.headers['dlq-reason']).sort(),
    ['invalid-event', 'invalid-json'],
    'each with its reason',
  );
});

t.test('events of another zone are ignored; heartbeats alone keep a quiet domain fresh', async (t) => {
  const harness = await useAggregator(t);
  const app = await harness.start();
  await harness.send(reported({ id: 'hz-elsewhere', version: 1, grade: 'major', zoneid: 'other-zone' }));
  await harness.send(...liveDomains(1));
  const status = await statusWhere(app, (s) => s.level === 'low', 'the heartbeats made both domains fresh');
  t.equal(app.aggregator.model().items.size, 0, 'the other zone’s hazard was not taken');
  t.equal(status.domains.safety?.freshness.lastEventAt, null);
  t.not(status.domains.safety?.freshness.lastHeartbeatAt, null);
  t.equal(status.domains.environment?.freshness.lastEventAt, null);
  t.not(status.domains.environment?.freshness.lastHeartbeatAt, null, 'read from the environment topic');
});
