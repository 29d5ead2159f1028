import t from 'tap';
import { itemId } from '../../src/domain/ledger.ts';
import { finished, type ImportView, ledgerCsv, ledgerLine, readImport, upload } from '../helpers/ledger.ts';
import { riskOffice, startService, stored } from '../helpers/service.ts';

// 2,000 rows, not 10,000: on the local FerretDB store one registration costs ~25-30 ms (its insert
// plus the relay's lease, read and trim, all queued behind one another by the store front), so
// 10,000 rows take minutes. `pnpm bench:environment` imports 10,000; LARGE_IMPORT_ROWS=10000 here too.
const ROWS = Number(process.env.LARGE_IMPORT_ROWS ?? 2_000);

t.test(
  `a ${ROWS}-row ledger imports in the background, with progress visible, without blocking the server`,
  async (t) => {
    const service = await startService(t);
    const { app, events } = service;
    const batch = '万行台账';
    const file = ledgerCsv(Array.from({ length: ROWS }, (_, i) => ledgerLine(batch, i + 1)));

    const started = Date.now();
    const response = await upload(app, file, 'big.csv');
    t.equal(response.statusCode, 202, 'accepted');
    t.match(
      response.json(),
      { status: 'queued', processed: 0 },
      'answered with the job as it was accepted: the upload is not held for the import',
    );
    const url = String(response.headers.location);

    // While it runs: progress moves, and other requests are served.
    const seen: ImportView[] = [];
    let healthChecks = 0;
    for (;;) {
      const job = await readImport(app, url);
      seen.push(job);
      const health = await app.inject({ method: 'GET', url: '/health/live' });
      if (health.statusCode === 200) healthChecks += 1;
      if (!['queued', 'parsing', 'running'].includes(job.status)) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const job = await finished(app, url);
    t.comment(`${ROWS} rows imported in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    t.match(job, {
      status: 'completed',
      total: ROWS,
      processed: ROWS,
      created: ROWS,
      failed: 0,
      percent: 100,
    });
    const partial = seen.filter((j) => j.status === 'running' && j.processed > 0 && j.processed < ROWS);
    t.ok(partial.length > 0, `progress was visible part-way (${partial.map((j) => j.percent).join(', ')} %)`);
    const processed = seen.map((j) => j.processed);
    t.same(
      processed,
      [...processed].sort((a, b) => a - b),
      'progress only moves forward',
    );
    t.equal(healthChecks, seen.length, 'the server answered every request meanwhile');

    const last = itemId(batch, `ZY-${String(ROWS).padStart(5, '0')}`);
    t.match(await stored(service, last), { status: 'pending', importId: job.id });
    t.match(await events.waitFor('RectificationItemRegistered', last, 150_000), {
      data: { importId: job.id },
    });
    const listed = await app.inject({
      method: 'GET',
      url: `/items?batch=${encodeURIComponent(batch)}&limit=5`,
      headers: await riskOffice(),
    });
    t.equal(listed.json().items.length, 5);
  },
);
