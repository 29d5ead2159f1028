// pnpm bench:debt — sizes and counts come from the environment:
//   DEBT_BENCH_POSTINGS (60) and DEBT_BENCH_CONCURRENCY (1,8): (1) repayments posted
//   DEBT_BENCH_SIZES (1000,3000,10000,30000,100000): postings on the register for (2) and (3),
//     grown in turn
//   DEBT_BENCH_PER_INSTRUMENT (25): postings on each instrument grown in (an opening, then repayments)
//   DEBT_BENCH_SAMPLES (3): measurements per size, the median printed
//   DEBT_BENCH_MAX_REQUEST_SECONDS (6): no read is made whose projected longest request is longer.
//     The local store front restarts FerretDB, for every client, when a request takes 15 s, and
//     FerretDB sorts and filters by range after reading every document of the collection, so a
//     read in `_id` order (the service's) costs the whole collection in its first request.
//     Projected from the bytes of the collection and the rate of the last such read (at first, of
//     reads by `_id`, an overestimate). The whole-register read (the baseline) is skipped from the
//     first size past it on. From the first size at which the service's read of the summaries
//     would pass it, no instruments are filled and nothing of the service runs: only summaries
//     are filled and read by the driver unsorted, 100 a request (FerretDB then answers batch by
//     batch), with the CPU the service would spend on them, while that read's longest request,
//     projected, stays under it.
// The debt app is built in this process on a database and topic of its own (removed at the end),
// against KAFKA_BROKERS and MONGO_URL (default the local ones), with its timers at start only
// (SWEEP_SECONDS 3600), and driven through app.inject. It prints (1) POST /instruments/{id}/repayments
// against raw insertOne of a stored instrument document through the same connection, (2) one more
// posting, the read of the summaries, the indicators recompute from them and, as the baseline, the
// read of the whole register the recompute used to make, as the register grows (instruments and
// their summaries inserted in bulk), (3) GET /tasks/{year}/burn-down at each size.
import { randomBytes } from 'node:crypto';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { signToken } from '@zone-risk/auth';
import { addDays, systemClock, zoneDay } from '@zone-risk/calendar';
import { deadLetterTopic } from '@zone-risk/contracts';
import { createDomainContext } from '@zone-risk/domain-service';
import { createKafka } from '@zone-risk/messaging';
import { loadConfig } from '@zone-risk/platform';
import { connectStore } from '@zone-risk/store';
import { pino } from 'pino';
import { buildDebtApp, debtService } from '../src/app.ts';
import { debtConfigSchema } from '../src/config.ts';
import { readAll } from '../src/data/read-all.ts';
import { figuresOf, instrumentFigures } from '../src/domain/figures.ts';
import { computeIndicators, DEFAULT_SETTINGS } from '../src/domain/indicators.ts';
import { owed } from '../src/domain/instrument.ts';
import { burnDown } from '../src/domain/progress.ts';
import { filler, fillerCode } from './filler.ts';
import { atConcurrency, medianOf, rateText, timed } from './measure.ts';

const numbers = (name: string, fallback: string) =>
  (process.env[name] ?? fallback).split(',').map((n) => Number(n.trim()));
const [postings = 60] = numbers('DEBT_BENCH_POSTINGS', '60');
const levels = numbers('DEBT_BENCH_CONCURRENCY', '1,8');
const sizes = numbers('DEBT_BENCH_SIZES', '1000,3000,10000,30000,100000');
const [perInstrument = 25] = numbers('DEBT_BENCH_PER_INSTRUMENT', '25');
const [samples = 3] = numbers('DEBT_BENCH_SAMPLES', '3');
const [maxRequestSeconds = 6] = numbers('DEBT_BENCH_MAX_REQUEST_SECONDS', '6');
const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const mongoUrl = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017';
const suffix = randomBytes(4).toString('hex');
const dbName = `bench_debt_${suffix}`;
const topic = `bench.debt.${suffix}`;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
const jsonBytes = (doc: unknown) => Buffer.byteLength(JSON.stringify(doc));
const seconds = (ms: number) => (ms / 1000).toFixed(1);

console.log(
  `machine: ${availableParallelism()} cpus (${cpus()[0]?.model ?? '?'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString()}`,
);
console.log(
  `store ${mongoUrl}, brokers ${brokers}; (1) ${postings} postings at concurrency ${levels.join(', ')}; (2)(3) sizes ${sizes.join(', ')} postings, ${perInstrument} per instrument, median of ${samples}; load average ${load()}\n`,
);

