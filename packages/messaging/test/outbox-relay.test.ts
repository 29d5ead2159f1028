import { eventually, useTestDatabase } from '@zone-risk/testkit';
import t, { type Test } from 'tap';
import {
  AggregateNotFoundError,
  commit,
  createMessagingMetrics,
  createProducer,
  insertNew,
  OutboxConflictError,
  type OutboxModel,
  pendingEvents,
  startRelay,
} from '../src/index.ts';
import { thingEvent, thingEvents } from './helpers/events.ts';
import {
  collect,
  flushed,
  logger,
  messagingKafka,
  published,
  type Received,
  useTopicsWithDeadLetters,
  waitFor,
} from './helpers/kafka.ts';
import { recordModel, thingModel } from './helpers/things.ts';

t.test(
  'when a state change is committed, its events reach Kafka in order, keyed by the aggregate, and the outbox is emptied',
  async (t) => {
    const db = await useTestDatabase(t, 'msg_outbox');
    const { events: topic } = await useTopicsWithDeadLetters(t, ['events']);
    const model = thingModel(db.connection);
    const things = model.collection;
    const received = await collect(t, topic);

    await insertNew(model, { _id: 'thing-a', status: 'reported' }, [thingEvent('thing-a', 1)]);
    await commit(model, {
      id: 'thing-a',
      expectedVersion: 1,
      set: { status: 'rectifying' },
      push: { history: { $each: ['rectifying'] } },
      events: thingEvents('thing-a', 2, 3),
    });
    await insertNew(model, { _id: 'thing-b', status: 'reported' }, [thingEvent('thing-b', 1)]);
    const stored = await things.findOne({ _id: 'thing-a' as never });
    t.equal(stored?._version, 3, 'the version counts the events');
    t.same(
      stored ? pendingEvents(stored).map((e) => e.aggregateversion) : [],
      [1, 2, 3],
      'the events wait in the document, in order',
    );
    t.equal(stored?._outboxPending, true);

    const kafka = await messagingKafka('outbox-relay');
    const producer = createProducer(kafka);
    await producer.connect();
    const relay = startRelay({
      models: [model],
      producer,
      topicFor: () => topic,
      logger,
      metrics: createMessagingMetrics(),
    });
    t.teardown(async () => {
      await relay.stop();
      await producer.disconnect();
    });
    relay.nudge();

    await eventually(async () => {
      const docs = await things.find({}).toArray();
      for (const doc of docs) {
        if (
          pendingEvents(doc).length !== 0 ||
          doc._outboxPending !== false ||
          doc._outboxLease !== undefined
        ) {
          throw new Error(`outbox of ${doc._id} not emptied yet`);
        }
      }
    });
    // Anything published twice would have gone out before the trim, so before the markers.
    await flushed(topic, received);
    const events = published(received);
    t.equal(events.length, 4, 'four events, each once');
    const ofA = events.filter((m) => m.key === 'thing-a');
    t.same(
      ofA.map((m) => JSON.parse(m.value).aggregateversion),
      [1, 2, 3],
      "thing-a's events arrive once each, in version order",
    );
    t.equal(new Set(ofA.map((m) => m.partition)).size, 1, 'all on one partition');
    t.same(
      events.filter((m) => m.key === 'thing-b').map((m) => JSON.parse(m.value).aggregateversion),
      [1],
    );
    const first = ofA[0];
    t.equal(first?.headers.ce_type, 'zone.test.ThingChanged.v1');
    t.equal(first?.headers.ce_id, JSON.parse(first?.value ?? '{}').id);
    t.equal(first?.headers['content-type'], 'application/json');

    const after = await things.findOne({ _id: 'thing-a' as never });
    t.equal(after?.status, 'rectifying', 'the state change is stored');
    t.same(after?.history, ['rectifying']);
    t.equal(after?._version, 3, 'publishing does not change the version');
  },
);

t.test('a commit with a stale expected version writes neither the state nor its events', async (t) => {
  const db = await useTestDatabase(t, 'msg_outbox');
  const model = thingModel(db.connection);
  const things = model.collection;
  await insertNew(model, { _id: 'thing-c', status: 'reported' }, [thingEvent('thing-c', 1)]);
  await commit(model, {
    id: 'thing-c',
    expectedVersion: 1,
    set: { status: 'rectifying' },
    events: [thingEvent('thing-c', 2)],
  });

  const stale = thingEvent('thing-c', 2, 'stale');
  const error = await commit(model, {
    id: 'thing-c',
    expectedVersion: 1,
    set: { status: 'closed' },
    events: [stale],
  }).catch((e: unknown) => e);
  t.type(error, OutboxConflictError);
  t.match(error, { statusCode: 409, aggregateId: 'thing-c', expectedVersion: 1, actualVersion: 2 });

  const doc = await things.findOne({ _id: 'thing-c' as never });
  t.equal(doc?.status, 'rectifying', 'state untouched');
  t.equal(doc?._version, 2, 'version untouched');
  const pending = doc ? pendingEvents(doc) : [];
  t.notOk(
    pending.some((e) => e.id === stale.id),
    'the stale event is not in the outbox',
  );
  t.equal(pending.length, 2);
});

