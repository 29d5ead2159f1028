import { deadLetterTopic } from '@zone-risk/contracts';
import { freePort, uniqueName } from '@zone-risk/testkit';
import pino from 'pino';
import t from 'tap';
import { createKafka, ensureTopics } from '../src/index.ts';
import { messagingKafka } from './helpers/kafka.ts';

t.test('ensureTopics creates missing topics with their dead-letter topics, and is idempotent', async (t) => {
  const kafka = await messagingKafka('ensure-topics');
  const admin = kafka.admin();
  await admin.connect();
  const topic = uniqueName('ensure').replaceAll('_', '.');
  t.teardown(async () => {
    await admin.deleteTopics({ topics: [topic, deadLetterTopic(topic)] }).catch(() => undefined);
    await admin.disconnect();
  });

  const [a, b] = await Promise.all([
    ensureTopics(admin, [{ topic, partitions: 4 }]),
    ensureTopics(admin, [{ topic, partitions: 4 }]),
  ]);
  t.ok(a.length + b.length >= 2, 'created by one call or split between two racing ones, without an error');
  t.same(await ensureTopics(admin, [{ topic, partitions: 4 }]), [], 'nothing left to create');

  const metadata = await admin.fetchTopicMetadata({ topics: [topic, deadLetterTopic(topic)] });
  t.same(
    metadata.topics.map((m) => [m.name, m.partitions.length]).sort(),
    [
      [topic, 4],
      [deadLetterTopic(topic), 4],
    ].sort(),
  );
});

t.test('kafkajs log lines become structured pino entries, filtered by the level asked for', async (t) => {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  // Nothing listens there: kafkajs logs its connection errors, deterministically.
  const kafka = createKafka({
    clientId: 'logging',
    brokers: [`127.0.0.1:${await freePort()}`],
    logger,
    logLevel: 'error',
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  await t.rejects(admin.connect());
  const fromKafka = lines.filter((line) => line.component === 'kafkajs');
  t.ok(fromKafka.length > 0, 'kafkajs logged through pino');
  t.ok(
    fromKafka.every((line) => typeof line.namespace === 'string' && typeof line.msg === 'string'),
    'with its namespace and message as fields',
  );
  t.ok(
    fromKafka.every((line) => line.level === 50),
    'at pino level error, and nothing below the level asked for',
  );
  t.notOk(
    fromKafka.some((line) => 'timestamp' in line),
    "kafkajs' own timestamp is dropped (pino has one)",
  );
});
