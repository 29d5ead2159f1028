// pnpm bench:latency [--rounds 20]
//
// How fast the zone status follows the safety service, end to end: the safety service runs as its
// own process (as deployed) and the aggregator in this one, both on Kafka and the store. Each round
// reports a major hazard over HTTP and times, from sending the request (so the command's own time
// counts), the recorded status change that turns the zone orange; then plans, submits and accepts
// it and times, from sending the acceptance, the change back to blue. The issue's target is 2 s for both; the p50/p95/max are printed.
// Environment, food-drug and debt heartbeats are produced here every few seconds so the zone can be
// blue (the default policy has every domain). Topics and databases are removed at the end.
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { signToken } from '@zone-risk/auth';
import { createKafka, createProducer, eventMessage } from '@zone-risk/messaging';
import { type App, loadConfig } from '@zone-risk/platform';
import { connectStore } from '@zone-risk/store';
import { type ServiceProcess, startServiceProcess } from '@zone-risk/testkit';
import { pino } from 'pino';
import { buildAggregatorApp } from '../src/app.ts';
import { aggregatorConfigSchema } from '../src/config.ts';
import type { StatusRecord } from '../src/data/history.ts';
import { enterpriseCode, heartbeat } from '../test/helpers/hazards.ts';

const { values: args } = parseArgs({ options: { rounds: { type: 'string', default: '20' } } });
const ROUNDS = Number(args.rounds);
const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const mongoUrl = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017';
const suffix = randomBytes(4).toString('hex');
const topics = {
  safety: `bench.latency.safety.${suffix}`,
  environment: `bench.latency.environment.${suffix}`,
  foodDrug: `bench.latency.food-drug.${suffix}`,
  debt: `bench.latency.debt.${suffix}`,
  status: `bench.latency.status.${suffix}`,
};
const databases = { safety: `bench_latency_safety_${suffix}`, aggregator: `bench_latency_agg_${suffix}` };
const logger = pino({ level: process.env.LOG_LEVEL ?? 'silent' });
const log = (line: string) => process.stdout.write(`${line}\n`);
const zoneDay = (at: number) => new Date(at + 8 * 3_600_000).toISOString().slice(0, 10);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

function summary(name: string, samples: number[]): void {
  const sorted = [...samples].sort((a, b) => a - b);
  const within = samples.filter((ms) => ms <= 2_000).length;
  log(
    `${name.padEnd(28)} p50 ${percentile(sorted, 50)} ms   p95 ${percentile(sorted, 95)} ms   max ${sorted.at(-1)} ms   within 2 s: ${within}/${samples.length}`,
  );
}

const kafka = createKafka({ clientId: 'bench-latency', brokers: brokers.split(','), logger });
const admin = kafka.admin();
await admin.connect();
await admin.createTopics({
  topics: Object.values(topics).map((topic) => ({ topic, numPartitions: 3, replicationFactor: 1 })),
  waitForLeaders: true,
});
const producer = createProducer(kafka);
await producer.connect();
const store = await connectStore({ url: mongoUrl, dbName: databases.aggregator });
const safetyStore = store.useDb(databases.safety);