t.test(
  'commit refuses a missing aggregate, insertNew an existing one, and both refuse mismatched events',
  async (t) => {
    const db = await useTestDatabase(t, 'msg_outbox');
    const model = thingModel(db.connection);
    const things = model.collection;
    await t.rejects(
      commit(model, { id: 'nope', expectedVersion: 1, events: [thingEvent('nope', 2)] }),
      AggregateNotFoundError,
    );
    await insertNew(model, { _id: 'thing-d' }, [thingEvent('thing-d', 1)]);
    await t.rejects(insertNew(model, { _id: 'thing-d' }, [thingEvent('thing-d', 1)]), OutboxConflictError);
    await t.rejects(
      commit(model, { id: 'thing-d', expectedVersion: 1, events: [thingEvent('thing-d', 3)] }),
      /aggregateversion 3, expected 2/,
    );
    await t.rejects(
      commit(model, { id: 'thing-d', expectedVersion: 1, events: [thingEvent('other', 2)] }),
      /belongs to other/,
    );
    await t.rejects(
      commit(model, {
        id: 'thing-d',
        expectedVersion: 1,
        set: { _version: 9 },
        events: [thingEvent('thing-d', 2)],
      }),
      /only the outbox writes _version/,
    );
    await t.rejects(commit(model, { id: 'thing-d', expectedVersion: 1, events: [] }), /at least one event/);
    const doc = await things.findOne({ _id: 'thing-d' as never });
    t.equal(doc?._version, 1, 'none of the refused writes landed');
    t.equal(doc ? pendingEvents(doc).length : 0, 1);
  },
);

/** A relay on `model` until its outbox has drained and everything published has been received. */
async function relayUntilDrained(t: Test, model: OutboxModel, topic: string, received: Received[]) {
  const producer = createProducer(await messagingKafka('outbox-drain'));
  await producer.connect();
  const relay = startRelay({ models: [model], producer, topicFor: () => topic, logger });
  t.teardown(async () => {
    await relay.stop();
    await producer.disconnect();
  });
  await eventually(
    async () =>
      waitFor((await model.collection.countDocuments({ _outboxPending: true })) === 0, 'the outbox to drain'),
    { timeoutMs: 20_000 },
  );
  await flushed(topic, received);
}

t.test('an outbox left as an array by an earlier release is still published once and cleared', async (t) => {
  const db = await useTestDatabase(t, 'msg_outbox');
  const { events: topic } = await useTopicsWithDeadLetters(t, ['events']);
  const records = recordModel(db.connection);
  const received = await collect(t, topic);
  // What the aggregator's status history wrote before its records went through insertNew.
  const event = thingEvent('zone-status', 3);
  await records.collection.insertOne({
    _id: 3 as never,
    sequence: 3,
    _version: 3,
    _outbox: [event],
    _outboxPending: true,
  });

  await relayUntilDrained(t, records, topic, received);
  t.same(
    published(received).map((m) => JSON.parse(m.value).id),
    [event.id],
    'published once',
  );
  t.equal((await records.collection.findOne({ _id: 3 as never }))?._outbox, undefined, 'and cleared');
});

t.test(
  'a record of another aggregate, with a numeric id, carries its one event at that version and is published once',
  async (t) => {
    const db = await useTestDatabase(t, 'msg_outbox');
    const { events: topic } = await useTopicsWithDeadLetters(t, ['events']);
    const records = recordModel(db.connection);
    const received = await collect(t, topic);
    // The aggregator's pattern: each status record is its own document, carrying the one event
    // that announces it, whose version continues the zone's sequence.
    const event = thingEvent('zone-status', 7);
    await insertNew(records, { _id: 7, sequence: 7 }, [event], {
      aggregateId: 'zone-status',
      fromVersion: 6,
    });
    const stored = await records.collection.findOne({ _id: 7 as never });
    t.equal(stored?._version, 7, 'the version is the event’s');
    t.same(stored ? pendingEvents(stored).map((e) => e.id) : [], [event.id]);
    await t.rejects(
      insertNew(records, { _id: 8, sequence: 8 }, [thingEvent('zone-status', 9)], {
        aggregateId: 'zone-status',
        fromVersion: 7,
      }),
      /expected 8/,
      'the event must continue the version it is said to follow',
    );
    await t.rejects(
      insertNew(records, { _id: 7, sequence: 7 }, [event], { aggregateId: 'zone-status', fromVersion: 6 }),
      OutboxConflictError,
      'a sequence taken is a conflict',
    );

    await relayUntilDrained(t, records, topic, received);
    t.same(
      published(received).map((m) => [m.key, JSON.parse(m.value).id]),
      [['zone-status', event.id]],
      'published once, keyed by the aggregate it belongs to',
    );
    const doc = await records.collection.findOne({ _id: 7 as never });
    t.equal(doc?._outbox, undefined, 'the outbox is cleared');
    t.equal(doc?.sequence, 7, 'the record itself is untouched');
  },
);
