// pnpm bench:environment [--rows 10000] [--formats csv,xlsx]
// Imports a generated ledger of --rows lines into the environment app running in a child process
// (random port, a database and topic of its own, removed at the end), against KAFKA_BROKERS and
// MONGO_URL (default: the local ones). Reports rows/s of the import, the service's peak RSS
// (sampled from /proc every 50 ms), the slowest /health/live answered meanwhile, and when the
// last RectificationItemRegistered reached Kafka.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { signToken } from '@zone-risk/auth';
import { creditCodeCheckChar, deadLetterTopic } from '@zone-risk/contracts';
import { csvText, headerRow, templateXlsx } from '@zone-risk/imports';
import { createKafka, ensureTopics } from '@zone-risk/messaging';
import { connectStore } from '@zone-risk/store';
import { startServiceProcess } from '@zone-risk/testkit';
import { COLUMNS, LEDGER_TABLE } from '../src/domain/ledger.ts';

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '10000' }, formats: { type: 'string', default: 'csv' } },
});
const rows = Number(values.rows);
const formats = values.formats.split(',') as ('csv' | 'xlsx')[];
const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const mongoUrl = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017';
const suffix = randomBytes(4).toString('hex');
const dbName = `bench_environment_${suffix}`;
const topic = `bench.environment.${suffix}`;

console.log(
  `machine: ${availableParallelism()} cpus (${cpus()[0]?.model ?? '?'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString()}`,
);
console.log(`store ${mongoUrl}, brokers ${brokers}, ${rows} rows per import\n`);

const creditCode = (serial: number) => {
  const first17 = `91320113MA${String(serial).padStart(7, '0')}`;
  return `${first17}${creditCodeCheckChar(first17)}`;
};
const line = (batch: string, i: number) => [
  batch,
  `B-${String(i).padStart(6, '0')}`,
  ['中央生态环境保护督察', '省级生态环境保护督察', '自查发现', '信访投诉'][i % 4] ?? '',
  ['碧水', '蓝天', '净土', '固体废物', '噪声', '生态'][i % 6] ?? '',
  ['一般', '较大', '重大'][i % 3] ?? '',
  `第${i}项：园区雨污管网混接，雨水排口旱天出水`,
  ['开发区生态环境分局', '开发区建设局', '开发区城管局'][i % 3] ?? '',
  i % 2 === 0 ? creditCode(i) : '',
  i % 2 === 0 ? `演示企业${i}有限公司` : '',
  '排查雨污混接点并完成改造，建立长效管护机制',
  '雨污分流率100%',
  '2099-12-31',
];

const kafka = createKafka({ clientId: 'bench-environment', brokers: brokers.split(',') });
const admin = kafka.admin();
await admin.connect();
await ensureTopics(admin, [{ topic, partitions: 3 }]);
const registered = new Set<string>();
let lastEventAt = 0;
const consumer = kafka.consumer({ groupId: `bench-environment-${suffix}`, maxWaitTimeInMs: 100 });
await consumer.connect();
await consumer.subscribe({ topics: [topic], fromBeginning: true });
await consumer.run({
  eachMessage: async ({ message }) => {
    const event = JSON.parse(message.value?.toString() ?? '{}') as { type?: string; aggregateid?: string };
    if (event.type?.includes('RectificationItemRegistered') && event.aggregateid) {
      registered.add(event.aggregateid);
      lastEventAt = performance.now();
    }
  },
});

// The service as deployed, in its own process, so that its memory is measured alone.
const target = await startServiceProcess('environment', {
  LOG_LEVEL: 'silent',
  MONGO_DB: dbName,
  ENVIRONMENT_TOPIC: topic,
  KAFKA_BROKERS: brokers,
  MONGO_URL: mongoUrl,
});
const base = target.url;
const auth = `Bearer ${await signToken({ sub: 'bench-staff', roles: ['env-staff'] })}`;
const rssMiB = () => {
  const status = readFileSync(`/proc/${target.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
};

try {
  for (const format of formats) {
    const batch = `bench-${format}-${suffix}`;
    const lines = Array.from({ length: rows }, (_, i) => line(batch, i + 1));
    const file =
      format === 'csv'
        ? Buffer.from(csvText([headerRow(COLUMNS), ...lines]))
        : await templateXlsx(LEDGER_TABLE, lines);
    const before = registered.size;
    const idleRss = rssMiB();
    let peakRss = idleRss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, rssMiB());
    }, 50);
    let slowestHealth = 0;
    let healthChecks = 0;
    const form = new FormData();
    form.append(
      'file',
      new Blob([new Uint8Array(file)], { type: format === 'csv' ? 'text/csv' : 'application/octet-stream' }),
      `ledger.${format}`,
    );
    const t0 = performance.now();
    const response = await fetch(`${base}/items/import`, {
      method: 'POST',
      headers: { authorization: auth },
      body: form,
    });
    const accepted = performance.now() - t0;
    if (response.status !== 202)
      throw new Error(`import answered ${response.status}: ${await response.text()}`);
    const url = `${base}${response.headers.get('location')}`;
    let job: { status: string; processed: number; created: number; failed: number; total: number | null };
    for (;;) {
      const h0 = performance.now();
      await fetch(`${base}/health/live`);
      slowestHealth = Math.max(slowestHealth, performance.now() - h0);
      healthChecks += 1;
      job = (await (await fetch(url, { headers: { authorization: auth } })).json()) as typeof job;
      if (!['queued', 'parsing', 'running'].includes(job.status)) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const seconds = (performance.now() - t0) / 1000;
    while (registered.size - before < job.created && performance.now() - t0 < 30 * 60_000) {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    clearInterval(sampler);
    const published = (lastEventAt - t0) / 1000;
    console.log(
      `${format.toUpperCase()} ${(file.length / 2 ** 20).toFixed(1)} MiB, ${rows} rows: ${job.status}, created ${job.created}, failed ${job.failed}; 202 in ${accepted.toFixed(0)} ms; imported in ${seconds.toFixed(1)} s = ${Math.round(rows / seconds)} rows/s; ` +
        `RSS idle ${idleRss.toFixed(0)} MiB, peak ${peakRss.toFixed(0)} MiB; slowest of ${healthChecks} /health/live meanwhile ${slowestHealth.toFixed(0)} ms; ` +
        `last RectificationItemRegistered on Kafka after ${published.toFixed(1)} s (${Math.round(job.created / published)} events/s)`,
    );
  }
} finally {
  await target.stop();
  await consumer.disconnect();
  const store = await connectStore({ url: mongoUrl, dbName });
  await store.dropDatabase().catch(() => undefined);
  await store.close();
  await admin.deleteTopics({ topics: [topic, deadLetterTopic(topic)] }).catch(() => undefined);
  await admin.disconnect();
}
