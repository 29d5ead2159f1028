import { eventually, useTestDatabase } from '@zone-risk/testkit';
import t from 'tap';
import {
  AggregateNotFoundError,
  commit,
  createMessagingMetrics,
  createProducer,
  insertNew,
  OutboxConflictError,
  pendingEvents,
  startRelay,
} from '../src/index.ts';
import { thingEvent, thingEvents } from './helpers/events.ts';
import {
  collect,
  logger,
  messagingKafka,
  nativeCollection,
  useTopicsWithDeadLetters,
  waitFor,
} from './helpers/kafka.ts';

t.test(
  'when a state change is committed, its events reach Kafka in order, keyed by the aggregate, and the outbox is emptied',
  async (t) => {
    const db = await useTestDatabase(t, 'msg_outbox');
    const { events: topic } = await useTopicsWithDeadLetters(t, ['events']);
    const things = nativeCollection(db.connection, 'things');
    const received = await collect(t, topic);

    await insertNew(things, { _id: 'thing-a', status: 'reported' }, [thingEvent('thing-a', 1)]);
    await commit(things, {
      id: 'thing-a',
      expectedVersion: 1,
      set: { status: 'rectifying' },
      push: { history: { $each: ['rectifying'] } },
      events: thingEvents('thing-a', 2, 3),
    });
    await insertNew(things, { _id: 'thing-b', status: 'reported' }, [thingEvent('thing-b', 1)]);
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
      collections: [things],
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
    await eventually(() => waitFor(received.length >= 4, 'four events'), { timeoutMs: 20_000 });
    // Anything published twice would have gone out before the trim; give the collector a moment.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const ofA = received.filter((m) => m.key === 'thing-a');
    t.same(
      ofA.map((m) => JSON.parse(m.value).aggregateversion),
      [1, 2, 3],
      "thing-a's events arrive once each, in version order",
    );
    t.equal(new Set(ofA.map((m) => m.partition)).size, 1, 'all on one partition');
    t.same(
      received.filter((m) => m.key === 'thing-b').map((m) => JSON.parse(m.value).aggregateversion),
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
  const things = nativeCollection(db.connection, 'things');
  await insertNew(things, { _id: 'thing-c', status: 'reported' }, [thingEvent('thing-c', 1)]);
  await commit(things, {
    id: 'thing-c',
    expectedVersion: 1,
    set: { status: 'rectifying' },
    events: [thingEvent('thing-c', 2)],
  });

  const stale = thingEvent('thing-c', 2, 'stale');
  const error = await commit(things, {
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
    const things = nativeCollection(db.connection, 'things');
    await t.rejects(
      commit(things, { id: 'nope', expectedVersion: 1, events: [thingEvent('nope', 2)] }),
      AggregateNotFoundError,
    );
    await insertNew(things, { _id: 'thing-d' }, [thingEvent('thing-d', 1)]);
    await t.rejects(insertNew(things, { _id: 'thing-d' }, [thingEvent('thing-d', 1)]), OutboxConflictError);
    await t.rejects(
      commit(things, { id: 'thing-d', expectedVersion: 1, events: [thingEvent('thing-d', 3)] }),
      /aggregateversion 3, expected 2/,
    );
    await t.rejects(
      commit(things, { id: 'thing-d', expectedVersion: 1, events: [thingEvent('other', 2)] }),
      /belongs to other/,
    );
    await t.rejects(
      commit(things, {
        id: 'thing-d',
        expectedVersion: 1,
        set: { _version: 9 },
        events: [thingEvent('thing-d', 2)],
      }),
      /only the outbox writes _version/,
    );
    await t.rejects(commit(things, { id: 'thing-d', expectedVersion: 1, events: [] }), /at least one event/);
    const doc = await things.findOne({ _id: 'thing-d' as never });
    t.equal(doc?._version, 1, 'none of the refused writes landed');
    t.equal(doc ? pendingEvents(doc).length : 0, 1);
  },
);

t.test(
  'a document a service inserted itself with an outbox array (and a numeric id) is published once and cleared',
  async (t) => {
    const db = await useTestDatabase(t, 'msg_outbox');
    const { events: topic } = await useTopicsWithDeadLetters(t, ['events']);
    const history = nativeCollection(db.connection, 'history');
    const received = await collect(t, topic);
    // The aggregator's pattern: each status record is its own document, carrying the one event
    // that announces it, whose version continues the zone's sequence.
    const event = thingEvent('zone-status', 7);
    await history.insertOne({
      _id: 7 as never,
      sequence: 7,
      _version: 7,
      _outbox: [event],
      _outboxPending: true,
    });

    const producer = createProducer(await messagingKafka('outbox-array'));
    await producer.connect();
    const relay = startRelay({ collections: [history], producer, topicFor: () => topic, logger });
    t.teardown(async () => {
      await relay.stop();
      await producer.disconnect();
    });
    await eventually(
      async () =>
        waitFor((await history.countDocuments({ _outboxPending: true })) === 0, 'the outbox to drain'),
      { timeoutMs: 20_000 },
    );
    await eventually(() => waitFor(received.length >= 1, 'the event'), { timeoutMs: 20_000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    t.same(
      received.map((m) => JSON.parse(m.value).id),
      [event.id],
      'published once',
    );
    const doc = await history.findOne({ _id: 7 as never });
    t.equal(doc?._outbox, undefined, 'the outbox is cleared');
    t.equal(doc?.sequence, 7, 'the record itself is untouched');
  },
);
