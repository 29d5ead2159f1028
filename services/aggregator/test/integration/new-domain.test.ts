// A domain joins without a release: debt events, of a type this build has no contract for, on a
// debt topic the aggregator consumes — skipped while the policy does not list debt, taken once
// PUT /policy does. Through the real Kafka and store.
import { eventRegistry } from '@zone-risk/contracts';
import type { App } from '@zone-risk/platform';
import { eventually, testKafka } from '@zone-risk/testkit';
import type { Test } from 'tap';
import t from 'tap';
import type { RebuildProgress } from '../../src/engine/progress.ts';
import { admin, type Harness, useAggregator } from '../helpers/app.ts';
import {
  type DebtTopic,
  debtMarker,
  instrumentChanged,
  putPolicyWithDebt,
  skippedEvents,
  useDebtTopic,
} from '../helpers/debt.ts';
import { collect, waitFor } from '../helpers/kafka.ts';
import { liveDomains } from '../helpers/rectification.ts';
import { essence, getStatus, statusWhere } from '../helpers/status.ts';

interface Setup {
  harness: Harness;
  debt: DebtTopic;
  start(): Promise<App>;
}

/** The aggregator harness plus a debt topic, named in AGGREGATOR_TOPICS as an operator would. */
async function setup(t: Test): Promise<Setup> {
  const debt = await useDebtTopic(t);
  const harness = await useAggregator(t);
  const topics = [...harness.domainTopics, debt.topic].join(',');
  return { harness, debt, start: () => harness.start({ AGGREGATOR_TOPICS: topics }) };
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

function debtItems(app: App) {
  return [...app.aggregator.model().items.values()].filter((item) => item.domain === 'debt');
}

t.test(
  'an event of a type without a contract, of a domain the policy does not list, is skipped and counted: not applied, not dead-lettered',
  async (t) => {
    const { harness, debt, start } = await setup(t);
    const app = await start();
    await harness.send(...liveDomains());
    const before = await statusWhere(app, (s) => s.level === 'low', 'every domain alive: blue');

    await debt.send(instrumentChanged({ id: 'di-1', version: 1, debtRatioBp: 250 }));
    await debtMarker(app, debt, 1);

    const after = await getStatus(app);
    t.notOk('debt' in after.domains, 'the status has no debt domain');
    t.equal(after.level, 'low');
    t.equal(after.sequence, before.sequence, 'no change was recorded');
    t.same(debtItems(app), [], 'no debt item in the read model');
    t.equal(app.aggregator.model().freshness.get('debt')?.lastEventAt, null, 'not even as activity');
    t.equal(await messagesIn(debt.deadLetters), 0, 'nothing on the dead-letter topic');
    await eventually(async () => waitFor((await skippedEvents(app, 'debt')) === 1, 'one skipped debt event'));
  },
);

t.test(
  'once PUT /policy lists the domain, its events move the domain and the zone, up and down; the event skipped before stays skipped',
  async (t) => {
    const { harness, debt, start } = await setup(t);
    const published = await collect(t, harness.topics.status);
    const app = await start();
    await harness.send(...liveDomains());
    await statusWhere(app, (s) => s.level === 'low', 'every domain alive: blue');
    await debt.send(instrumentChanged({ id: 'di-early', version: 1, debtRatioBp: 900 }));
    await debtMarker(app, debt, 1);

    const put = await putPolicyWithDebt(app);
    t.equal(put.statusCode, 200);
    const answer = put.json();
    t.match(answer.policy, { version: 2, domains: { debt: { items: { 'debt-instrument': {} } } } });
    t.match(answer.status.domains.debt, {
      level: 'low',
      freshness: { lastEventAt: null },
      contributions: [{ rule: 'debt.ratio', value: null, level: null }],
    });
    t.equal(answer.status.level, 'low', 'the skipped red instrument was not taken');

    const high = instrumentChanged({ id: 'di-1', version: 1, debtRatioBp: 250 });
    await debt.send(high);
    let status = await statusWhere(app, (s) => s.domains.debt?.level === 'significant', 'debt orange');
    t.equal(status.level, 'significant', 'the zone is the worst domain: debt');
    t.match(status.domains.debt?.contributions, [
      {
        rule: 'debt.ratio',
        value: 250,
        level: 'significant',
        items: [{ domain: 'debt', aggregateType: 'debt-instrument', aggregateId: 'di-1' }],
      },
    ]);
    t.match(debtItems(app), [{ id: 'di-1', open: true, attributes: { debtRatioBp: 250, status: 'active' } }]);
    const orange = await app.aggregator.history.get(status.sequence);
    t.match(orange, {
      trigger: 'events',
      causes: [
        { id: high.id, type: 'zone.debt.DebtInstrumentChanged.v1', domain: 'debt', aggregateId: 'di-1' },
      ],
      status: { level: 'significant' },
    });

    const lower = instrumentChanged({ id: 'di-1', version: 2, debtRatioBp: 150 });
    await debt.send(lower);
    status = await statusWhere(app, (s) => s.domains.debt?.level === 'general', 'debt yellow');
    t.equal(status.level, 'general', 'the zone follows it down');
    t.same(
      debtItems(app).map((item) => item.key),
      ['debt|debt-instrument|di-1'],
      'the instrument skipped before the policy listed debt is still not held',
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
      'ZoneRiskStatusChanged to orange names the debt event',
    );
    t.same(changes.at(-1)?.data.causes, [lower.id]);
    t.match(changes.at(-1)?.data.domains, { debt: { level: 'general' } });
  },
);

t.test('a restart from the snapshot keeps the debt domain’s level and the zone level', async (t) => {
  const { harness, debt, start } = await setup(t);
  const first = await start();
  await harness.send(...liveDomains());
  await statusWhere(first, (s) => s.level === 'low', 'every domain alive: blue');
  t.equal((await putPolicyWithDebt(first)).statusCode, 200);
  await debt.send(instrumentChanged({ id: 'di-1', version: 1, debtRatioBp: 250 }));
  const settled = await statusWhere(first, (s) => s.level === 'significant', 'debt orange, and the zone');
  await first.close();

  const second = await start();
  const after = await getStatus(second);
  t.equal(after.catchingUp, false, 'the snapshot was taken at shutdown');
  t.equal(after.policyVersion, '2', 'with the policy that lists debt');
  t.equal(after.domains.debt?.level, 'significant');
  t.equal(after.level, 'significant');
  t.same(essence(after), essence(settled), 'the same status, contributions included');
  t.equal(after.sequence, settled.sequence, 'no change recorded by the restart');

  // And the domain keeps moving after it.
  await debt.send(instrumentChanged({ id: 'di-1', version: 2, debtRatioBp: 50 }));
  const lowered = await statusWhere(second, (s) => s.domains.debt?.level === 'low', 'debt back to blue');
  t.equal(lowered.level, 'low');
});

t.test('POST /admin/rebuild takes the events of a domain skipped before the policy listed it', async (t) => {
  const { harness, debt, start } = await setup(t);
  const app = await start();
  await harness.send(...liveDomains());
  await statusWhere(app, (s) => s.level === 'low', 'every domain alive: blue');
  await debt.send(instrumentChanged({ id: 'di-early', version: 1, debtRatioBp: 320 }));
  await debtMarker(app, debt, 1);
  t.equal((await putPolicyWithDebt(app)).statusCode, 200);
  t.same(debtItems(app), [], 'listing the domain does not reach back');

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
  const status = await statusWhere(app, (s) => s.domains.debt?.level === 'major', 'debt red from the replay');
  t.equal(status.level, 'major');
  t.match(debtItems(app), [{ id: 'di-early', attributes: { debtRatioBp: 320 } }]);
});

t.test('a malformed envelope of a listed domain still goes to the dead-letter topic', async (t) => {
  const { harness, debt, start } = await setup(t);
  const app = await start();
  const deadLetters = await collect(t, debt.deadLetters);
  await harness.send(...liveDomains());
  await statusWhere(app, (s) => s.level === 'low', 'every domain alive: blue');
  t.equal((await putPolicyWithDebt(app)).statusCode, 200);

  const { id: _id, ...noId } = instrumentChanged({ id: 'di-no-id', version: 1, debtRatioBp: 900 });
  const { aggregateversion: _v, ...noVersion } = instrumentChanged({
    id: 'di-no-version',
    version: 1,
    debtRatioBp: 900,
  });
  await debt.sendRaw(
    { key: 'di-no-id', value: JSON.stringify(noId) },
    { key: 'di-no-version', value: JSON.stringify(noVersion) },
    { key: 'di-json', value: '{"type":"zone.debt.DebtInstrumentChanged.v1",' },
  );
  await debtMarker(app, debt, 1);

  await eventually(() => waitFor(deadLetters.length === 3, 'three dead letters'), { timeoutMs: 30_000 });
  const byKey = new Map(deadLetters.map((m) => [m.key, m.headers]));
  t.match(byKey.get('di-no-id'), { 'dlq-reason': 'invalid-event', 'dlq-error': /^id: / });
  t.match(byKey.get('di-no-version'), { 'dlq-reason': 'invalid-event', 'dlq-error': /aggregateversion/ });
  t.match(byKey.get('di-json'), { 'dlq-reason': 'invalid-json' });
  t.same(debtItems(app), [], 'none of them applied');
  const status = await statusWhere(app, (s) => s.domains.debt?.level === 'low', 'debt alive (the marker)');
  t.match(status.domains.debt?.contributions, [{ rule: 'debt.ratio', value: null }], 'no ratio taken');
  t.equal(await skippedEvents(app, 'debt'), 0, 'poison is not counted as skipped');
});
