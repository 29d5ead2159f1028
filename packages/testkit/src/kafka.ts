import { Kafka, logLevel } from 'kafkajs';
import type { Test } from 'tap';
import { kafkaBrokers } from './infra.ts';
import { uniqueName } from './names.ts';

/** A kafkajs client for tests: quiet unless KAFKA_LOG is set. */
export async function testKafka(clientId = 'test'): Promise<Kafka> {
  const brokers = await kafkaBrokers();
  return new Kafka({
    clientId,
    brokers,
    logLevel: process.env.KAFKA_LOG ? logLevel.INFO : logLevel.NOTHING,
  });
}

/**
 * Creates topics of this test's own and deletes them when the test ends.
 * Returns the unique topic name for each base name asked for.
 */
export async function useTestTopics<const N extends string>(
  t: Test,
  names: readonly N[],
  options: { partitions?: number } = {},
): Promise<Record<N, string>> {
  const kafka = await testKafka('test-admin');
  const admin = kafka.admin();
  await admin.connect();
  const topics = Object.fromEntries(
    names.map((name) => [name, uniqueName(name).replaceAll('_', '.')]),
  ) as Record<N, string>;
  await admin.createTopics({
    waitForLeaders: true,
    topics: Object.values<string>(topics).map((topic) => ({
      topic,
      numPartitions: options.partitions ?? 3,
      replicationFactor: 1,
    })),
  });
  t.teardown(async () => {
    await admin.deleteTopics({ topics: Object.values<string>(topics) }).catch(() => undefined);
    await admin.disconnect();
  });
  return topics;
}
