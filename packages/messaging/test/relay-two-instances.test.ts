import { eventually, useTestDatabase } from '@zone-risk/testkit';
import type { Producer } from 'kafkajs';
import t from 'tap';
import {
  commit,
  createMessagingMetrics,
  createProducer,
  insertNew,
  type Relay,
  startRelay,
} from '../src/index.ts';
import { thingEvent, thingEvents } from './helpers/events.ts';
import {
  collect,
  logger,
  messagingKafka,
  metricValue,
  nativeCollection,
  range,
  useTopicsWithDeadLetters,
  versionsByAggregate,
  waitFor,
} from './helpers/kafka.ts';

const AGGREGATES = 12;
const EVENTS = 8;

t.test('two relays on one collection deliver every event and keep each aggregate in order', async (t) => {
  const db = await useTestDatabase(t, 'msg_two');
  const { events: topic } = await useTopicsWithDeadLetters(t, ['events']);
  const things = nativeCollection(db.connection, 'things');
  const received = await collect(t, topic);

  const relays: Relay[] = [];
  const metrics = [createMessagingMetrics(), createMessagingMetrics()];
  for (const [index, ownMetrics] of metrics.entries()) {
    const kafka = await messagingKafka(`relay-${index}`);
    const producer = createProducer(kafka);
    await producer.connect();
    // Small batches and a fast poll make the two compete for the same documents all the time.
    const relay = startRelay({
      collections: [things],
      producer,
      topicFor: () => topic,
      logger,
      metrics: ownMetrics,
      batchSize: 3,
      pollIntervalMs: 20,
    });
    relays.push(relay);
    t.teardown(async () => {
      await relay.stop();
      await producer.disconnect();
    });
  }

  // Writers keep appending while both relays publish: every aggregate gets its events one commit
  // at a time, all aggregates in parallel.
  const ids = range(1, AGGREGATES).map((i) => `thing-${i}`);
  await Promise.all(
    ids.map(async (id, index) => {
      await insertNew(things, { _id: id }, [thingEvent(id, 1)]);
      relays[index % 2]?.nudge();
      for (let version = 2; version <= EVENTS; version++) {
        await commit(things, {
          id,
          expectedVersion: version - 1,
          set: { step: version },
          events: [thingEvent(id, version)],
        });
        relays[(index + version) % 2]?.nudge();
      }
    }),
  );

  await eventually(
    async () => waitFor((await things.countDocuments({ _outboxPending: true })) === 0, 'the outbox to drain'),
    { timeoutMs: 60_000 },
  );
  await eventually(() => waitFor(received.length >= AGGREGATES * EVENTS, 'every event'), {
    timeoutMs: 20_000,
  });
  await new Promise((resolve) => setTimeout(resolve, 300));

  const byAggregate = versionsByAggregate(received);
  for (const id of ids) {
    t.same(byAggregate.get(id), range(1, EVENTS), `${id}: every event exactly once, in version order`);
  }
  const published = await Promise.all(metrics.map((m) => metricValue(m.outboxPublished)));
  t.equal(
    published.reduce((a, b) => a + b, 0),
    AGGREGATES * EVENTS,
    'together they published each event once',
  );
  t.ok(
    published.every((count) => count > 0),
    `both relays took part (${published.join(' + ')})`,
  );
});

t.test(
  'while one relay holds an aggregate, the other leaves it alone, and events appended meanwhile follow in order',
  async (t) => {
    const db = await useTestDatabase(t, 'msg_two');
    const { events: topic } = await useTopicsWithDeadLetters(t, ['events']);
    const things = nativeCollection(db.connection, 'things');
    const received = await collect(t, topic);

    // Relay A's sends wait at a gate: it holds the lease, mid-publish, as long as the test wants.
    const kafkaA = await messagingKafka('relay-gated');
    const producerA = createProducer(kafkaA);
    await producerA.connect();
    let openGate: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      openGate = resolve;
    });
    const gated: Producer = {
      ...producerA,
      async sendBatch(batch) {
        await gate;
        return producerA.sendBatch(batch);
      },
    };
    const relayA = startRelay({ collections: [things], producer: gated, topicFor: () => topic, logger });
    const kafkaB = await messagingKafka('relay-free');
    const producerB = createProducer(kafkaB);
    await producerB.connect();
    let relayB: Relay | undefined;
    t.teardown(async () => {
      openGate();
      await relayA.stop();
      await relayB?.stop();
      await producerA.disconnect();
      await producerB.disconnect();
    });

    await insertNew(things, { _id: 'held' }, thingEvents('held', 1, 2));
    relayA.nudge();
    await eventually(async () => {
      const doc = await things.findOne({ _id: 'held' as never });
      waitFor(doc?._outboxLease?.owner === relayA.owner, 'relay A to lease the aggregate');
    });

    relayB = startRelay({
      collections: [things],
      producer: producerB,
      topicFor: () => topic,
      logger,
      pollIntervalMs: 20,
    });
    await commit(things, { id: 'held', expectedVersion: 2, events: [thingEvent('held', 3)] });
    relayB.nudge();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    t.equal(received.length, 0, 'relay B published nothing of the leased aggregate');

    openGate();
    await eventually(
      async () =>
        waitFor((await things.countDocuments({ _outboxPending: true })) === 0, 'the outbox to drain'),
      { timeoutMs: 20_000 },
    );
    await eventually(() => waitFor(received.length >= 3, 'three events'), { timeoutMs: 20_000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    t.same(
      versionsByAggregate(received).get('held'),
      [1, 2, 3],
      'A published 1-2, trimmed only those, then 3 followed',
    );
  },
);
