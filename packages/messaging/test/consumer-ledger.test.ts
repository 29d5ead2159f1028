import { eventually, testKafka, uniqueName, useTestDatabase } from '@zone-risk/testkit';
import t from 'tap';
import { createAppliedLedger, createProducer, eventMessage, startConsumer } from '../src/index.ts';
import { type ThingChanged, testRegistry, thingEvent, thingEvents } from './helpers/events.ts';
import { logger, messagingKafka, useTopicsWithDeadLetters, waitFor } from './helpers/kafka.ts';

t.test(
  'a consumer restarted after redelivery of events it already applied applies nothing twice',
  async (t) => {
    const db = await useTestDatabase(t, 'msg_ledger');
    const { events: topic } = await useTopicsWithDeadLetters(t, ['events'], 2);
    const groupId = uniqueName('ledger');
    const plain = await testKafka('ledger-producer');
    const producer = createProducer(plain);
    await producer.connect();
    t.teardown(() => producer.disconnect());
    const publish = (events: readonly ThingChanged[]) =>
      producer.send({ topic, messages: events.map(eventMessage) });

    const first = [...thingEvents('p', 1, 3), ...thingEvents('q', 1, 2)];
    await publish(first);

    const applied: string[] = [];
    let duplicates = 0;
    const run = async () => {
      const ledger = createAppliedLedger(db.connection, groupId);
      return startConsumer<ThingChanged>({
        kafka: await messagingKafka('ledger-consumer'),
        groupId,
        topics: [topic],
        parse: testRegistry.parseEvent,
        logger,
        handle: async (event) => {
          const outcome = await ledger.tryApply(event.aggregateid, event.aggregateversion, () => {
            applied.push(`${event.aggregateid}@${event.aggregateversion}`);
          });
          if (outcome === 'duplicate') duplicates++;
        },
      });
    };

    const consumer = await run();
    await eventually(() => waitFor(applied.length === 5, 'the first five events'), { timeoutMs: 30_000 });
    await consumer.stop();

    // What a restart after a crash looks like: offsets not committed (rewound to the start), and a
    // relay that died before trimming publishes the same events again.
    const admin = plain.admin();
    await admin.connect();
    await admin.resetOffsets({ groupId, topic, earliest: true });
    await admin.disconnect();
    await publish(first);
    await publish([thingEvent('p', 4)]);

    const restarted = await run();
    t.teardown(() => restarted.stop());
    await eventually(() => waitFor(duplicates === 10 && applied.length === 6, 'the redelivery to be read'), {
      timeoutMs: 30_000,
    });
    t.same(
      [...applied].sort(),
      ['p@1', 'p@2', 'p@3', 'p@4', 'q@1', 'q@2'],
      'every event applied exactly once; the redelivered ten were skipped',
    );
    const ledger = createAppliedLedger(db.connection, groupId);
    t.equal(await ledger.lastApplied('p'), 4);
    t.equal(await ledger.lastApplied('q'), 2);
    t.equal(await createAppliedLedger(db.connection, 'another-group').lastApplied('p'), 0, 'per group');
  },
);
