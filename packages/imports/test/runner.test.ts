import ExcelJS from 'exceljs';
import t from 'tap';
import { findImportJob, type ImportJob } from '../src/jobs.ts';
import { templateXlsx } from '../src/template.ts';
import { ALICE, csv, HEADER, importing, THING_COLUMNS } from './helpers/things.ts';

const run = async (ctx: Awaited<ReturnType<typeof importing>>, file: Buffer, filename = 'things.csv') => {
  const job = await ctx.runner.start({ buffer: file, filename }, ALICE);
  await ctx.runner.idle();
  return { accepted: job, job: (await findImportJob(ctx.jobs, job.id)) as ImportJob };
};

const sorted = (errors: ImportJob['errors']) =>
  errors.map((e) => `${e.line}:${e.field}`).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));

t.test(
  'a CSV import writes the valid rows chunk by chunk and reports each bad row by line, field and reason',
  async (t) => {
    const ctx = await importing(t);
    const file = csv([
      HEADER,
      ['A-1', '甲', '3'],
      ['A-2', '', 'x'], // line 3: no name, count not a number
      ['A-3', '丙', ''],
      ['A-1', '甲又', '4'], // line 5: duplicates line 2
      ['LOCKED-1', '锁', ''], // line 6: refused by the write
      ['A 4', '丁', ''], // line 7: a space in the code
    ]);
    const { accepted, job } = await run(ctx, file);
    t.match(accepted, {
      status: 'queued',
      total: null,
      processed: 0,
      format: 'csv',
      size: file.length,
      createdBy: ALICE,
    });
    t.match(job, {
      status: 'completed',
      total: 6,
      processed: 6,
      created: 2,
      updated: 0,
      unchanged: 0,
      failed: 4,
      errorsTruncated: false,
      message: null,
    });
    t.type(job.finishedAt, Date);
    t.same(sorted(job.errors), ['3:count', '3:name', '5:code', '6:code', '7:code']);
    t.same(
      job.errors.find((e) => e.line === 5),
      { line: 5, field: 'code', reason: 'duplicates line 2' },
    );
    t.same(
      job.errors.find((e) => e.line === 6),
      { line: 6, field: 'code', reason: 'LOCKED-1 is locked' },
    );
    t.match(await ctx.table.stored('A-1'), { name: '甲', count: 3, importId: job.id });
    t.equal(await ctx.table.stored('A 4'), null);
    t.same(
      ctx.table.callers.map((c) => c.correlationId),
      [job.id, job.id, job.id],
      'each write is made by the uploader, with the job as correlation id',
    );
    t.same(ctx.table.callers[0]?.actor, ALICE);

    t.test('the same file again changes nothing: every valid row is unchanged', async (t) => {
      const { job: again } = await run(ctx, file);
      t.match(again, { status: 'completed', created: 0, updated: 0, unchanged: 2, failed: 4 });
      t.match(await ctx.table.stored('A-1'), { importId: job.id }, 'not written again');
    });

    t.test('a changed row counts as updated where the write updates it', async (t) => {
      const { job: changed } = await run(
        ctx,
        csv([HEADER, ['A-1', '甲', '5'], ['A-3', '丙', ''], ['A-9', '壬', '']]),
      );
      t.match(changed, {
        status: 'completed',
        total: 3,
        created: 1,
        updated: 1,
        unchanged: 1,
        failed: 0,
        errors: [],
      });
      t.match(await ctx.table.stored('A-1'), { count: 5, importId: changed.id });
    });
  },
);

t.test('a GB18030 CSV, as a Chinese-locale Excel saves it, imports like UTF-8', async (t) => {
  const ctx = await importing(t);
  // 编号,名称\r\n甲-1,乙公司\r\n
  const file = Buffer.from('b1e0bac52cc3fbb3c60d0abcd72d312cd2d2b9abcbbe0d0a', 'hex');
  const { job } = await run(ctx, file, 'gbk.csv');
  t.match(job, { status: 'completed', total: 1, created: 1, failed: 0 });
  t.match(await ctx.table.stored('甲-1'), { name: '乙公司', count: null });
});

t.test('an XLSX import: the template with rows of its own, and Excel cells of other types', async (t) => {
  const ctx = await importing(t);
  const { job } = await run(
    ctx,
    await templateXlsx({ columns: THING_COLUMNS, template: ctx.table.spec.template }),
    't.xlsx',
  );
  t.match(job, { status: 'completed', format: 'xlsx', total: 2, created: 2, failed: 0 });
  t.match(await ctx.table.stored('B-2'), { name: '乙, "丙"', count: null });

  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('物品');
  sheet.addRow(['数量', '编号', '名称', '备注']);
  sheet.addRow([7, 'X-1', { richText: [{ text: '富' }, { text: '文本' }] }, 'ignored']);
  sheet.addRow([1.5, 'X-2', '小数', '']);
  const { job: typed } = await run(ctx, Buffer.from(await workbook.xlsx.writeBuffer()), 'typed.xlsx');
  t.match(typed, {
    status: 'completed',
    total: 2,
    created: 1,
    failed: 1,
    errors: [{ line: 3, field: 'count' }],
  });
  t.match(await ctx.table.stored('X-1'), { name: '富文本', count: 7 });
});