const config = loadConfig(debtConfigSchema, {
  ...process.env,
  LOG_LEVEL: 'silent',
  KAFKA_BROKERS: brokers,
  MONGO_URL: mongoUrl,
  MONGO_DB: dbName,
  DEBT_TOPIC: topic,
  SWEEP_SECONDS: '3600',
});
const store = await connectStore({ url: mongoUrl, dbName });
const db = store.db;
if (!db) throw new Error('store not connected');
const app = await buildDebtApp({ config, store, closeStore: false });
await app.ready();
// The commands' own context on the same store, to time the recompute apart from a posting.
const ctx = createDomainContext(debtService, {
  store,
  config,
  clock: systemClock,
  logger: pino({ level: 'silent' }),
  published: () => undefined,
});
const bearer = async (sub: string, role: 'debt-officer' | 'debt-supervisor' | 'risk-office') =>
  `Bearer ${await signToken({ sub, roles: [role] })}`;
const officer = await bearer('bench-officer', 'debt-officer');
const supervisor = await bearer('bench-supervisor', 'debt-supervisor');
const reader = await bearer('bench-risk-office', 'risk-office');

async function call(
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  token: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const answer = await app.inject({
    method,
    url,
    headers: { authorization: token, ...headers },
    ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
  });
  return { status: answer.statusCode, text: answer.body };
}
const must = (what: string, answer: { status: number; text: string }, ...statuses: number[]) => {
  if (!statuses.includes(answer.status))
    throw new Error(`${what} answered ${answer.status}: ${answer.text.slice(0, 400)}`);
};

const today = zoneDay(new Date());
const year = Number(today.slice(0, 4));
let rssPeak = process.memoryUsage().rss;
const rssTimer = setInterval(() => {
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
}, 100);
let keys = 0;
/** One yuan of interest paid early against `payment` (what a voucher of a partial payment posts). */
const repay = (id: string, payment: number) =>
  call(
    'POST',
    `/instruments/${id}/repayments`,
    officer,
    { date: today, principal: 0, interest: 100, payment, note: `基准 ${keys}` },
    { 'idempotency-key': `bench-${suffix}-${keys++}` },
  );

/**
 * The summary the bench inserted for `id` is the one `figuresStore.save` writes for the instrument
 * as the service reads it back: compared with `figuresOf` of it, then written again by `save`.
 */
async function checkSummary(id: string) {
  const summaries = ctx.figures.model.collection;
  const inserted = await summaries.findOne({ _id: id as never });
  const instrument = await ctx.instruments.find(id);
  if (!inserted || !instrument) throw new Error(`${id} or its summary is not stored`);
  const { id: _id, ...expected } = figuresOf(instrument);
  await summaries.deleteOne({ _id: id as never });
  await ctx.figures.save(instrument);
  const saved = await summaries.findOne({ _id: id as never });
  if (!isDeepStrictEqual(inserted, { _id: id, ...expected }) || !isDeepStrictEqual(inserted, saved)) {
    throw new Error(
      `the summary inserted for ${id} is not what figuresStore.save writes: ${JSON.stringify({ inserted, saved })}`,
    );
  }
}

