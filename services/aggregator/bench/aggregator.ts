// pnpm bench:aggregator [--events 200000] [--partitions 3] [--seconds 10] [--connections 50] [--live-rate 2000]
//
// Preloads a topic of its own with state-carrying safety events (4 per hazard: 200,000 events over
// 50,000 hazards by default), then in one run measures
//   (a) raw kafkajs consumption of the topic (a fresh group, no parsing),
//   (b) the aggregator consuming it into its read model (JSON + contract validation, apply, status
//       after each batch, periodic snapshots) until the backlog is drained, plus the final snapshot,
//   (c) one status recompute at 1,000 and at 50,000 items (pure, median of many),
//   (d) GET /status req/s and p99 with autocannon while events keep arriving (--live-rate per second).
// The database and topics are removed at the end.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg, totalmem } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { signToken } from '@zone-risk/auth';
import type { Envelope } from '@zone-risk/contracts';
import { createKafka, createProducer, eventMessage } from '@zone-risk/messaging';
import { loadConfig } from '@zone-risk/platform';
import { connectStore } from '@zone-risk/store';
import autocannon from 'autocannon';
import type { Producer } from 'kafkajs';
import { pino } from 'pino';
import { buildAggregatorApp } from '../src/app.ts';
import { aggregatorConfigSchema } from '../src/config.ts';
import { compilePolicy } from '../src/domain/compiled-policy.ts';
import { defaultPolicy } from '../src/domain/default-policy.ts';
import { policyInputSchema } from '../src/domain/policy.ts';
import { projectEvent } from '../src/domain/project.ts';
import { ReadModel } from '../src/domain/read-model.ts';
import { computeStatus } from '../src/domain/status.ts';
import { accepted, becameOverdue, heartbeat, planned, reported } from '../test/helpers/hazards.ts';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '200000' },
    partitions: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    'live-rate': { type: 'string', default: '2000' },
  },
});
const EVENTS = Number(args.events);
const ITEMS = Math.max(1, Math.floor(EVENTS / 4));
const PARTITIONS = Number(args.partitions);
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const mongoUrl = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017';
const suffix = randomBytes(4).toString('hex');
const topic = `bench.aggregator.safety.${suffix}`;
const statusTopic = `bench.aggregator.status.${suffix}`;
const dbName = `bench_aggregator_${suffix}`;
const logger = pino({ level: process.env.LOG_LEVEL ?? 'silent' });
const kafka = createKafka({ clientId: 'bench-aggregator', brokers, logger });

/** The aggregator's environment in (b) and, in a child process, in (d): same database, topics, group. */
const serviceEnv = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  MONGO_URL: mongoUrl,
  MONGO_DB: dbName,
  KAFKA_BROKERS: brokers.join(','),
  AGGREGATOR_TOPICS: topic,
  AGGREGATOR_STATUS_TOPIC: statusTopic,
  AGGREGATOR_GROUP_ID: `bench-aggregator-${suffix}`,
};
const log = (line: string) => process.stdout.write(`${line}\n`);
const round = (n: number, digits = 0) => Number(n.toFixed(digits)).toLocaleString('en-US');

/** Event `round` (0-3) of hazard `i`: reported, planned, overdue or re-planned, closed or re-planned. */
function eventOf(i: number, step: number, at: Date): Envelope {
  const state = {
    id: `hz-${String(i).padStart(6, '0')}`,
    version: step + 1,
    grade: i % 20 === 0 ? ('major' as const) : ('general' as const),
    enterprise: (i % 500) + 1,
    time: at,
  };
  if (step === 0) return reported(state);
  if (step === 1) return planned(state);
  if (step === 2) return i % 10 === 0 ? becameOverdue(state) : planned(state);
  return i % 3 === 0 ? accepted(state) : planned({ ...state, overdue: i % 10 === 0 });
}

function workload(items: number, events: number): Envelope[] {
  const at = new Date();
  const all: Envelope[] = [
    heartbeat('safety', 1, at),
    heartbeat('environment', 1, at),
    heartbeat('food-drug', 1, at),
    heartbeat('debt', 1, at),
  ];
  for (let step = 0; step < 4 && all.length < events; step++) {
    for (let i = 0; i < items && all.length < events; i++) all.push(eventOf(i, step, at));
  }
  return all;
}

async function preload(producer: Producer, events: readonly Envelope[]): Promise<void> {
  for (let start = 0; start < events.length; start += 2_000) {
    await producer.send({ topic, acks: -1, messages: events.slice(start, start + 2_000).map(eventMessage) });
  }
}