t.test(
  'a header row without the required columns, or naming one twice, fails the file as a whole',
  async (t) => {
    const ctx = await importing(t);
    const { job } = await run(
      ctx,
      csv([
        ['数量', '备注'],
        ['1', 'x'],
      ]),
    );
    t.match(job, {
      status: 'failed',
      total: 0,
      processed: 0,
      created: 0,
      message:
        'The header row must name every required column once: missing code, name. Download the template: GET /things/import/template',
    });
    t.same(job.errors, [
      { line: 1, field: 'code', reason: 'column missing from the header row' },
      { line: 1, field: 'name', reason: 'column missing from the header row' },
    ]);
    const { job: twice } = await run(
      ctx,
      csv([
        ['编号', '名称', 'code'],
        ['A', 'b', 'A'],
      ]),
    );
    t.match(twice, { status: 'failed', message: /once: repeated code\. Download/ });
    const both = await run(
      ctx,
      csv([
        ['编号', 'code'],
        ['A', 'A'],
      ]),
    );
    t.match(both.job.message, /once: missing name; repeated code\. /);
    t.same(twice.errors, [{ line: 1, field: 'code', reason: 'column named twice in the header row' }]);
    t.equal(await ctx.table.stored('A'), null, 'nothing is written');
  },
);

t.test(
  'files refused whole: more rows than maxRows, an empty file, a header alone, an unreadable file',
  async (t) => {
    const ctx = await importing(t, { runner: { maxRows: 3, templateUrl: undefined } });
    const rows = (n: number) => Array.from({ length: n }, (_, i) => [`R-${i}`, `第${i}`, '']);
    const { job: tooMany } = await run(ctx, csv([HEADER, ...rows(4)]));
    t.match(tooMany, { status: 'failed', created: 0, message: 'The file has more than 3 rows; split it' });
    t.equal(await ctx.table.stored('R-0'), null, 'not even the first rows are written');
    const { job: enough } = await run(ctx, csv([HEADER, ...rows(3)]));
    t.match(enough, { status: 'completed', created: 3 }, 'maxRows rows are fine');

    const { job: empty } = await run(ctx, Buffer.from('\r\n\r\n'));
    t.match(empty, {
      status: 'failed',
      message: 'The file is empty: it needs a header row and at least one line',
    });
    const { job: header } = await run(ctx, csv([HEADER]));
    t.match(header, { status: 'completed', total: 0, processed: 0 }, 'a header alone is an empty table');
    const broken = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 7)]);
    const { job: unreadable } = await run(ctx, broken, 'broken.xlsx');
    t.match(unreadable, { status: 'failed', format: 'xlsx', message: /^The file cannot be read as XLSX: / });
    const { job: badHeader } = await run(ctx, csv([['x'], ['y']]));
    t.match(badHeader.message, /missing code, name\.$/, 'without templateUrl, no template is named');
  },
);

t.test('a write that throws fails the job with the reason; what was written stays', async (t) => {
  const ctx = await importing(t, {
    spec: {
      async write(thing) {
        if (thing.code === 'BOOM') throw new Error('the store went away');
        return { outcome: 'created' };
      },
    },
    runner: { chunkRows: 1 },
  });
  const { job } = await run(ctx, csv([HEADER, ['A', 'a', ''], ['BOOM', 'b', ''], ['C', 'c', '']]));
  t.match(job, {
    status: 'failed',
    processed: 1,
    created: 1,
    message: 'The import stopped on an internal error (the store went away); upload the file again',
  });
  t.type(job.finishedAt, Date);
});

t.test(
  'the report keeps the first 2,000 row errors; the counts stay exact and it says it was cut',
  async (t) => {
    const ctx = await importing(t, {
      spec: { keyOf: (thing) => ({ key: thing.code, field: 'code', duplicate: 'the same code' }) },
      runner: { maxRows: 5_000, chunkRows: 100 },
    });
    // 1,100 rows with two errors each, then refused rows: both kinds beyond the limit are counted.
    const bad = Array.from({ length: 1_100 }, (_, i) => [`B-${i}`, '', 'x']);
    const locked = Array.from({ length: 10 }, (_, i) => [`LOCKED-${i}`, '锁', '']);
    const { job } = await run(ctx, csv([HEADER, ...bad, ...locked, ['OK-1', '好', ''], ['OK-1', '好', '']]));
    t.match(job, { status: 'completed', total: 1_112, created: 1, failed: 1_111, errorsTruncated: true });
    t.equal(job.errors.length, 2_000);
    t.notOk(
      job.errors.some((e) => e.field === 'code' && /locked/.test(e.reason)),
      'refusals past the limit are not kept',
    );

    const few = await run(ctx, csv([HEADER, ['LOCKED-X', '锁', ''], ['OK-2', '好', ''], ['OK-2', '好', '']]));
    t.match(few.job, { failed: 2, errorsTruncated: false });
    t.same(few.job.errors.find((e) => e.line === 4)?.reason, 'duplicates line 3: the same code');
  },
);
