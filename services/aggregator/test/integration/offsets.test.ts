// On a fresh cluster the services start together, and the aggregator may ask for the offsets of a
// topic a domain service is still creating. It waits for the topic instead of failing to start.
import { testKafka, uniqueName } from '@zone-risk/testkit';
import t from 'tap';
import { fetchOffsets } from '../../src/events/offsets.ts';

t.test('the offsets of a topic that appears a moment later are waited for, not an error', async (t) => {
  const kafka = await testKafka('aggregator-offsets-test');
  const admin = kafka.admin();
  // The topic's creator is another client, as the domain service is on a real start (and kafkajs's
  // createTopics on the fetching admin fails while that admin is waiting for the topic).
  const creator = kafka.admin();
  await Promise.all([admin.connect(), creator.connect()]);
  const topic = uniqueName('late.topic');
  t.teardown(async () => {
    await creator.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await Promise.all([admin.disconnect(), creator.disconnect()]);
  });
  // The topic is created only once the fetch has asked the broker about it (and been told it does
  // not exist): the order is the broker's answer, not a head start given by a sleep.
  const asked = Promise.withResolvers<void>();
  const stopListening = admin.on(admin.events.REQUEST, (event) => {
    if (event.payload.apiName === 'Metadata') asked.resolve();
  });
  const fetching = fetchOffsets(admin, topic);
  const first = await Promise.race([
    asked.promise.then(() => 'asked'),
    fetching.then(
      () => 'answered',
      () => 'failed',
    ),
  ]);
  stopListening();
  t.equal(first, 'asked', 'the fetch asked for the topic before it existed');
  await creator.createTopics({ topics: [{ topic, numPartitions: 2 }] });
  const offsets = await fetching;
  t.same(offsets.map((p) => [p.partition, p.low, p.high]).sort(), [
    [0, '0', '0'],
    [1, '0', '0'],
  ]);
});
