import { eventually, useTestDatabase } from '@zone-risk/testkit';
import t from 'tap';
import { commit, createMessagingMetrics, createProducer, insertNew, startRelay } from '../src/index.ts';
import { thingEvent, thingEvents } from './helpers/events.ts';
import {
  appliedInEffect,
  collect,
  logger,
  messagingKafka,
  metricValue,
  range,
  useTopicsWithDeadLetters,
  versionsByAggregate,
  waitFor,
} from './helpers/kafka.ts';
import { cuttableNetwork } from './helpers/network.ts';
import { thingModel } from './helpers/things.ts';

t.test(
  'events written while the relay cannot reach Kafka are delivered, each once in effect, when it is back',
  async (t) => {
    const db = await useTestDatabase(t, 'msg_down');
    const { events: topic } = await useTopicsWithDeadLetters(t, ['events']);
    const model = thingModel(db.connection);
    const things = model.collection;
    const received = await collect(t, topic);
    const network = await cuttableNetwork();
    const kafka = await messagingKafka('relay-down', {
      socketFactory: network.socketFactory,
      connectionTimeout: 1_000,
      retry: { retries: 1, initialRetryTime: 100, maxRetryTime: 500 },
    });
    const producer = createProducer(kafka, { retries: 1 });
    await producer.connect();
    const metrics = createMessagingMetrics();
    const relay = startRelay({
      models: [model],
      producer,
      topicFor: () => topic,
      logger,
      metrics,
      retryInitialMs: 100,
      retryMaxMs: 1_000,
    });
    t.teardown(async () => {
      network.restore();
      await relay.stop();
      await producer.disconnect();
    });

    // One aggregate published before the cut proves the path works and warms the producer.
    await insertNew(model, { _id: 'before' }, [thingEvent('before', 1)]);
    relay.nudge();
    await eventually(() => waitFor(received.length === 1, 'the event sent before the cut'), {
      timeoutMs: 20_000,
    });

    network.cut();
    const ids = ['t1', 't2', 't3', 't4', 't5'];
    for (const id of ids) {
      await insertNew(model, { _id: id, step: 1 }, [thingEvent(id, 1)]);
      relay.nudge();
      await commit(model, { id, expectedVersion: 1, set: { step: 2 }, events: thingEvents(id, 2, 4) });
      relay.nudge();
    }
    // The writes need the store only: each one landed, state and events, with Kafka unreachable.
    const written = await things.find({ _id: { $in: ids as never[] } }).toArray();
    t.same(
      written.map((doc) => [doc._id, doc.step, doc._version]).sort(),
      ids.map((id) => [id, 2, 4]),
      'every write was stored while the network was cut',
    );

    const labels = { collection: 'things' };
    await eventually(
      async () => waitFor((await metricValue(metrics.outboxPublishErrors, labels)) > 0, 'a failed publish'),
      {
        timeoutMs: 30_000,
      },
    );
    await eventually(
      async () =>
        waitFor(
          (await metricValue(metrics.outboxPendingDocuments, labels)) === ids.length,
          'the backlog gauge',
        ),
      { timeoutMs: 30_000 },
    );
    t.ok(network.refused > 0, 'the relay really tried to reconnect');
    t.equal(received.length, 1, 'nothing got through while the network was cut');
    const pending = await things.countDocuments({ _outboxPending: true });
    t.equal(pending, ids.length, 'every written aggregate is waiting in the store');

    network.restore();
    await eventually(
      async () =>
        waitFor((await things.countDocuments({ _outboxPending: true })) === 0, 'the outbox to drain'),
      { timeoutMs: 60_000 },
    );
    await eventually(
      () =>
        waitFor(
          new Set(received.map((m) => JSON.parse(m.value).id)).size === 1 + ids.length * 4,
          'every event',
        ),
      { timeoutMs: 20_000 },
    );
    const byAggregate = versionsByAggregate(received);
    for (const id of ids) {
      const versions = byAggregate.get(id) ?? [];
      t.same(
        appliedInEffect(versions),
        range(1, 4),
        `${id}: every version once, in order, for a deduplicating consumer`,
      );
      t.ok(
        versions.every((v) => v >= 1 && v <= 4),
        `${id}: only its own events (delivered ${versions.join(',')})`,
      );
    }
    await eventually(async () =>
      waitFor((await metricValue(metrics.outboxPendingDocuments, labels)) === 0, 'the gauge at 0'),
    );
    t.ok((await metricValue(metrics.outboxPublished, labels)) >= 21, 'the published counter counts them');
  },
);
