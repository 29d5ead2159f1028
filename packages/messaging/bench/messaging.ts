// pnpm bench:messaging [--n 5000] [--aggregates 100] [--http-seconds 10] [--connections 10]
// Uses KAFKA_BROKERS and MONGO_URL (default: the local ones); creates its own topics and database
// and removes them at the end.
import { randomBytes } from 'node:crypto';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { connectStore } from '@zone-risk/store';
import { createKafka, ensureTopics } from '../src/index.ts';
import { loadTest } from './http.ts';
import { rawKafka, throughOutbox } from './kafka-paths.ts';
import { describe } from './stats.ts';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '5000' },
    aggregates: { type: 'string', default: '100' },
    'http-seconds': { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    'skip-http': { type: 'boolean', default: false },
  },
});
const n = Number(values.n);
const aggregates = Number(values.aggregates);
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const mongoUrl = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017';
const suffix = randomBytes(4).toString('hex');

console.log(
  `machine: ${availableParallelism()} cpus (${cpus()[0]?.model ?? '?'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString()}`,
);
console.log(`n=${n} events over ${aggregates} aggregates, brokers ${brokers.join(',')}, store ${mongoUrl}\n`);

const kafka = createKafka({ clientId: 'bench-messaging', brokers });
const admin = kafka.admin();
await admin.connect();
const rawTopic = `bench.raw.${suffix}`;
const outboxTopic = `bench.outbox.${suffix}`;
await ensureTopics(admin, [
  { topic: rawTopic, deadLetter: false },
  { topic: outboxTopic, deadLetter: true },
]);
const store = await connectStore({ url: mongoUrl, dbName: `bench_messaging_${suffix}` });
try {
  const db = store.db;
  if (!db) throw new Error('store not connected');
  const raw = await rawKafka(kafka, rawTopic, n, aggregates);
  console.log(describe('(a) kafkajs produce → consume', raw));
  const outbox = await throughOutbox(kafka, db.collection('things'), outboxTopic, n, aggregates);
  console.log(describe('(b) commit → relay → Kafka → runner', outbox));
  console.log(
    `    ratio b/a: throughput ${(outbox.perSecond / raw.perSecond).toFixed(3)}, p50 latency ${(outbox.p50Ms / raw.p50Ms).toFixed(1)}x, p99 latency ${(outbox.p99Ms / raw.p99Ms).toFixed(1)}x\n`,
  );
} finally {
  await admin.deleteTopics({ topics: [rawTopic, outboxTopic, `${outboxTopic}.dlq`] }).catch(() => undefined);
  await admin.disconnect();
  await store.dropDatabase().catch(() => undefined);
  await store.close();
}

if (!values['skip-http']) {
  const seconds = Number(values['http-seconds']);
  const connections = Number(values.connections);
  console.log(
    `(c) POST /hazards, zod-validated, no store: autocannon ${connections} connections, ${seconds} s`,
  );
  const bare = await loadTest('bare', seconds, connections);
  const platform = await loadTest('platform', seconds, connections);
  for (const f of [bare, platform]) {
    console.log(
      `    ${f.target.padEnd(9)} ${Math.round(f.requestsPerSecond).toString().padStart(7)} req/s  p50 ${f.p50Ms} ms  p99 ${f.p99Ms} ms  non-2xx ${f.non2xx}`,
    );
  }
  console.log(`    ratio platform/bare: ${(platform.requestsPerSecond / bare.requestsPerSecond).toFixed(3)}`);
}
