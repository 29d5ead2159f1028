import { readFile } from 'node:fs/promises';
import { csvText } from '@zone-risk/imports';
import ExcelJS from 'exceljs';
import t from 'tap';
import { itemId, SOURCE_LABELS } from '../../src/domain/ledger.ts';
import { creditCodeFor } from '../helpers/fixtures.ts';
import { finished, ledgerCsv, ledgerLine, ledgerXlsx, upload } from '../helpers/ledger.ts';
import { riskOffice, staff, startService, stored } from '../helpers/service.ts';

// The ledger's own rules through the import. What every table import does (reading CSV, GB18030
// and XLSX, header errors, maxRows, refused uploads, the watchdog) is tested in @zone-risk/imports.

t.test('importing a ledger (拉条挂账)', async (t) => {
  const service = await startService(t);
  const { app, events } = service;

  t.test(
    'CSV: good rows are registered, bad and duplicate rows reported by line, field and reason',
    async (t) => {
      const batch = 'CSV导入批次';
      const rows = [
        ledgerLine(batch, 1),
        ledgerLine(batch, 2),
        ledgerLine(batch, 3, { 2: '媒体曝光' }), // line 4: unknown source
        ledgerLine(batch, 4, { 7: '91320113MA1MB6AT2X', 11: '2026-13-01' }), // line 5: bad code, bad date
        ledgerLine(batch, 1), // line 6: duplicates line 2
        ledgerLine(batch, 6, { 5: '' }), // line 7: no problem
        ledgerLine(batch, 7),
      ];
      const file = ledgerCsv(rows);
      const response = await upload(app, file, '台账.csv');
      t.equal(response.statusCode, 202);
      const location = String(response.headers.location);
      t.match(location, /^\/imports\/imp-/);
      const job = await finished(app, location);
      t.match(job, {
        status: 'completed',
        total: 7,
        processed: 7,
        percent: 100,
        created: 3,
        updated: 0,
        unchanged: 0,
        failed: 4,
      });
      t.same(
        job.errors
          .map((e) => [e.line, e.field])
          .sort((a, b) => Number(a[0]) - Number(b[0]) || String(a[1]).localeCompare(String(b[1]))),
        [
          [4, 'source'],
          [5, 'deadline'],
          [5, 'enterpriseCreditCode'],
          [6, 'code'],
          [7, 'problem'],
        ],
      );
      t.equal(
        job.errors.find((e) => e.line === 6)?.reason,
        'duplicates line 2: the same code in the same batch',
      );
      const id = itemId(batch, 'ZY-00002');
      t.match(await stored(service, id), {
        status: 'pending',
        via: 'import',
        importId: job.id,
        enterprise: { creditCode: creditCodeFor(102) },
      });
      t.match(await events.waitFor('RectificationItemRegistered', id), {
        correlationid: job.id,
        data: { via: 'import', importId: job.id, source: 'self-found', category: 'soil', severity: 'major' },
      });

      t.test('re-importing the same file changes nothing: every good row is unchanged', async (t) => {
        const again = await finished(app, String((await upload(app, file, '台账.csv')).headers.location));
        t.match(again, { status: 'completed', created: 0, updated: 0, unchanged: 3, failed: 4 });
        t.match(await stored(service, id), { _version: 1 });
      });

      t.test('a changed line with a known batch and code is reported, not applied', async (t) => {
        const changed = ledgerCsv([ledgerLine(batch, 2, { 10: '另一个目标' }), ledgerLine(batch, 8)]);
        const report = await finished(
          app,
          String((await upload(app, changed, 'changed.csv')).headers.location),
        );
        t.match(report, {
          created: 1,
          updated: 0,
          unchanged: 0,
          failed: 1,
          errors: [{ line: 2, field: 'code', reason: /different content/ }],
        });
      });
    },
  );

  t.test('XLSX: the same rules', async (t) => {
    const batch = 'XLSX导入批次';
    const xlsx = await ledgerXlsx([
      ledgerLine(batch, 1),
      ledgerLine(batch, 2, { 4: '严重' }),
      ledgerLine(batch, 3, { 11: '2099/6/30' }),
    ]);
    const job = await finished(app, String((await upload(app, xlsx, 'ledger.xlsx')).headers.location));
    t.match(job, {
      status: 'completed',
      total: 3,
      created: 2,
      failed: 1,
      errors: [{ line: 3, field: 'severity' }],
    });
    t.match(await stored(service, itemId(batch, 'ZY-00003')), { deadline: '2099-06-30' });
    const again = await finished(app, String((await upload(app, xlsx, 'ledger.xlsx')).headers.location));
    t.match(again, { created: 0, unchanged: 2, failed: 1 });
  });

  t.test(
    'the template downloads as CSV and XLSX, with Chinese and English headers, and imports as it is',
    async (t) => {
      const csv = await app.inject({
        method: 'GET',
        url: '/items/import/template?format=csv',
        headers: await riskOffice(),
      });
      t.equal(csv.statusCode, 200);
      t.match(csv.headers['content-type'], /text\/csv/);
      t.match(csv.body, /^\uFEFF批次 \/ batch,编号 \/ code,来源 \/ source/);
      t.match(
        csv.headers['content-disposition'],
        `attachment; filename="ledger-template.csv"; filename*=UTF-8''${encodeURIComponent('整改台账模板.csv')}`,
      );
      const xlsx = await app.inject({
        method: 'GET',
        url: '/items/import/template?format=xlsx',
        headers: await staff(),
      });
      t.equal(xlsx.statusCode, 200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      t.same(
        workbook.worksheets.map((s) => s.name),
        ['台账', '说明'],
      );
      t.equal(workbook.worksheets[0]?.getRow(1).getCell(12).value, '整改时限 / deadline');
      const help = workbook.getWorksheet('说明');
      t.same(help?.getRow(4).values, [
        undefined,
        '来源 / source',
        `来源 / source: ${Object.keys(SOURCE_LABELS).join('、')}`,
        '是',
      ]);
      const job = await finished(
        app,
        String((await upload(app, xlsx.rawPayload, 'template.xlsx')).headers.location),
      );
      t.match(job, { status: 'completed', total: 2, created: 2, failed: 0 });
    },
  );

  t.test(
    'the sample ledger in docs/samples imports its good rows and reports its four bad ones',
    async (t) => {
      for (const name of ['ledger-sample.csv', 'ledger-sample.xlsx']) {
        const file = await readFile(new URL(`../../../../docs/samples/${name}`, import.meta.url));
        const job = await finished(app, String((await upload(app, file, name)).headers.location));
        t.match(job, { status: 'completed', total: 9, failed: 4 }, name);
        t.same(
          [...new Set(job.errors.map((e) => `${e.line}:${e.field}`))].sort(),
          ['6:source', '7:enterpriseCreditCode', '8:deadline', '9:code'],
          name,
        );
      }
    },
  );

  t.test(
    'a ledger without the required columns fails as a whole, naming them and the template',
    async (t) => {
      const file = Buffer.from(
        csvText([
          ['编号', '批次', '问题描述'],
          ['A-1', 'B', 'p'],
        ]),
      );
      const job = await finished(app, String((await upload(app, file, 'wrong.csv')).headers.location));
      t.match(job, {
        status: 'failed',
        created: 0,
        message: /missing source, category, severity.*Download the template: GET \/items\/import\/template$/,
      });
    },
  );

  t.test('only env-staff upload a ledger: risk-office reads, and is refused the upload (403)', async (t) => {
    t.equal((await upload(app, ledgerCsv([]), 'a.csv', await riskOffice())).statusCode, 403);
  });
});