// Everything started from here on is stopped and removed in `finally`, even when a start fails.
let safety: ServiceProcess | undefined;
let aggregator: App | undefined;
let beating: NodeJS.Timeout | undefined;
try {
  safety = await startServiceProcess('safety', {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    MONGO_URL: mongoUrl,
    MONGO_DB: databases.safety,
    KAFKA_BROKERS: brokers,
    SAFETY_TOPIC: topics.safety,
  });
  aggregator = await buildAggregatorApp({
    config: loadConfig(aggregatorConfigSchema, {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      MONGO_URL: mongoUrl,
      MONGO_DB: databases.aggregator,
      KAFKA_BROKERS: brokers,
      AGGREGATOR_TOPICS: `${topics.safety},${topics.environment},${topics.foodDrug},${topics.debt}`,
      AGGREGATOR_STATUS_TOPIC: topics.status,
      AGGREGATOR_GROUP_ID: `bench-latency-${suffix}`,
    }),
    store,
    logger,
  });

  const beatOthers = () =>
    producer.sendBatch({
      acks: -1,
      topicMessages: [
        { topic: topics.environment, messages: [eventMessage(heartbeat('environment'))] },
        { topic: topics.foodDrug, messages: [eventMessage(heartbeat('food-drug'))] },
        { topic: topics.debt, messages: [eventMessage(heartbeat('debt'))] },
      ],
    });
  await beatOthers();
  beating = setInterval(() => void beatOthers().catch(() => undefined), 5_000);

  /** Resolves with the time of the first recorded change, from now on, whose zone level is `level`. */
  function nextChangeTo(level: string, timeoutMs = 60_000): Promise<number> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        unsubscribe();
        reject(new Error(`no change to ${level} within ${timeoutMs} ms`));
      }, timeoutMs);
      const unsubscribe = (aggregator as App).aggregator.subscribe({
        status(record: StatusRecord) {
          if (record.status.level !== level) return;
          clearTimeout(timer);
          unsubscribe();
          resolve(Date.now());
        },
        close() {},
      });
    });
  }

  const token = async (role: string) =>
    `Bearer ${await signToken({ sub: `bench-${role}`, roles: [role as never] })}`;
  const inspector = await token('inspector');
  const supervisor = await token('safety-supervisor');

  async function post(path: string, body: unknown, authorization: string, etag?: string) {
    const res = await fetch(`${(safety as ServiceProcess).url}${path}`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json', ...(etag ? { 'if-match': etag } : {}) },
      body: JSON.stringify(body),
    });
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return { etag: res.headers.get('etag') ?? '', body: (await res.json()) as { id: string } };
  }

  log(`bench:latency — ${ROUNDS} rounds, ${cpus().length} cores, load ${loadavg()[0]?.toFixed(2)}`);
  const waitSince = Date.now();
  while (aggregator.aggregator.current().level !== 'low') {
    if (Date.now() - waitSince > 60_000)
      throw new Error('the zone never became blue: is every domain beating?');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const toOrange: number[] = [];
  const toBlue: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const orange = nextChangeTo('significant');
    const reportedAt = Date.now();
    const report = await post(
      '/hazards',
      {
        enterprise: { creditCode: enterpriseCode(round + 1), name: `企业${round + 1}` },
        location: '车间',
        description: `重大隐患 ${round}`,
        category: 'equipment',
        grade: 'major',
        basis: { standard: '工贸企业重大事故隐患判定标准', clause: '第四条' },
      },
      inspector,
    );
    toOrange.push((await orange) - reportedAt);

    const id = report.body.id;
    const planned = await post(
      `/hazards/${id}/plan`,
      {
        measures: '整改',
        responsiblePerson: { id: 'p1', name: '赵刚' },
        funds: 1,
        deadline: zoneDay(Date.now() + 86_400_000),
      },
      inspector,
      report.etag,
    );
    const submitted = await post(`/hazards/${id}/submit`, { note: '已整改' }, inspector, planned.etag);
    const back = nextChangeTo('low');
    const acceptedAt = Date.now();
    await post(`/hazards/${id}/accept`, { note: '通过' }, supervisor, submitted.etag);
    toBlue.push((await back) - acceptedAt);
  }
  summary('report → zone orange', toOrange);
  summary('acceptance → zone blue', toBlue);
} finally {
  clearInterval(beating);
  await aggregator?.close();
  await safety?.stop();
  await producer.disconnect();
  await admin
    .deleteTopics({ topics: Object.values(topics).flatMap((t) => [t, `${t}.dlq`]) })
    .catch(() => undefined);
  await admin.disconnect();
  await safetyStore.dropDatabase().catch(() => undefined);
  await store.dropDatabase().catch(() => undefined);
  await store.close();
}
