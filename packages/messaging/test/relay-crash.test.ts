import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { eventually, infra, useTestDatabase } from '@zone-risk/testkit';
import type { mongo } from 'mongoose';
import t, { type Test } from 'tap';
import { createMessagingMetrics, createProducer, type OutboxModel, startRelay } from '../src/index.ts';
import {
  appliedInEffect,
  collect,
  flushed,
  logger,
  messagingKafka,
  published,
  range,
  useTopicsWithDeadLetters,
  versionsByAggregate,
  waitFor,
} from './helpers/kafka.ts';
import { thingModel } from './helpers/things.ts';

const fixture = fileURLToPath(new URL('./fixtures/commit-and-hang.ts', import.meta.url));
const AGGREGATES = 4;
const EVENTS = 5;
const ids = range(0, AGGREGATES - 1).map((i) => `crash-${i}`);

/** Runs the fixture until it printed every one of `lines`, then kills it with SIGKILL. */
async function runAndKill(env: Record<string, string>, lines: string[]): Promise<NodeJS.Signals | null> {
  const child = spawn(process.execPath, [fixture], {
    env: { ...process.env, ...env, AGGREGATES: String(AGGREGATES), EVENTS: String(EVENTS) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once('exit', (_code, signal) => resolve(signal)),
  );
  const seen = new Set<string>();
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the fixture exited on its own with ${code}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      seen.add(line.trim());
      if (lines.every((l) => seen.has(l))) resolve();
    });
  });
  child.kill('SIGKILL');
  return exited;
}

async function setUp(t: Test) {
  const db = await useTestDatabase(t, 'msg_crash');
  const { events: topic } = await useTopicsWithDeadLetters(t, ['events']);
  const { kafkaBrokers, mongoUrl } = await infra();
  const env = {
    MONGO_URL: mongoUrl,
    DB_NAME: db.dbName,
    KAFKA_BROKERS: kafkaBrokers.join(','),
    TOPIC: topic,
  };
  const model = thingModel(db.connection);
  return { model, things: model.collection, topic, env };
}

async function startTestRelay(t: Test, model: OutboxModel, topic: string): Promise<void> {
  const kafka = await messagingKafka('relay-after-crash');
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
}

async function drained(things: mongo.Collection): Promise<void> {
  await eventually(
    async () => waitFor((await things.countDocuments({ _outboxPending: true })) === 0, 'the outbox to drain'),
    { timeoutMs: 30_000 },
  );
}

t.test(
  'a process killed between its write and the publish loses nothing: a new relay delivers it all, in order',
  async (t) => {
    const { model, things, topic, env } = await setUp(t);
    const received = await collect(t, topic);

    t.equal(await runAndKill({ ...env, MODE: 'no-relay' }, ['committed']), 'SIGKILL');
    t.equal(
      await things.countDocuments({ _outboxPending: true }),
      AGGREGATES,
      'the events survived in the store',
    );
    await flushed(topic, received);
    t.equal(published(received).length, 0, 'nothing was published before the kill');

    await startTestRelay(t, model, topic);
    await drained(things);
    await eventually(() => waitFor(published(received).length >= AGGREGATES * EVENTS, 'every event'), {
      timeoutMs: 20_000,
    });
    await flushed(topic, received);
    const byAggregate = versionsByAggregate(received);
    for (const id of ids) {
      t.same(byAggregate.get(id), range(1, EVENTS), `${id}: each event once, in order`);
    }
    const doc = await things.findOne({ _id: 'crash-0' as never });
    t.equal(doc?.step, EVENTS, 'the state the killed process wrote is there');
  },
);

t.test(
  'a process killed after publishing but before trimming its outbox: the events are redelivered after its lease expires, in order',
  async (t) => {
    const { model, things, topic, env } = await setUp(t);
    const received = await collect(t, topic);

    t.equal(
      await runAndKill({ ...env, MODE: 'published-not-trimmed' }, ['committed', 'published']),
      'SIGKILL',
    );
    const held = await things.find({ '_outboxLease.owner': { $exists: true } }).toArray();
    t.equal(held.length, AGGREGATES, 'the dead relay still holds its leases');
    t.equal(await things.countDocuments({ _outboxPending: true }), AGGREGATES, 'and nothing was trimmed');

    await startTestRelay(t, model, topic);
    await drained(things);
    await eventually(() => waitFor(received.length >= 2 * AGGREGATES * EVENTS, 'the redelivery'), {
      timeoutMs: 20_000,
    });
    await flushed(topic, received);
    const byAggregate = versionsByAggregate(received);
    for (const id of ids) {
      const versions = byAggregate.get(id) ?? [];
      t.same(
        versions,
        [...range(1, EVENTS), ...range(1, EVENTS)],
        `${id}: published, then redelivered whole`,
      );
      t.same(appliedInEffect(versions), range(1, EVENTS), `${id}: once each, in order, in effect`);
    }
  },
);
