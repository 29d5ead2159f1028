// A domain joins without a release: social stability (社会稳定) events, of a type this build has no
// contract for, on a stability topic the aggregator consumes — skipped while the policy does not
// list stability, taken once PUT /policy does. Through the real Kafka and store.
import { eventRegistry } from '@zone-risk/contracts';
import type { App } from '@zone-risk/platform';
import { eventually, testKafka } from '@zone-risk/testkit';
import type { Test } from 'tap';
import t from 'tap';
import type { RebuildProgress } from '../../src/engine/progress.ts';
import { admin, type Harness, useAggregator } from '../helpers/app.ts';
import { collect, waitFor } from '../helpers/kafka.ts';
import {
  DISPUTE_EVENT_TYPE,
  disputeChanged,
  putPolicyWithStability,
  type StabilityTopic,
  skippedEvents,
  stabilityMarker,
  useStabilityTopic,
} from '../helpers/new-domain.ts';
import { liveDomains } from '../helpers/rectification.ts';
import { essence, getStatus, statusWhere } from '../helpers/status.ts';

interface Setup {
  harness: Harness;
  stability: StabilityTopic;
  start(): Promise<App>;
}

/** The aggregator harness plus a stability topic, named in AGGREGATOR_TOPICS as an operator would. */
async function setup(t: Test): Promise<Setup> {
  const stability = await useStabilityTopic(t);
  const harness = await useAggregator(t);
  const topics = [...harness.domainTopics, stability.topic].join(',');
  return { harness, stability, start: () => harness.start({ AGGREGATOR_TOPICS: topics }) };
}

/** Messages in a topic, from the broker's offsets (the dead-letter sender awaits them before moving on). */
async function messagesIn(topic: string): Promise<number> {
  const client = (await testKafka('dlq-count')).admin();
  await client.connect();
  try {
    const offsets = await client.fetchTopicOffsets(topic);
    return offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
  } finally {
    await client.disconnect();
  }
}

function stabilityItems(app: App) {
  return [...app.aggregator.model().items.values()].filter((item) => item.domain === 'stability');
}

t.test(
  'an event of a type without a contract, of a domain the policy does not list, is skipped and counted: not applied, not dead-lettered',
  async (t) => {
    const { harness, stability, start } = await setup(t);
    const app = await start();
    await harness.send(...liveDomains());
    const before = await statusWhere(app, (s) => s.level === 'low', 'every domain alive: blue');

    await stability.send(disputeChanged({ id: 'dp-1', version: 1, involved: 25 }));
    await stabilityMarker(app, stability, 1);

    const after = await getStatus(app);
    t.notOk('stability' in after.domains, 'the status has no stability domain');
    t.equal(after.level, 'low');
    t.equal(after.sequence, before.sequence, 'no change was recorded');
    t.same(stabilityItems(app), [], 'no stability item in the read model');
    t.equal(app.aggregator.model().freshness.get('stability')?.lastEventAt, null, 'not even as activity');
    t.equal(await messagesIn(stability.deadLetters), 0, 'nothing on the dead-letter topic');
    await eventually(async () =>
      waitFor((await skippedEvents(app, 'stability')) === 1, 'one skipped stability event'),
    );
  },
);

t.test(
  'once PUT /policy lists the domain, its events move the domain and the zone, up and down; the event skipped before stays skipped',
  async (t) => {
    const { harness, stability, start } = await setup(t);
    const published = await collect(t, harness.topics.status);
    const app = await start();
    await harness.send(...liveDomains());
    await statusWhere(app, (s) => s.level === 'low', 'every domain alive: blue');
    await stability.send(disputeChanged({ id: 'dp-early', version: 1, involved: 90 }));
    await stabilityMarker(app, stability, 1);

    const put = await putPolicyWithStability(app);
    t.equal(put.statusCode, 200);
    const answer = put.json();
    t.match(answer.policy, { version: 2, domains: { stability: { items: { dispute: {} } } } });
    t.match(answer.status.domains.stability, {
      level: 'low',
      freshness: { lastEventAt: null },
      contributions: [{ rule: 'stability.involved', value: null, level: null }],
    });
    t.equal(answer.status.level, 'low', 'the skipped red dispute was not taken');

    const high = disputeChanged({ id: 'dp-1', version: 1, involved: 25 });
    await stability.send(high);
    let status = await statusWhere(
      app,
      (s) => s.domains.stability?.level === 'significant',
      'stability orange',
    );
    t.equal(status.level, 'significant', 'the zone is the worst domain: stability');
    t.match(status.domains.stability?.contributions, [
      {
        rule: 'stability.involved',
        value: 25,
        level: 'significant',
        items: [{ domain: 'stability', aggregateType: 'dispute', aggregateId: 'dp-1' }],
      },
    ]);
    t.match(stabilityItems(app), [{ id: 'dp-1', open: true, attributes: { involved: 25, status: 'open' } }]);
    const orange = await app.aggregator.history.get(status.sequence);
    t.match(orange, {
      trigger: 'events',
      causes: [{ id: high.id, type: DISPUTE_EVENT_TYPE, domain: 'stability', aggregateId: 'dp-1' }],
      status: { level: 'significant' },
    });

    const lower = disputeChanged({ id: 'dp-1', version: 2, involved: 8 });
    await stability.send(lower);
    status = await statusWhere(app, (s) => s.domains.stability?.level === 'general', 'stability yellow');
    t.equal(status.level, 'general', 'the zone follows it down');
    t.same(
      stabilityItems(app).map((item) => item.key),
      ['stability|dispute|dp-1'],
      'the dispute skipped before the policy listed stability is still not held',
    );

    const changes = await eventually(() => {
      const events = published.flatMap((m) => {
        const parsed = eventRegistry.parseEvent(JSON.parse(m.value));
        return parsed.ok && parsed.event.type === 'zone.risk.ZoneRiskStatusChanged.v1' ? [parsed.event] : [];
      });
      waitFor(events.at(-1)?.aggregateversion === status.sequence, 'the yellow change published');
      return events;
    });
    t.same(
      changes.find((e) => e.data.level === 'significant')?.data.causes,
      [high.id],
      'ZoneRiskStatusChanged to orange names the stability event',
    );
    t.same(changes.at(-1)?.data.causes, [lower.id]);
    t.match(changes.at(-1)?.data.domains, { stability: { level: 'general' } });
  },
);

