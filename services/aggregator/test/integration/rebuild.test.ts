import type { Envelope } from '@zone-risk/contracts';
import { createKafka } from '@zone-risk/messaging';
import { eventually, infra } from '@zone-risk/testkit';
import { pino } from 'pino';
import t from 'tap';
import { GroupActiveError, rebuildOffline } from '../../src/engine/offline-rebuild.ts';
import type { RebuildProgress } from '../../src/engine/progress.ts';
import { admin, as, type Harness, useAggregator } from '../helpers/app.ts';
import {
  businessRegisteredEvent,
  caseClosed,
  caseOpened,
  caseOverdue,
  checkOverdue,
  sampleRecordedEvent,
} from '../helpers/food-drug.ts';
import { accepted, becameOverdue, planned, reported, supervisionListed } from '../helpers/hazards.ts';
import { drained, waitFor } from '../helpers/kafka.ts';
import {
  DISPUTE_EVENT_TYPE,
  disputeChanged,
  putPolicyWithStability,
  skippedEvents,
  stabilityMarker,
  useStabilityTopic,
} from '../helpers/new-domain.ts';
import { itemAccepted, itemOverdue, liveDomains, registered } from '../helpers/rectification.ts';
import { allDomainsKnown, essence, getStatus, statusWhere } from '../helpers/status.ts';

async function sendWorkload(harness: Harness, count: number): Promise<void> {
  const events: Envelope[] = [...liveDomains()];
  for (let i = 0; i < count; i++) {
    const base = {
      id: `hz-${i}`,
      grade: i % 11 === 0 ? ('major' as const) : ('general' as const),
      enterprise: (i % 6) + 1,
    };
    events.push(reported({ ...base, version: 1 }));
    if (i % 2 === 0) events.push(planned({ ...base, version: 2 }));
    if (i % 5 === 0) events.push(becameOverdue({ ...base, version: 3 }));
    if (i % 8 === 0) events.push(accepted({ ...base, version: 4 }));
  }
  events.push(supervisionListed({ id: 'hz-11', version: 5 }));
  // Environment items on their own topic: the rebuild must replay both topics to the same end.
  for (let i = 0; i < Math.ceil(count / 4); i++) {
    const item = {
      id: `env-${i}`,
      source: i % 7 === 0 ? ('central-inspection' as const) : ('self-found' as const),
      enterprise: (i % 6) + 1,
    };
    events.push(registered({ ...item, version: 1 }));
    if (i % 3 === 0) events.push(itemOverdue({ ...item, version: 2 }));
    if (i % 4 === 0) events.push(itemAccepted({ ...item, version: 3 }));
  }
  // Food-drug on a third topic: cases, businesses and samples, a time-windowed rule among them.
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  for (let i = 0; i < Math.ceil(count / 6); i++) {
    const business = { enterprise: (i % 6) + 1, categories: i % 5 === 0 ? ['school-canteen' as const] : [] };
    events.push(caseOpened({ id: `case-${i}`, version: 1, ...business }));
    if (i % 3 === 0) events.push(caseOverdue({ id: `case-${i}`, version: 2, ...business }));
    if (i % 4 === 0) events.push(caseClosed({ id: `case-${i}`, version: 3, ...business }));
    events.push(
      sampleRecordedEvent({
        id: `smp-${i}`,
        sampledOn: i % 2 === 0 ? today : '2020-01-01',
        verdict: i % 3 === 0 ? 'qualified' : 'unqualified',
        enterprise: (i % 6) + 1,
      }),
    );
  }
  for (let e = 1; e <= 6; e++) {
    events.push(businessRegisteredEvent({ enterprise: e, version: 1, grade: e % 2 === 0 ? 'D' : 'B' }));
  }
  events.push(checkOverdue({ enterprise: 2, version: 2, grade: 'D' }));
  await harness.send(...events);
}

