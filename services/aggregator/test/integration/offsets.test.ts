// On a fresh cluster the services start together, and the aggregator may ask for the offsets of a
// topic a domain service is still creating. It waits for the topic instead of failing to start.
import { testKafka, uniqueName } from '@zone-risk/testkit';
import t from 'tap';
import { fetchOffsets } from '../../src/events/offsets.ts';

t.test('the offsets of a topic that appears a moment later are waited for, not an error', async (t) => {
  const kafka = await testKafka('aggregator-offsets-test');
  const admin = kafka.admin();
  await admin.connect();
  const topic = uniqueName('late.topic');
  t.teardown(async () => {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });
  const creating = new Promise((resolve) => setTimeout(resolve, 1_500)).then(() =>
    admin.createTopics({ topics: [{ topic, numPartitions: 2 }] }),
  );
  const offsets = await fetchOffsets(admin, topic);
  await creating;
  t.same(offsets.map((p) => [p.partition, p.low, p.high]).sort(), [
    [0, '0', '0'],
    [1, '0', '0'],
  ]);
});