t.test('a restart from the snapshot keeps the stability domain’s level and the zone level', async (t) => {
  const { harness, stability, start } = await setup(t);
  const first = await start();
  await harness.send(...liveDomains());
  await statusWhere(first, (s) => s.level === 'low', 'every domain alive: blue');
  t.equal((await putPolicyWithStability(first)).statusCode, 200);
  await stability.send(disputeChanged({ id: 'dp-1', version: 1, involved: 25 }));
  const settled = await statusWhere(
    first,
    (s) => s.level === 'significant',
    'stability orange, and the zone',
  );
  await first.close();

  const second = await start();
  const after = await getStatus(second);
  t.equal(after.catchingUp, false, 'the snapshot was taken at shutdown');
  t.equal(after.policyVersion, '2', 'with the policy that lists stability');
  t.equal(after.domains.stability?.level, 'significant');
  t.equal(after.level, 'significant');
  t.same(essence(after), essence(settled), 'the same status, contributions included');
  t.equal(after.sequence, settled.sequence, 'no change recorded by the restart');

  // And the domain keeps moving after it.
  await stability.send(disputeChanged({ id: 'dp-1', version: 2, involved: 2 }));
  const lowered = await statusWhere(
    second,
    (s) => s.domains.stability?.level === 'low',
    'stability back to blue',
  );
  t.equal(lowered.level, 'low');
});

t.test('POST /admin/rebuild takes the events of a domain skipped before the policy listed it', async (t) => {
  const { harness, stability, start } = await setup(t);
  const app = await start();
  await harness.send(...liveDomains());
  await statusWhere(app, (s) => s.level === 'low', 'every domain alive: blue');
  await stability.send(disputeChanged({ id: 'dp-early', version: 1, involved: 60 }));
  await stabilityMarker(app, stability, 1);
  t.equal((await putPolicyWithStability(app)).statusCode, 200);
  t.same(stabilityItems(app), [], 'listing the domain does not reach back');

  const started = await app.inject({ method: 'POST', url: '/admin/rebuild', headers: await admin() });
  t.equal(started.statusCode, 202);
  await eventually(
    async () => {
      const res = await app.inject({ method: 'GET', url: '/admin/rebuild', headers: await admin() });
      const body = res.json() as RebuildProgress;
      waitFor(body.state === 'finished', `the rebuild to finish (${body.percent} %)`);
    },
    { timeoutMs: 60_000 },
  );
  const status = await statusWhere(
    app,
    (s) => s.domains.stability?.level === 'major',
    'stability red from the replay',
  );
  t.equal(status.level, 'major');
  t.match(stabilityItems(app), [{ id: 'dp-early', attributes: { involved: 60 } }]);
});

t.test('a malformed envelope of a listed domain still goes to the dead-letter topic', async (t) => {
  const { harness, stability, start } = await setup(t);
  const app = await start();
  const deadLetters = await collect(t, stability.deadLetters);
  await harness.send(...liveDomains());
  await statusWhere(app, (s) => s.level === 'low', 'every domain alive: blue');
  t.equal((await putPolicyWithStability(app)).statusCode, 200);

  const { id: _id, ...noId } = disputeChanged({ id: 'dp-no-id', version: 1, involved: 90 });
  const { aggregateversion: _v, ...noVersion } = disputeChanged({
    id: 'dp-no-version',
    version: 1,
    involved: 90,
  });
  await stability.sendRaw(
    { key: 'dp-no-id', value: JSON.stringify(noId) },
    { key: 'dp-no-version', value: JSON.stringify(noVersion) },
    { key: 'dp-json', value: `{"type":"${DISPUTE_EVENT_TYPE}",` },
  );
  await stabilityMarker(app, stability, 1);

  await eventually(() => waitFor(deadLetters.length === 3, 'three dead letters'), { timeoutMs: 30_000 });
  const byKey = new Map(deadLetters.map((m) => [m.key, m.headers]));
  t.match(byKey.get('dp-no-id'), { 'dlq-reason': 'invalid-event', 'dlq-error': /^id: / });
  t.match(byKey.get('dp-no-version'), { 'dlq-reason': 'invalid-event', 'dlq-error': /aggregateversion/ });
  t.match(byKey.get('dp-json'), { 'dlq-reason': 'invalid-json' });
  t.same(stabilityItems(app), [], 'none of them applied');
  const status = await statusWhere(
    app,
    (s) => s.domains.stability?.level === 'low',
    'stability alive (the marker)',
  );
  t.match(
    status.domains.stability?.contributions,
    [{ rule: 'stability.involved', value: null }],
    'no dispute taken',
  );
  t.equal(await skippedEvents(app, 'stability'), 0, 'poison is not counted as skipped');
});
