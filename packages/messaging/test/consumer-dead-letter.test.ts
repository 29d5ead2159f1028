import { deadLetterTopic } from '@zone-risk/contracts';
import { eventually, testKafka, uniqueName } from '@zone-risk/testkit';
import t from 'tap';
import { createMessagingMetrics, createProducer, deadLetterHeaders, startConsumer } from '../src/index.ts';
import { type ThingChanged, testRegistry, thingEvent } from './helpers/events.ts';
import {
  collect,
  logger,
  messagingKafka,
  metricValue,
  useTopicsWithDeadLetters,
  waitFor,
} from './helpers/kafka.ts';

t.test(
  'poison messages go to the dead-letter topic with the reason while the messages after them are handled',
  async (t) => {
    const { events: topic } = await useTopicsWithDeadLetters(t, ['events'], 1);
    const deadLetters = await collect(t, deadLetterTopic(topic));

    const good = [thingEvent('x', 1), thingEvent('x', 2), thingEvent('x', 3)];
    const unknownType = { ...thingEvent('y', 1), type: 'zone.test.SomethingElse.v1' };
    const schemaViolation = { ...thingEvent('z', 1), data: { seq: 'one' } };
    const doomed = thingEvent('boom', 1, 'explode');
    const messages = [
      { key: 'x', value: JSON.stringify(good[0]) },
      { key: 'bad-json', value: '{"specversion": "1.0", ' },
      { key: 'y', value: JSON.stringify(unknownType) },
      { key: 'z', value: JSON.stringify(schemaViolation) },
      { key: 'boom', value: JSON.stringify(doomed) },
      { key: 'x', value: JSON.stringify(good[1]) },
      { key: 'x', value: JSON.stringify(good[2]) },
    ];
    // All written before the consumer starts, so its first batch sees the high watermark of 7.
    const plain = await testKafka('poison-producer');
    const producer = createProducer(plain);
    await producer.connect();
    await producer.send({ topic, messages });
    await producer.disconnect();

    const metrics = createMessagingMetrics();
    const groupId = uniqueName('poison');
    const handled: ThingChanged[] = [];
    const lagSeen: number[] = [];
    let doomedAttempts = 0;
    const consumer = await startConsumer<ThingChanged>({
      kafka: await messagingKafka('poison-consumer'),
      groupId,
      // A pattern that also matches the dead-letter topic: it must not be consumed.
      topics: [new RegExp(`^${topic.replaceAll('.', '\\.')}`)],
      parse: testRegistry.parseEvent,
      logger,
      metrics,
      retries: 2,
      retryInitialMs: 10,
      handle: async (event) => {
        if (event.data.note === 'explode') {
          doomedAttempts++;
          throw new Error('the handler cannot cope with this one');
        }
        lagSeen.push(await metricValue(metrics.consumerLag, { topic, partition: '0' }));
        handled.push(event);
      },
    });
    t.teardown(() => consumer.stop());
    t.same(consumer.topics, [topic], 'the pattern resolved to the topic, not its dead-letter topic');

    await eventually(() => waitFor(handled.length === 3 && deadLetters.length === 4, 'all seven messages'), {
      timeoutMs: 30_000,
    });
    t.same(
      handled.map((e) => e.id),
      good.map((e) => e.id),
      'the good messages are handled, in order, past the poison',
    );
    t.equal(doomedAttempts, 3, 'the failing handler was tried once and retried twice');
    t.same(lagSeen, [0, 2, 1], 'the lag gauge counts the messages behind the one just handled');

    const expected = [
      { offset: '1', reason: 'invalid-json', error: /JSON/ },
      { offset: '2', reason: 'invalid-event', error: /unknown event type/ },
      { offset: '3', reason: 'invalid-event', error: /seq/ },
      { offset: '4', reason: 'handler-failed', error: /cannot cope/ },
    ];
    for (const [index, want] of expected.entries()) {
      const letter = deadLetters[index];
      const original = messages[Number(want.offset)];
      t.equal(
        letter?.headers[deadLetterHeaders.reason],
        want.reason,
        `offset ${want.offset}: ${want.reason}`,
      );
      t.match(letter?.headers[deadLetterHeaders.error], want.error, 'the error message travels in a header');
      t.equal(letter?.headers[deadLetterHeaders.topic], topic);
      t.equal(letter?.headers[deadLetterHeaders.partition], '0');
      t.equal(letter?.headers[deadLetterHeaders.offset], want.offset);
      t.equal(letter?.headers[deadLetterHeaders.group], groupId);
      t.equal(letter?.key, original?.key, 'the original key');
      t.equal(letter?.value, original?.value, 'the original value, byte for byte');
    }

    t.equal(await metricValue(metrics.consumerConsumed, { topic }), 3);
    t.equal(await metricValue(metrics.consumerFailed, { topic, reason: 'invalid-event' }), 2);
    t.equal(await metricValue(metrics.consumerFailed, { topic, reason: 'handler-failed' }), 1);
    t.equal(await metricValue(metrics.consumerLag, { topic, partition: '0' }), 0, 'caught up');

    // The poison was committed past: a new member of the group starts after it.
    await consumer.stop();
    const admin = plain.admin();
    await admin.connect();
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    await admin.disconnect();
    t.equal(committed?.partitions[0]?.offset, '7', 'every offset, poison included, is committed');
  },
);
