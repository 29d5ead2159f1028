// pnpm bench:safety [--requests 400] [--concurrency 1,4,16,64] [--sizes 1000,100000] [--accepts 15]
// Uses KAFKA_BROKERS and MONGO_URL (default: the local ones); runs the safety app in a child
// process on a random port with a database and topic of its own, removed at the end.
import { randomBytes } from 'node:crypto';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { signToken } from '@zone-risk/auth';
import { deadLetterTopic } from '@zone-risk/contracts';
import { createKafka } from '@zone-risk/messaging';
import { connectStore } from '@zone-risk/store';
import { startServiceProcess } from '@zone-risk/testkit';
import autocannon from 'autocannon';
import { fillerHazards, percentile } from './filler.ts';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '400' },
    concurrency: { type: 'string', default: '1,4,16,64' },
    sizes: { type: 'string', default: '1000,20000' },
    accepts: { type: 'string', default: '15' },
  },
});
const requests = Number(values.requests);
const levels = values.concurrency.split(',').map(Number);
const sizes = values.sizes.split(',').map(Number);
const accepts = Number(values.accepts);
const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const mongoUrl = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017';
const suffix = randomBytes(4).toString('hex');
const dbName = `bench_safety_${suffix}`;
const topic = `bench.safety.${suffix}`;

console.log(
  `machine: ${availableParallelism()} cpus (${cpus()[0]?.model ?? '?'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString()}`,
);
console.log(`store ${mongoUrl}, brokers ${brokers}, ${requests} requests per level\n`);

// The service as deployed, in its own process, so that autocannon and the server do not share a thread.
const target = await startServiceProcess('safety', {
  LOG_LEVEL: 'silent',
  MONGO_DB: dbName,
  SAFETY_TOPIC: topic,
  KAFKA_BROKERS: brokers,
  MONGO_URL: mongoUrl,
});
const base = target.url;
const inspector = `Bearer ${await signToken({ sub: 'bench-inspector', roles: ['inspector'] })}`;
const supervisor = `Bearer ${await signToken({ sub: 'bench-supervisor', roles: ['safety-supervisor'] })}`;
const deadline = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
const hazard = JSON.stringify({
  enterprise: { creditCode: '91320113MA1MB6AT2R', name: '南京瑞丰精细化工有限公司' },
  location: '2号车间',
  description: '防护罩缺失，传动部位外露',
  category: 'equipment',
  grade: 'general',
  deadline,
});

const store = await connectStore({ url: mongoUrl, dbName });
const db = store.db;
if (!db) throw new Error('store not connected');

try {
  console.log('(a) POST /hazards over HTTP (validate, auth, one insert with its event, relay to Kafka)');
  console.log(
    '    vs (b) the same number of raw driver insertOne calls of a hazard-sized document, same concurrency',
  );
  const raw = db.collection('raw_baseline');
  const sample = (await db.collection('hazards').findOne({})) ?? { padding: 'x'.repeat(2000) };
  for (const connections of levels) {
    const http = await autocannon({
      url: `${base}/hazards`,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: inspector },
      body: hazard,
      connections,
      amount: requests,
    });
    const latencies: number[] = [];
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (next < requests) {
          next += 1;
          const { _id, ...doc } = sample as Record<string, unknown>;
          const t0 = performance.now();
          await raw.insertOne({ ...doc });
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((x, y) => x - y);
    const rawRate = requests / seconds;
    console.log(
      `    c=${String(connections).padStart(3)}  (a) ${Math.round(http.requests.average).toString().padStart(5)} req/s  p50 ${http.latency.p50} ms  p99 ${http.latency.p99} ms  non-2xx ${http.non2xx}` +
        `   (b) ${Math.round(rawRate).toString().padStart(5)} inserts/s  p50 ${percentile(latencies, 50).toFixed(1)} ms  p99 ${percentile(latencies, 99).toFixed(1)} ms   a/b ${(http.requests.average / rawRate).toFixed(2)}`,
    );
  }

  console.log(`\n(c) one state change (accept) by size of the hazards collection, median of ${accepts}`);
  // Counted here, not with countDocuments: on FerretDB a count reads the whole collection (at
  // 100,000 documents it outlasts the store's request timeout).
  const hazards = db.collection('hazards');
  let stored = levels.length * requests;
  for (const size of sizes) {
    const started = performance.now();
    while (stored < size) {
      const batch = Math.min(1000, size - stored);
      await hazards.insertMany(fillerHazards(stored, batch) as never[], { ordered: false });
      stored += batch;
    }
    const fillSeconds = (performance.now() - started) / 1000;
    const ids: { id: string; etag: string }[] = [];
    for (let i = 0; i < accepts; i++) ids.push(await awaitingAcceptance());
    stored += accepts;
    const times: number[] = [];
    for (const { id, etag } of ids) {
      const t0 = performance.now();
      const response = await fetch(`${base}/hazards/${id}/accept`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: supervisor, 'if-match': etag },
        body: '{}',
      });
      times.push(performance.now() - t0);
      if (response.status !== 200)
        throw new Error(`accept answered ${response.status}: ${await response.text()}`);
    }
    times.sort((x, y) => x - y);
    console.log(
      `    ${String(stored).padStart(7)} hazards (filled in ${fillSeconds.toFixed(1)} s): accept median ${percentile(times, 50).toFixed(1)} ms, p90 ${percentile(times, 90).toFixed(1)} ms`,
    );
  }
} finally {
  await target.stop();
  await store.dropDatabase().catch(() => undefined);
  await store.close();
  const admin = createKafka({ clientId: 'bench-safety', brokers: brokers.split(',') }).admin();
  await admin.connect();
  await admin.deleteTopics({ topics: [topic, deadLetterTopic(topic)] }).catch(() => undefined);
  await admin.disconnect();
}

async function call(
  path: string,
  body: unknown,
  auth: string,
  etag?: string,
): Promise<{ etag: string; id: string }> {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: auth,
      ...(etag ? { 'if-match': etag } : {}),
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  const json = (await response.json()) as { id: string };
  return { etag: response.headers.get('etag') ?? '', id: json.id };
}

async function awaitingAcceptance(): Promise<{ id: string; etag: string }> {
  const reported = await call('/hazards', JSON.parse(hazard), inspector);
  const planned = await call(
    `/hazards/${reported.id}/plan`,
    { measures: '加装防护罩', responsiblePerson: { id: 'p', name: '赵刚' }, funds: 10_000, deadline },
    inspector,
    reported.etag,
  );
  const submitted = await call(`/hazards/${reported.id}/submit`, {}, inspector, planned.etag);
  return submitted;
}
