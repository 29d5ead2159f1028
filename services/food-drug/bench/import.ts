import { lineWriter, registerCsv } from './register.ts';

interface Job {
  status: string;
  total: number | null;
  processed: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  errors: { line: number; field: string; reason: string }[];
  message: string | null;
}

const ACTIVE = ['queued', 'parsing', 'running'];

/**
 * Imports a register of `rows` new businesses twice (the second time every row should be
 * unchanged) and prints what each import took. The header row is the template's own. Answers
 * false, having printed nothing, when the import route is not there (404).
 */
export async function importRegister(options: {
  base: string;
  officer: string;
  reader: string;
  rows: number;
  serialBase: number;
  /** Run after the first import, before the re-import. */
  between?: () => Promise<void>;
}): Promise<boolean> {
  const { base, officer, reader, rows } = options;
  const template = await fetch(`${base}/businesses/import/template?format=csv`, {
    headers: { authorization: reader },
  });
  const templateText = await template.text();
  if (template.status === 404) return false;
  if (template.status !== 200)
    throw new Error(`the template answered ${template.status}: ${templateText.slice(0, 300)}`);
  const headerLine = templateText.split(/\r?\n/)[0] ?? '';
  const write = lineWriter(headerLine);
  const file = registerCsv(
    headerLine,
    Array.from({ length: rows }, (_, i) => write(options.serialBase + i)),
  );

  for (const pass of ['first import', 're-import']) {
    if (pass === 're-import') await options.between?.();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file)], { type: 'text/csv' }), 'register.csv');
    const t0 = performance.now();
    const response = await fetch(`${base}/businesses/import`, {
      method: 'POST',
      headers: { authorization: officer },
      body: form,
    });
    const accepted = performance.now() - t0;
    const text = await response.text();
    if (response.status === 404 && pass === 'first import') return false;
    if (response.status !== 202)
      throw new Error(`the import answered ${response.status}: ${text.slice(0, 500)}`);
    const url = `${base}${response.headers.get('location')}`;
    let job: Job;
    let slowestHealth = 0;
    let healthChecks = 0;
    // When the job had processed half its rows: the second half's rate against the first's shows
    // whether rows cost more as the register grows.
    let halfAt = 0;
    for (;;) {
      const h0 = performance.now();
      await (await fetch(`${base}/health/live`)).arrayBuffer();
      slowestHealth = Math.max(slowestHealth, performance.now() - h0);
      healthChecks += 1;
      job = (await (await fetch(url, { headers: { authorization: reader } })).json()) as Job;
      if (halfAt === 0 && ACTIVE.includes(job.status) && job.processed >= rows / 2)
        halfAt = performance.now();
      if (!ACTIVE.includes(job.status)) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const seconds = (performance.now() - t0) / 1000;
    const firstHalf = (halfAt - t0) / 1000;
    const halves =
      halfAt === 0
        ? 'too fast to split in halves'
        : `first half ${(rows / 2 / firstHalf).toFixed(1)}, second half ${(rows / 2 / (seconds - firstHalf)).toFixed(1)} rows/s`;
    const verdict =
      pass === 're-import'
        ? job.unchanged === rows
          ? `every row unchanged (${job.unchanged})`
          : `NOT every row unchanged: unchanged ${job.unchanged} of ${rows}`
        : `created ${job.created}`;
    console.log(
      `    ${pass}: ${job.status}, ${verdict}, updated ${job.updated}, failed ${job.failed}; ${(file.length / 2 ** 20).toFixed(1)} MiB, 202 in ${accepted.toFixed(0)} ms; ` +
        `${seconds.toFixed(1)} s = ${(rows / seconds).toFixed(1)} rows/s (${halves}); slowest of ${healthChecks} /health/live meanwhile ${slowestHealth.toFixed(0)} ms`,
    );
    if (job.failed > 0 || job.message)
      console.log(`      ${job.message ?? ''} first errors: ${JSON.stringify(job.errors.slice(0, 3))}`);
  }
  return true;
}
