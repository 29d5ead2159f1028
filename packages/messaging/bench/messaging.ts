// pnpm bench:messaging [--n 5000] [--aggregates 100] [--paced-rate 50] [--paced-n 1000]
//                      [--http-seconds 10] [--connections 10] [--skip-http]
// Uses KAFKA_BROKERS and MONGO_URL (default: the local ones); creates its own topics and database
// and removes them at the end.
import { randomBytes } from 'node:crypto';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { connectStore } from '@zone-risk/store';
import { type Connection, Schema } from 'mongoose';
import { createKafka, ensureTopics, type OutboxModel, outboxFields } from '../src/index.ts';
import { loadTest } from './http.ts';
import { type Figures, type Load, rawKafka, throughOutbox } from './kafka-paths.ts';
import { describe } from './stats.ts';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '5000' },
    aggregates: { type: 'string', default: '100' },
    'paced-rate': { type: 'string', default: '50' },
    'paced-n': { type: 'string', default: '1000' },
    'http-seconds': { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    'skip-http': { type: 'boolean', default: false },
  },
});
const aggregates = Number(values.aggregates);
const flatOut: Load = { n: Number(values.n), aggregates };
const paced: Load = { n: Number(values['paced-n']), aggregates, rate: Number(values['paced-rate']) };
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const mongoUrl = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017';
const suffix = randomBytes(4).toString('hex');

console.log(
  `machine: ${availableParallelism()} cpus (${cpus()[0]?.model ?? '?'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString()}`,
);
console.log(`brokers ${brokers.join(',')}, store ${mongoUrl}\n`);

function report(title: string, raw: Figures, outbox: Figures): void {
  console.log(title);
  console.log(describe('  (a) kafkajs produce → consume', raw));
  console.log(describe('  (b) commit → relay → Kafka → consumer', outbox));
  console.log(
    `      writes/s: (a) ${Math.round(raw.writesPerSecond)}, (b) ${Math.round(outbox.writesPerSecond)} commits; redelivered: (a) ${raw.duplicates}, (b) ${outbox.duplicates}`,
  );
  console.log(
    `      b/a: throughput ${(outbox.perSecond / raw.perSecond).toFixed(3)}, p50 latency ${(outbox.p50Ms / raw.p50Ms).toFixed(1)}x, p99 latency ${(outbox.p99Ms / raw.p99Ms).toFixed(1)}x\n`,
  );
}

// The aggregate's document as a service models it: a state field and the outbox, strict.
function benchModel(connection: Connection, name: string): OutboxModel {
  const schema = new Schema(
    { _id: String, status: String, ...outboxFields },
    { versionKey: false, strict: 'throw', autoIndex: false },
  );
  return connection.model(name, schema, name);
}

const kafka = createKafka({ clientId: 'bench-messaging', brokers });
const admin = kafka.admin();
await admin.connect();
const topicNames = ['raw', 'outbox', 'raw-paced', 'outbox-paced'].map((name) => `bench.${name}.${suffix}`);
const [rawTopic = '', outboxTopic = '', rawPacedTopic = '', outboxPacedTopic = ''] = topicNames;
await ensureTopics(
  admin,
  topicNames.map((topic) => ({ topic, deadLetter: topic.includes('outbox') })),
);
const store = await connectStore({ url: mongoUrl, dbName: `bench_messaging_${suffix}` });
try {
  report(
    `flat out: ${flatOut.n} events over ${aggregates} aggregates, one writer each`,
    await rawKafka(kafka, rawTopic, flatOut),
    await throughOutbox(kafka, benchModel(store, 'things'), outboxTopic, flatOut),
  );
  report(
    `paced: ${paced.n} events at ${paced.rate}/s over ${aggregates} aggregates`,
    await rawKafka(kafka, rawPacedTopic, paced),
    await throughOutbox(kafka, benchModel(store, 'things_paced'), outboxPacedTopic, paced),
  );
} finally {
  const deadLetters = topicNames.filter((topic) => topic.includes('outbox')).map((topic) => `${topic}.dlq`);
  await admin.deleteTopics({ topics: [...topicNames, ...deadLetters] }).catch(() => undefined);
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
  console.log(`    platform/bare: ${(platform.requestsPerSecond / bare.requestsPerSecond).toFixed(3)}`);
}