try {
  console.log(`process RSS at start ${mib(rssPeak)} MiB\n`);
  must(
    'PUT /capacities',
    await call('PUT', `/capacities/${year - 1}`, supervisor, { amount: 5_000_000_000_000, source: '基准' }),
    201,
  );
  must(
    'PUT /tasks',
    await call('PUT', `/tasks/${year}`, supervisor, { target: 2_000_000_000_000, note: '基准' }),
    201,
  );

  console.log(
    '(1) POST /instruments/{id}/repayments: 1 元 of interest against the next payment, Idempotency-Key,',
  );
  console.log(
    '    over 20 instruments (auth, zod, the posting, its summary, the indicators from the summaries)',
  );
  console.log(
    '    vs raw insertOne of a stored instrument document through the same connection, same concurrency',
  );
  const accounts = Array.from({ length: 20 }, (_, i) => `BENCH-${String(i + 1).padStart(2, '0')}`);
  for (const [i, id] of accounts.entries()) {
    must(
      'POST /instruments',
      await call('POST', '/instruments', officer, {
        id,
        debtor: { creditCode: fillerCode(99), name: '基准平台公司' },
        name: `基准贷款 ${i}`,
        type: 'bank-loan',
        creditor: '基准银行',
        principal: 10_000_000_000,
        rate: { kind: 'floating', reference: 'lpr-1y', fixing: '3.00', spreadBp: 45 },
        start: addDays(today, -10 - i),
        maturity: addDays(today, 3650),
        structure: { kind: 'annuity', frequency: 12, dayCount: 'act-360' },
      }),
      201,
    );
  }
  const sample = await db.collection('instruments').findOne({ _id: accounts[0] as never });
  const { _id: _sampleId, ...rawDoc } = sample ?? {};
  const raw = db.collection('raw_baseline');
  for (const connections of levels) {
    const http = await atConcurrency(postings, connections, 201, (i) =>
      repay(accounts[i % accounts.length] ?? '', 1),
    );
    const baseline = await atConcurrency(postings, connections, 200, async () => {
      await raw.insertOne({ ...rawDoc });
      return { status: 200 };
    });
    console.log(
      `    c=${String(connections).padStart(2)}  HTTP ${rateText(http, 'req/s')}   raw ${rateText(baseline, 'ins/s')}   HTTP/raw ${(http.perSecond / baseline.perSecond).toFixed(3)}`,
    );
  }
  console.log(
    `    stored instrument ${(jsonBytes(sample) / 1024).toFixed(1)} KiB before the postings, its summary ${(jsonBytes(await ctx.figures.model.collection.findOne({ _id: accounts[0] as never })) / 1024).toFixed(1)} KiB after them; RSS peak ${mib(rssPeak)} MiB`,
  );

  const instruments = db.collection('instruments');
  const summaries = ctx.figures.model.collection;
  // What is on the register so far (JSON bytes of the stored documents, postings), and the rates
  // (ms per JSON byte) the reads are projected at: first those of reads by `_id`, which carry a
  // request's overhead for a document (an overestimate), then those of the last whole read.
  let instrumentBytes = 0;
  let summaryBytes = 0;
  let postingsOn = 0;
  let instrumentRate = 0;
  let summaryRate = 0;
  {
    let instrumentMs = 0;
    let summaryMs = 0;
    for (const id of accounts) {
      const [doc, docMs] = await timed(() => instruments.findOne({ _id: id as never }));
      const [summary, sumMs] = await timed(() => summaries.findOne({ _id: id as never }));
      if (!doc || !summary) throw new Error(`${id} or its summary is not stored`);
      instrumentBytes += jsonBytes(doc);
      summaryBytes += jsonBytes(summary);
      postingsOn += (doc.postings as unknown[]).length;
      instrumentMs += docMs;
      summaryMs += sumMs;
    }
    instrumentRate = instrumentMs / instrumentBytes;
    summaryRate = summaryMs / summaryBytes;
  }
  const { document: oneDocument, summary: oneSummary } = filler(0, perInstrument, today, config.ZONE_ID);
  console.log(
    `    a filler instrument: document ${(jsonBytes(oneDocument) / 1024).toFixed(1)} KiB (${(jsonBytes(oneDocument.history) / 1024).toFixed(1)} KiB of it its timeline), ` +
      `summary ${(jsonBytes(oneSummary) / 1024).toFixed(1)} KiB (${oneSummary.lines.length} lines owed, ${oneSummary.reductions.length} reductions)`,
  );

  console.log(
    `\n(2) the register grows (instruments of ${perInstrument} postings: monthly annuities, each payment met; timeline stored;`,
  );
  console.log(
    '    their summaries inserted with them, checked against what figuresStore.save writes): one more posting',
  );
  console.log(
    '    (POST …/repayments on one of them; of it, timed apart, the instrument’s load by _id and the summary’s',
  );
  console.log('    conditional upsert); the service’s read of the summaries (ctx.figures.all(): one');
  console.log(
    '    find sorted by _id, then the zod parse) and the driver’s, unsorted in batches of 100 (whole time, longest',
  );
  console.log(
    '    request); the indicators recompute (refresher.compute: the summaries, capacities, task, then the',
  );
  console.log(
    '    figures); the figures and the burn-down series alone (CPU); and as the baseline the whole-register',
  );
  console.log(
    '    read the recompute used to make, readAll(ctx.instruments), while it is projected under the limit',
  );
  console.log(`(3) GET /tasks/${year}/burn-down at each size (the summaries read + a point a day)`);
  const task = await ctx.tasks.find(String(year));
  if (!task) throw new Error(`no task for ${year}`);
  const capacities = await readAll(ctx.capacities);
  // The CPU the service spends on the summaries once read: the zod parse, the figures, the series.
  const cpuOf = async (docs: Record<string, unknown>[]) => {
    const [figures, parseMs] = await timed(async () =>
      docs.map(({ _id, ...doc }) => instrumentFigures.parse({ ...doc, id: _id })),
    );
    const [, figuresMs] = await medianOf(samples, async () =>
      computeIndicators({ instruments: figures, capacities, task, settings: DEFAULT_SETTINGS, day: today }),
    );
    const [, seriesMs] = await medianOf(samples, async () => burnDown(task, figures, today));
    return `parse ${parseMs.toFixed(0)} ms, figures ${figuresMs.toFixed(1)} ms, burn-down series ${seriesMs.toFixed(1)} ms`;
  };
  // The driver's read of the summaries, 100 a request, no sort: FerretDB then reads as it answers.
  let batchedRate = Number.NaN;
  let longestShare = Number.NaN;
  const batchedRead = async () => {
    const docs: Record<string, unknown>[] = [];
    let longest = 0;
    const began = performance.now();
    let last = began;
    for await (const doc of summaries.find({}, { batchSize: 100 })) {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
      docs.push(doc);
    }
    const ms = performance.now() - began;
    longest = Math.max(longest, performance.now() - last);
    batchedRate = ms / summaryBytes;
    longestShare = longest / ms;
    return { docs, ms, longest };
  };
  const batchedText = ({ ms, longest }: { ms: number; longest: number }) =>
    `driver read ${ms.toFixed(0)} ms (${(summaryBytes / 1024 / ms).toFixed(2)} MiB/s, longest request ${longest.toFixed(0)} ms)`;

  let filled = 0;
  let checked = false;
  let summariesOnly = false;
  for (const size of sizes) {
    const wanted = Math.max(Math.ceil(size / perInstrument), filled);
    const projectedBytes = summaryBytes + (wanted - filled) * jsonBytes(oneSummary);
    if (!summariesOnly && projectedBytes * summaryRate > maxRequestSeconds * 1000) {
      summariesOnly = true;
      console.log(
        `    from ~${size} postings on: the service's read of the summaries (~${mib(projectedBytes)} MiB in its first request) ` +
          `is projected at ~${seconds(projectedBytes * summaryRate)} s, above DEBT_BENCH_MAX_REQUEST_SECONDS ${maxRequestSeconds}: ` +
          'no posting, recompute, burn-down or baseline; only summaries are filled, with no instruments, ' +
          'and read once by the driver in batches of 100, with the CPU the service would spend on them',
      );
    }
    if (summariesOnly) {
      // Safe only while FerretDB answered a batch at a time (the longest request a small share).
      const projectedLongest = projectedBytes * batchedRate * longestShare;
      if (!(projectedLongest <= maxRequestSeconds * 1000)) {
        console.log(
          `    ~${size} postings: SKIPPED this size and larger: the driver's longest request of the summaries read ` +
            `is projected at ~${seconds(projectedLongest)} s, above ${maxRequestSeconds} s (or no read measured yet)`,
        );
        break;
      }
    }
    const [, fillMs] = await timed(async () => {
      const chunks = {
        instruments: [] as Record<string, unknown>[],
        summaries: [] as Record<string, unknown>[],
      };
      const chunkBytes = { instruments: 0, summaries: 0 };
      // ~1 MiB a request: each stays far from the store front's timeout.
      const flush = async (which: keyof typeof chunks, last: boolean) => {
        if (chunks[which].length === 0 || (!last && chunkBytes[which] < 2 ** 20)) return;
        await (which === 'instruments' ? instruments : summaries).insertMany(chunks[which] as never[]);
        chunks[which] = [];
        chunkBytes[which] = 0;
      };
      for (; filled < wanted; filled++) {
        const { document, summary } = filler(filled, perInstrument, today, config.ZONE_ID);
        const sumBytes = jsonBytes(summary);
        chunks.summaries.push(summary);
        chunkBytes.summaries += sumBytes;
        summaryBytes += sumBytes;
        postingsOn += document.postings.length;
        if (!summariesOnly) {
          const docBytes = jsonBytes(document);
          chunks.instruments.push(document);
          chunkBytes.instruments += docBytes;
          instrumentBytes += docBytes;
        }
        await flush('instruments', false);
        await flush('summaries', false);
      }
      await flush('instruments', true);
      await flush('summaries', true);
    });
    const count = accounts.length + filled;
    if (summariesOnly) {
      const read = await batchedRead();
      console.log(
        `    ${String(postingsOn).padStart(6)} postings' worth of summaries, ${count} (${mib(summaryBytes)} MiB as JSON; filled in ${seconds(fillMs)} s): ` +
          `${batchedText(read)}; ${await cpuOf(read.docs)}; RSS peak ${mib(rssPeak)} MiB; load ${load()}`,
      );
      continue;
    }
    if (!checked && filled > 0) {
      await checkSummary('FILL-000000');
      checked = true;
    }
    const head = `    ${String(postingsOn).padStart(6)} postings on ${count} instruments (${mib(instrumentBytes)} MiB of documents, ${mib(summaryBytes)} MiB of summaries as JSON; filled in ${seconds(fillMs)} s)`;
    const probe = await ctx.instruments.find('FILL-000000');
    const next = probe?.schedule.find((l) => owed(l).interest > 0 && l.dueDate >= today)?.seq ?? 1;
    const [posted, postMs] = await medianOf(samples, () => repay('FILL-000000', next));
    must('POST /instruments/FILL-000000/repayments', posted, 201);
    postingsOn += samples;
    // Two of the posting's own requests: the instrument's load by _id, and its summary's write
    // (here at the same version: the conditional upsert misses and meets the _id, as a retry's).
    const [after, loadMs] = await medianOf(samples, () => ctx.instruments.find('FILL-000000'));
    if (!after) throw new Error('FILL-000000 is not stored');
    const [, saveMs] = await medianOf(samples, () => ctx.figures.save(after));
    const [, summariesMs] = await medianOf(samples, () => ctx.figures.all());
    summaryRate = summariesMs / summaryBytes;
    const [read] = await medianOf(samples, () => batchedRead());
    // How long the service's find takes to answer its first batch (FerretDB sorts in memory).
    const [, firstMs] = await timed(async () => {
      const cursor = summaries.find({}, { sort: { _id: 1 }, batchSize: 100 });
      await cursor.next();
      await cursor.close();
    });
    const [, recomputeMs] = await medianOf(samples, () => ctx.refresher.compute(DEFAULT_SETTINGS));
    const [burn, burnMs] = await medianOf(samples, () => call('GET', `/tasks/${year}/burn-down`, reader));
    must('GET /tasks/{year}/burn-down', burn, 200);
    // The baseline: a page of 1,000 a request, each reading the whole collection (sort and range).
    const pages = Math.max(1, Math.ceil(count / 1000));
    const projectedWhole = pages * instrumentBytes * instrumentRate;
    let baseline: string;
    if (projectedWhole > maxRequestSeconds * 1000) {
      baseline = `whole-register read SKIPPED (projected ~${seconds(projectedWhole)} s, above ${maxRequestSeconds} s)`;
    } else {
      const [register, wholeMs] = await medianOf(samples, () => readAll(ctx.instruments));
      if (register.length !== count) throw new Error(`read ${register.length} instruments of ${count}`);
      instrumentRate = wholeMs / (pages * instrumentBytes);
      // What `reconcile` does at start after that read: every summary written again (here all at
      // their version already, as after a clean stop), one conditional upsert each, in turn.
      const [, saveAllMs] = await timed(() => ctx.figures.saveAll(register));
      baseline =
        `whole-register read ${wholeMs.toFixed(0)} ms (whole/summaries ${(wholeMs / summariesMs).toFixed(1)}, ${(instrumentBytes / 1024 / wholeMs).toFixed(2)} MiB/s); ` +
        `then reconcile's saveAll ${saveAllMs.toFixed(0)} ms`;
    }
    console.log(
      `${head}: posting ${postMs.toFixed(0)} ms (its load ${loadMs.toFixed(0)} ms, its summary's write ${saveMs.toFixed(0)} ms); summaries read ${summariesMs.toFixed(0)} ms ` +
        `(${(summaryBytes / 1024 / summariesMs).toFixed(2)} MiB/s; sorted, its first batch ${firstMs.toFixed(0)} ms), ${batchedText(read)}; ` +
        `recompute ${recomputeMs.toFixed(0)} ms; ${await cpuOf(read.docs)}; ${baseline}; ` +
        `burn-down ${burnMs.toFixed(0)} ms (${(burn.text.length / 1024).toFixed(0)} KiB); RSS peak ${mib(rssPeak)} MiB; load ${load()}`,
    );
  }
  console.log(`\nprocess RSS peak ${mib(rssPeak)} MiB; load average ${load()}`);
} finally {
  clearInterval(rssTimer);
  await app.close();
  await store.dropDatabase().catch(() => undefined);
  await store.close();
  const admin = createKafka({ clientId: 'bench-debt', brokers: brokers.split(',') }).admin();
  await admin.connect();
  await admin.deleteTopics({ topics: [topic, deadLetterTopic(topic)] }).catch(() => undefined);
  await admin.disconnect();
}
