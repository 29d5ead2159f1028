import { ManualClock } from '@zone-risk/calendar';
import t from 'tap';
import { type HarnessBuildOptions, serviceHarness, testKafka } from '../src/index.ts';

interface Config {
  topic: string;
  shift: string | undefined;
}

// A stand-in service: real topics and database, an app that only records how it was built and
// publishes one event, as a service's relay would.
class FakeApp {
  closed = false;
  readonly options: HarnessBuildOptions<Config>;
  constructor(options: HarnessBuildOptions<Config>) {
    this.options = options;
  }
  async close(): Promise<void> {
    this.closed = true;
  }
}

const harness = serviceHarness({
  name: 'kit',
  topicVariable: 'KIT_TOPIC',
  env: { KIT_SWEEP_SECONDS: '3600', KIT_SHIFT: 'service default' },
  loadConfig: (env) => ({ topic: env.KIT_TOPIC ?? '', shift: env.KIT_SHIFT }),
  build: async (options: HarnessBuildOptions<Config>) => {
    const kafka = await testKafka('kit-test');
    const admin = kafka.admin();
    await admin.connect();
    // The platform's publisher makes the dead-letter topic beside the service's own.
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic: `${options.config.topic}.dlq` }] });
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: options.config.topic,
      messages: [{ value: JSON.stringify({ type: 'zone.kit.AppStarted.v1', id: '1', aggregateid: 'a' }) }],
    });
    await producer.disconnect();
    return new FakeApp(options);
  },
});

async function topicsNow(): Promise<string[]> {
  const admin = (await testKafka('kit-test')).admin();
  await admin.connect();
  try {
    return await admin.listTopics();
  } finally {
    await admin.disconnect();
  }
}

t.test(
  'a service under test gets its own database, topic, clock and event log, and loses them at the end',
  async (t) => {
    let topic = '';
    let apps: FakeApp[] = [];
    await t.test('while the test runs', async (t) => {
      const clock = new ManualClock('2026-03-02T02:00:00Z');
      const service = await harness.startService(t, { clock, env: { KIT_SHIFT: 'test' } });
      topic = service.topic;
      t.match(topic, /^kit\.\d+\.[0-9a-f]{8}$/);
      t.match(service.env, {
        NODE_ENV: 'test',
        MONGO_DB: service.db.dbName,
        KIT_TOPIC: topic,
        KIT_SWEEP_SECONDS: '3600',
        KIT_SHIFT: 'test',
      });
      t.equal(service.clock, clock);
      t.match(service.app.options, { config: { topic, shift: 'test' }, clock, closeStore: false });
      t.equal(service.app.options.store, service.db.connection);
      t.match(await service.events.waitFor('AppStarted'), { aggregateid: 'a' });

      const restarted = await harness.appOn(t, service.env, service.db);
      t.notOk('clock' in restarted.options, 'without a clock the app keeps its own');
      apps = [service.app, restarted];
      t.notOk(apps.some((app) => app.closed));
      t.ok((await topicsNow()).includes(`${topic}.dlq`));
    });
    t.ok(
      apps.every((app) => app.closed),
      'every app is closed',
    );
    const left = await topicsNow();
    t.notOk(left.includes(topic), 'the topic is deleted');
    t.notOk(left.includes(`${topic}.dlq`), 'and its dead-letter topic');
  },
);

t.test('without a clock, the service starts on a hand-driven one at the real now', async (t) => {
  const before = Date.now();
  const service = await harness.startService(t);
  t.ok(service.clock instanceof ManualClock);
  const at = service.clock.now().getTime();
  t.ok(at >= before, 'the clock starts no earlier than the test');
  t.ok(at <= Date.now(), 'and no later than now');
  t.equal(service.env.KIT_SHIFT, 'service default');
});
