import { eventRegistry } from '@zone-risk/contracts';
import { eventually } from '@zone-risk/testkit';
import t from 'tap';
import { createMessagingMetrics, createProducer, startHeartbeat } from '../src/index.ts';
import {
  collect,
  flushed,
  logger,
  messagingKafka,
  metricValue,
  useTopicsWithDeadLetters,
  waitFor,
} from './helpers/kafka.ts';

t.test('a running service publishes a ServiceHeartbeat at its interval until stopped', async (t) => {
  const { events: topic } = await useTopicsWithDeadLetters(t, ['events']);
  const received = await collect(t, topic);
  const producer = createProducer(await messagingKafka('heartbeat'));
  await producer.connect();
  t.teardown(() => producer.disconnect());
  const metrics = createMessagingMetrics();
  const intervalMs = 300;

  const heartbeat = startHeartbeat({
    producer,
    topic,
    service: 'safety',
    domain: 'safety',
    zoneId: 'demo-zone',
    intervalMs,
    logger,
    metrics,
  });
  await eventually(() => waitFor(received.length >= 4, 'four heartbeats'), { timeoutMs: 20_000 });
  await heartbeat.stop();
  const countAtStop = await metricValue(metrics.heartbeatsPublished, { service: 'safety' });

  // None after stop, proven without a sleep: a second heartbeat started now on the same interval
  // beats three times; a timer the stopped one had left running was set earlier with the same delay,
  // so it would have fired before the second beat's. Then markers prove the topic has caught up.
  const control = startHeartbeat({
    producer,
    topic,
    service: 'control',
    domain: 'safety',
    zoneId: 'demo-zone',
    intervalMs,
    logger,
    metrics,
  });
  await eventually(
    async () =>
      waitFor(
        (await metricValue(metrics.heartbeatsPublished, { service: 'control' })) >= 3,
        'three control beats',
      ),
    { timeoutMs: 20_000 },
  );
  await control.stop();
  t.equal(
    await metricValue(metrics.heartbeatsPublished, { service: 'safety' }),
    countAtStop,
    'none after stop',
  );
  await flushed(topic, received);
  const mine = received.filter((message) => message.key === heartbeat.instanceId);
  t.equal(mine.length, countAtStop, 'and on the topic exactly the beats published before stop');

  const beats = mine.map((message) => {
    const parsed = eventRegistry.parseEvent(JSON.parse(message.value));
    if (!parsed.ok) throw new Error(parsed.error);
    return { event: parsed.event, key: message.key };
  });
  for (const { event, key } of beats) {
    t.equal(event.type, 'zone.platform.ServiceHeartbeat.v1');
    if (event.type !== 'zone.platform.ServiceHeartbeat.v1') continue;
    t.equal(key, heartbeat.instanceId, 'keyed by the instance');
    t.equal(event.aggregateid, heartbeat.instanceId);
    t.match(event.data, {
      service: 'safety',
      domain: 'safety',
      instanceId: heartbeat.instanceId,
      intervalMs,
    });
    t.equal(event.zoneid, 'demo-zone');
  }
  t.same(
    beats.map(({ event }) => event.aggregateversion),
    beats.map((_, i) => i + 1),
    'the version counts the beats',
  );
  const sentAt = beats.map(({ event }) => Date.parse(event.time));
  for (let i = 1; i < sentAt.length; i++) {
    const gap = (sentAt[i] ?? 0) - (sentAt[i - 1] ?? 0);
    // A lower bound only: the interval is a minimum spacing; slow machines only stretch it.
    t.ok(gap >= intervalMs * 0.9, `beat ${i + 1} came ${gap} ms after the previous one`);
  }
});