async function rawConsumption(total: number): Promise<number> {
  const consumer = kafka.consumer({ groupId: `bench-raw-${suffix}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  let seen = 0;
  let started = 0;
  const done = new Promise<number>((resolve) => {
    void consumer.run({
      eachBatch: async ({ batch }) => {
        if (started === 0) started = performance.now();
        seen += batch.messages.length;
        if (seen >= total) resolve(performance.now() - started);
      },
    });
  });
  const ms = await done;
  await consumer.disconnect();
  return ms;
}

function recomputeMs(events: readonly Envelope[], items: number): { items: number; medianUs: number } {
  const policy = { ...policyInputSchema.parse(defaultPolicy), version: 1 };
  const model = new ReadModel(compilePolicy(policy));
  for (const event of events) {
    if (event.aggregatetype === 'hazard' && Number(event.aggregateid.slice(3)) >= items) continue;
    model.apply(projectEvent(event, model.compiled, 'demo-zone'));
  }
  const samples: number[] = [];
  const now = Date.now();
  for (let i = 0; i < 2_000; i++) {
    const started = performance.now();
    computeStatus(model, { now });
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { items: model.items.size, medianUs: (samples[Math.floor(samples.length / 2)] ?? 0) * 1000 };
}

async function main(): Promise<void> {
  const cpu = cpus();
  log(
    `machine: ${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load ${loadavg()[0]?.toFixed(1)}`,
  );
  log(
    `workload: ${EVENTS.toLocaleString('en-US')} events over ${ITEMS.toLocaleString('en-US')} hazards, ${PARTITIONS} partitions`,
  );
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: [
      { topic, numPartitions: PARTITIONS, replicationFactor: 1 },
      { topic: statusTopic, numPartitions: 1, replicationFactor: 1 },
    ],
  });
  const producer = createProducer(kafka);
  await producer.connect();
  const store = await connectStore({ url: mongoUrl, dbName });
  try {
    let started = performance.now();
    const events = workload(ITEMS, EVENTS);
    log(
      `generated and validated with the contracts' create(): ${round((performance.now() - started) / 1000, 1)} s`,
    );
    started = performance.now();
    await preload(producer, events);
    log(`preloaded: ${round((performance.now() - started) / 1000, 1)} s`);

    const rawMs = await rawConsumption(events.length);
    const rawRate = events.length / (rawMs / 1000);
    log(`(a) raw kafkajs consumption: ${round(rawRate)} events/s (${round(rawMs / 1000, 2)} s)`);

    const config = loadConfig(aggregatorConfigSchema, {
      ...serviceEnv,
      AGGREGATOR_SNAPSHOT_INTERVAL_MS: '5000',
    });
    started = performance.now();
    const app = await buildAggregatorApp({ config, store, logger });
    const ready = performance.now();
    const ends = await admin.fetchTopicOffsets(topic);
    const drainedAt = await new Promise<number>((resolve) => {
      const check = setInterval(() => {
        const positions = app.aggregator.positions();
        if (ends.every((p) => Number(positions.get(`${topic}:${p.partition}`) ?? p.low) >= Number(p.high))) {
          clearInterval(check);
          resolve(performance.now());
        }
      }, 20);
    });
    const drainMs = drainedAt - ready;
    const snapStarted = performance.now();
    const snapshot = await app.aggregator.snapshotNow();
    const snapshotMs = performance.now() - snapStarted;
    const appliedRate = events.length / ((drainMs + snapshotMs) / 1000);
    log(
      `(b) aggregator: ${round(appliedRate)} events/s applied incl. the final snapshot; ratio b/a ${(appliedRate / rawRate).toFixed(2)}`,
    );
    log(
      `    start (policy, snapshot load, group join) ${round(ready - started)} ms; backlog drained in ${round(drainMs / 1000, 2)} s; final snapshot ${round(snapshotMs)} ms (${snapshot?.items.toLocaleString('en-US')} items, ${snapshot?.chunks} chunks, ${round((snapshot?.bytes ?? 0) / 1024)} KiB gzip)`,
    );
    const status = app.aggregator.current();
    log(`    status: ${status.level}, score ${status.score}, ${status.sequence} recorded changes`);

    for (const items of [1_000, ITEMS]) {
      const r = recomputeMs(events, items);
      log(
        `(c) one status recompute at ${round(r.items)} items: ${r.medianUs.toFixed(1)} µs (median of 2,000)`,
      );
    }

    await app.close();

    // (d) in a child process: autocannon must not share the service's event loop.
    const child = spawn(process.execPath, [fileURLToPath(new URL('./status-target.ts', import.meta.url))], {
      env: { ...process.env, ...serviceEnv },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const port = await new Promise<number>((resolve, reject) => {
        child.once('exit', (code) => reject(new Error(`status target exited with ${code}`)));
        createInterface({ input: child.stdout }).once('line', (line) => resolve(Number(line)));
      });
      const token = await signToken({ sub: 'bench', roles: ['risk-office'] });
      const rate = Number(args['live-rate']);
      let live = 0;
      let feeding = true;
      const feeder = (async () => {
        const at = new Date();
        while (feeding) {
          const batch: Envelope[] = [];
          for (let k = 0; k < rate / 10; k++, live++) {
            batch.push(
              planned({ id: `hz-${String(live % ITEMS).padStart(6, '0')}`, version: 100 + live, time: at }),
            );
          }
          await producer.send({ topic, messages: batch.map(eventMessage) });
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      })();
      const options = {
        url: `http://127.0.0.1:${port}/status`,
        headers: { authorization: `Bearer ${token}` },
        connections: Number(args.connections),
      };
      await autocannon({ ...options, duration: 2 }); // warm-up: JIT, connections
      const sentBefore = live;
      const result = await autocannon({ ...options, duration: Number(args.seconds) });
      const sent = live - sentBefore;
      log(
        `(d) GET /status: ${round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${result.non2xx} non-2xx, ${args.connections} connections, while ${round(sent / Number(args.seconds))} events/s were produced to the topic`,
      );
      // The same process and load on the platform's cheapest route (public, no token, no body):
      // what the HTTP stack itself allows on this machine right now.
      const baseline = await autocannon({
        url: `http://127.0.0.1:${port}/health/live`,
        connections: Number(args.connections),
        duration: Number(args.seconds),
      });
      log(
        `    baseline GET /health/live, same process and load: ${round(baseline.requests.average)} req/s, p99 ${baseline.latency.p99} ms`,
      );
      feeding = false;
      await feeder;
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  } finally {
    await producer.disconnect();
    await admin.deleteTopics({ topics: [topic, `${topic}.dlq`, statusTopic] }).catch(() => undefined);
    await admin.deleteGroups([`bench-raw-${suffix}`, `bench-aggregator-${suffix}`]).catch(() => undefined);
    await admin.disconnect();
    await store.dropDatabase().catch(() => undefined);
    await store.close();
  }
}

await main();
