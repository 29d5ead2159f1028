import { deadLetterTopic } from '@zone-risk/contracts';
import { eventually, testKafka } from '@zone-risk/testkit';
import t from 'tap';
import { createProducer, deadLetterHeaders, sendToDeadLetter } from '../src/index.ts';
import { thingEvent } from './helpers/events.ts';
import { collect, useTopicsWithDeadLetters, waitFor } from './helpers/kafka.ts';

t.test(
  'a poison message is copied to the dead-letter topic byte for byte, with why and where it came from',
  async (t) => {
    const { events: topic } = await useTopicsWithDeadLetters(t, ['events'], 1);
    const originals = await collect(t, topic);
    const deadLetters = await collect(t, deadLetterTopic(topic));

    const kafka = await testKafka('dead-letter-producer');
    const producer = createProducer(kafka);
    await producer.connect();
    t.teardown(() => producer.disconnect());
    const value = `${JSON.stringify(thingEvent('x', 1)).slice(0, -1)}, "broken": `;
    await producer.send({
      topic,
      messages: [{ key: 'x', value, headers: { ce_type: 'zone.test.ThingChanged.v1' } }],
    });
    await eventually(() => waitFor(originals.length === 1, 'the original message'));
    const original = originals[0];
    if (!original) throw new Error('unreachable');

    await sendToDeadLetter(producer, {
      topic,
      partition: original.partition,
      message: {
        key: Buffer.from(original.key ?? ''),
        value: Buffer.from(original.value),
        headers: original.headers,
        offset: original.offset,
        timestamp: '0',
        attributes: 0,
      },
      groupId: 'the-group',
      reason: 'invalid-json',
      error: `Unexpected end of JSON input ${'x'.repeat(5_000)}`,
    });
    await eventually(() => waitFor(deadLetters.length === 1, 'the dead letter'));
    const letter = deadLetters[0];
    t.equal(letter?.key, 'x', 'the original key');
    t.equal(letter?.value, value, 'the original value, byte for byte');
    t.equal(letter?.headers.ce_type, 'zone.test.ThingChanged.v1', 'the original headers are kept');
    t.equal(letter?.headers[deadLetterHeaders.reason], 'invalid-json');
    t.match(letter?.headers[deadLetterHeaders.error], /^Unexpected end of JSON input/);
    t.equal(
      letter?.headers[deadLetterHeaders.error]?.length,
      4_000,
      'a long error is cut to 4,000 characters',
    );
    t.equal(letter?.headers[deadLetterHeaders.topic], topic);
    t.equal(letter?.headers[deadLetterHeaders.partition], String(original.partition));
    t.equal(letter?.headers[deadLetterHeaders.offset], original.offset);
    t.equal(letter?.headers[deadLetterHeaders.group], 'the-group');
    t.ok(
      Number.isFinite(Date.parse(letter?.headers[deadLetterHeaders.failedAt] ?? '')),
      'when it failed, RFC 3339',
    );
  },
);