function itemsOf(app: Awaited<ReturnType<Harness['start']>>) {
  return [...app.aggregator.model().items.values()]
    .map((item) => ({ key: item.key, version: item.version, open: item.open, attributes: item.attributes }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

t.test('POST /admin/rebuild rebuilds the model from the topics and ends at the live status', async (t) => {
  const harness = await useAggregator(t);
  const app = await harness.start();
  await sendWorkload(harness, 120);
  await statusWhere(app, (s) => allDomainsKnown(s) && s.level === 'major', 'red: a supervised major hazard');
  await drained(app, harness.topics.safety);
  await drained(app, harness.topics.environment);
  await drained(app, harness.topics.foodDrug);
  const live = await getStatus(app);
  const liveItems = itemsOf(app);

  const forbidden = await app.inject({
    method: 'POST',
    url: '/admin/rebuild',
    headers: await as(['risk-office']),
  });
  t.equal(forbidden.statusCode, 403, 'admin only');

  const started = await app.inject({ method: 'POST', url: '/admin/rebuild', headers: await admin() });
  t.equal(started.statusCode, 202);
  t.equal(started.headers.location, '/admin/rebuild');
  const progress = started.json() as RebuildProgress;
  t.ok(progress.total >= 120, 'it names how many events it will read');

  // The recorded status keeps being served while the model is rebuilt.
  const during = await getStatus(app);
  t.equal(during.level, live.level);

  const finished = await eventually(
    async () => {
      const res = await app.inject({ method: 'GET', url: '/admin/rebuild', headers: await admin() });
      const body = res.json() as RebuildProgress;
      waitFor(body.state === 'finished', `the rebuild to finish (${body.percent} %)`);
      return body;
    },
    { timeoutMs: 60_000 },
  );
  t.equal(finished.done, finished.total);
  t.equal(finished.percent, 100);

  const rebuilt = await getStatus(app);
  t.same(essence(rebuilt), essence(live), 'the rebuilt model gives the live status');
  t.equal(rebuilt.sequence, live.sequence, 'so no change was recorded');
  t.same(itemsOf(app), liveItems, 'and holds the same items');

  // It is live again afterwards.
  await harness.send(accepted({ id: 'hz-11', version: 6, grade: 'major' }));
  await statusWhere(
    app,
    (s) => !s.overrides.some((o) => o.rule === 'zone.safety.major-supervised'),
    'the next event applied after the rebuild',
  );
});

t.test(
  'the offline rebuild (pnpm aggregator:rebuild) writes the snapshot the service restarts from',
  async (t) => {
    const harness = await useAggregator(t);
    const first = await harness.start();
    await sendWorkload(harness, 60);
    await statusWhere(first, (s) => allDomainsKnown(s) && s.level === 'major', 'red');
    await drained(first, harness.topics.safety);
    await drained(first, harness.topics.environment);
    await drained(first, harness.topics.foodDrug);
    const live = await getStatus(first);
    const liveItems = itemsOf(first);
    const { kafkaBrokers } = await infra();
    const kafka = createKafka({ clientId: 'rebuild-test', brokers: kafkaBrokers });
    const logger = pino({ level: 'silent' });

    await t.rejects(
      rebuildOffline({ config: harness.config, store: harness.store, kafka, logger }),
      GroupActiveError,
      'refused while the service consumes',
    );
    await first.close();

    const result = await rebuildOffline({ config: harness.config, store: harness.store, kafka, logger });
    t.equal(result.items, liveItems.length);
    t.equal(result.skipped, 0);

    const second = await harness.start();
    const after = await getStatus(second);
    t.same(essence(after), essence(live), 'the service restarts at the live status');
    t.equal(after.sequence, live.sequence);
    t.same(itemsOf(second), liveItems);
  },
);

t.test(
  'the offline rebuild reads and admits events like the live consumer: a type without a contract is taken when the policy lists its domain, skipped and counted when it does not, ignored for another zone',
  async (t) => {
    const stability = await useStabilityTopic(t);
    const harness = await useAggregator(t);
    const topics = [...harness.domainTopics, stability.topic];
    const env = { AGGREGATOR_TOPICS: topics.join(',') };
    const stabilityItems = (app: Awaited<ReturnType<Harness['start']>>) =>
      itemsOf(app).filter((item) => item.key.startsWith('stability|'));
    const first = await harness.start(env);
    await harness.send(...liveDomains());
    await statusWhere(first, (s) => s.level === 'low', 'every domain alive: blue');

    // Before the policy lists stability: a dispute of ours, one of another zone, and a type of a
    // domain no policy here lists.
    const early = disputeChanged({ id: 'dp-early', version: 1, involved: 60 });
    const elsewhere = disputeChanged({
      id: 'dp-elsewhere',
      version: 1,
      involved: 90,
      zoneid: 'other-zone',
    });
    const pension = {
      ...disputeChanged({ id: 'pf-1', version: 1, involved: 1 }),
      type: DISPUTE_EVENT_TYPE.replace('.stability.', '.pension.'),
    };
    await stability.send(elsewhere, early, pension);
    await stabilityMarker(first, stability, 1);
    await first.aggregator.idle(); // the batch's evaluation, which counts what it skipped
    t.equal(
      await skippedEvents(first, 'stability'),
      1,
      'live: our stability event skipped, the other zone’s not counted',
    );
    t.equal(await skippedEvents(first, 'pension'), 1);
    t.equal((await putPolicyWithStability(first)).statusCode, 200);
    await stability.send(disputeChanged({ id: 'dp-1', version: 1, involved: 8 }));
    await statusWhere(
      first,
      (s) => s.domains.stability?.level === 'general',
      'live: dp-1 taken, stability yellow',
    );
    t.same(
      stabilityItems(first).map((item) => item.key),
      ['stability|dispute|dp-1'],
      'live, the dispute sent before the policy listed stability is not held',
    );
    await first.close();

    const { kafkaBrokers } = await infra();
    const kafka = createKafka({ clientId: 'rebuild-test', brokers: kafkaBrokers });
    const result = await rebuildOffline({
      config: { ...harness.config, AGGREGATOR_TOPICS: topics },
      store: harness.store,
      kafka,
      logger: pino({ level: 'silent' }),
    });
    t.same(
      result.unlisted,
      { pension: 1 },
      'a domain the stored policy does not list is skipped and counted',
    );
    t.equal(result.invalid, 0);
    t.equal(result.skipped, 1, 'the other zone’s event is not counted as skipped');

    const second = await harness.start(env);
    const after = await statusWhere(
      second,
      (s) => s.domains.stability?.level === 'major',
      'stability red: dp-early, skipped live, is in the rebuilt snapshot',
    );
    t.equal(after.level, 'major');
    t.match(stabilityItems(second), [
      { key: 'stability|dispute|dp-1', attributes: { involved: 8 } },
      { key: 'stability|dispute|dp-early', attributes: { involved: 60 } },
    ]);
    t.equal(stabilityItems(second).length, 2, 'nothing of the other zone');
    t.equal(await skippedEvents(second, 'stability'), 0, 'the restarted service skips nothing');
  },
);
