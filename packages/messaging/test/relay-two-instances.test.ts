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
  flushed,
  logger,
  messagingKafka,
  metricValue,
  published,
  range,
  useTopicsWithDeadLetters,
  versionsByAggregate,
  waitFor,
} from './helpers/kafka.ts';
import { thingModel } from './helpers/things.ts';

const AGGREGATES = 12;
const EVENTS = 8;

t.test('two relays on one collection deliver every event and keep each aggregate in order', async (t) => {
  const db = await useTestDatabase(t, 'msg_two');
  const { events: topic } = await useTopicsWithDeadLetters(t, ['events']);
  const model = thingModel(db.connection);
  const things = model.collection;
  const received = await collect(t, topic);

  const relays: Relay[] = [];
  const metrics = [createMessagingMetrics(), createMessagingMetrics()];
  for (const [index, ownMetrics] of metrics.entries()) {
    const kafka = await messagingKafka(`relay-${index}`);
    const producer = createProducer(kafka);
    await producer.connect();
    // Small batches and a fast poll make the two compete for the same documents all the time.
    const relay = startRelay({
      models: [model],
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
      await insertNew(model, { _id: id }, [thingEvent(id, 1)]);
      relays[index % 2]?.nudge();
      for (let version = 2; version <= EVENTS; version++) {
        await commit(model, {
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
  // A second delivery would have been acknowledged before the trim, so before the markers.
  await flushed(topic, received);

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
    const model = thingModel(db.connection);
    const things = model.collection;
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
    const relayA = startRelay({ models: [model], producer: gated, topicFor: () => topic, logger });
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

    await insertNew(model, { _id: 'held' }, thingEvents('held', 1, 2));
    relayA.nudge();
    await eventually(async () => {
      const doc = await things.findOne({ _id: 'held' as never });
      waitFor(doc?._outboxLease?.owner === relayA.owner, 'relay A to lease the aggregate');
    });

    relayB = startRelay({
      models: [model],
      producer: producerB,
      topicFor: () => topic,
      logger,
      pollIntervalMs: 20,
    });
    await commit(model, { id: 'held', expectedVersion: 2, events: [thingEvent('held', 3)] });
    // The marker: an aggregate nobody holds, written after the commit. Relay B publishing it means
    // B has looked at the pending documents since; whatever it published before is in by the flush.
    await insertNew(model, { _id: 'free' }, [thingEvent('free', 1)]);
    relayB.nudge();
    await eventually(
      () =>
        waitFor(
          published(received).some((m) => m.key === 'free'),
          'relay B to publish "free"',
        ),
      {
        timeoutMs: 20_000,
      },
    );
    await flushed(topic, received);
    t.same(
      published(received).map((m) => m.key),
      ['free'],
      'relay B published nothing of the leased aggregate',
    );

    openGate();
    await eventually(
      async () =>
        waitFor((await things.countDocuments({ _outboxPending: true })) === 0, 'the outbox to drain'),
      { timeoutMs: 20_000 },
    );
    await flushed(topic, received);
    t.same(
      versionsByAggregate(received).get('held'),
      [1, 2, 3],
      'A published 1-2, trimmed only those, then 3 followed',
    );
  },
);
