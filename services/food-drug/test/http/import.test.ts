import { csvText, headerRow } from '@zone-risk/imports';
import { eventually } from '@zone-risk/testkit';
import t from 'tap';
import { REGISTER_COLUMNS } from '../../src/domain/register.ts';
import { type BusinessView, creditCodeFor } from '../helpers/fixtures.ts';
import { json, multipart, officer, riskOffice, startService } from '../helpers/service.ts';

// The register's own rules through the import. What every table import does (reading CSV, GB18030
// and XLSX, header errors, limits, the watchdog) is tested in @zone-risk/imports.

interface ImportView {
  status: string;
  total: number | null;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  errors: { line: number; field: string; reason: string }[];
}

const line = (i: number, overrides: Partial<Record<number, string>> = {}) => {
  const cells = [
    creditCodeFor(700 + i),
    `江宁餐饮管理有限公司${i}`,
    `南京市江宁区东区胜太路${i}号`,
    i % 2 ? '餐饮服务' : '单位食堂',
    `JY${String(32011300070000 + i)}`,
    i % 2 ? '' : '学校食堂',
    '东区',
  ];
  for (const [index, value] of Object.entries(overrides)) cells[Number(index)] = value ?? '';
  return cells;
};

t.test('importing the business register (经营主体名录)', async (t) => {
  const { app, events } = await startService(t);
  const upload = async (rows: string[][]) => {
    const form = multipart({}, [
      {
        filename: '名录.csv',
        contentType: 'text/csv',
        content: Buffer.from(csvText([headerRow(REGISTER_COLUMNS), ...rows])),
      },
    ]);
    const response = await app.inject({
      method: 'POST',
      url: '/businesses/import',
      headers: { ...(await officer()), ...form.headers },
      payload: form.payload,
    });
    t.equal(response.statusCode, 202);
    const location = String(response.headers.location);
    return eventually(
      async () => {
        const job = json<ImportView>(
          await app.inject({ method: 'GET', url: location, headers: await riskOffice() }),
        );
        if (['queued', 'parsing', 'running'].includes(job.status)) throw new Error(`import ${job.status}`);
        return job;
      },
      { timeoutMs: 60_000, intervalMs: 100 },
    );
  };
  const rows = [
    line(1),
    line(2),
    line(3, { 0: '91320113MA0000703X' }), // line 4: wrong check character
    line(4, { 3: '网吧' }), // line 5: not a kind
    line(5, { 4: 'SC12345678901234' }), // line 6: a production licence for a caterer
    line(1), // line 7: duplicates line 2
    line(6, { 5: '学校食堂、火锅' }), // line 8: not a category
  ];

  t.test('good rows are registered and graded, bad rows named by line and field', async (t) => {
    const job = await upload(rows);
    t.match(job, { status: 'completed', total: 7, created: 2, failed: 5 });
    t.same(
      job.errors.map((e) => [e.line, e.field]),
      [
        [4, 'creditCode'],
        [5, 'kind'],
        [6, 'licence'],
        [7, 'creditCode'],
        [8, 'categories'],
      ],
    );
    const canteen = json<BusinessView>(
      await app.inject({
        method: 'GET',
        url: `/businesses/${creditCodeFor(702)}`,
        headers: await riskOffice(),
      }),
    );
    t.match(canteen, { kind: 'unit-canteen', categories: ['school-canteen'] });
    t.match(await events.waitFor('BusinessRegistered', creditCodeFor(702)), { data: { via: 'import' } });
  });

  t.test('the same file again changes nothing; a changed line updates its business', async (t) => {
    const again = await upload(rows);
    t.match(again, { status: 'completed', created: 0, updated: 0, unchanged: 2, failed: 5 });
    const moved = await upload([line(1, { 2: '南京市江宁区西区新址9号' }), line(2)]);
    t.match(moved, { created: 0, updated: 1, unchanged: 1, failed: 0 });
    t.match(await events.waitFor('BusinessDetailsUpdated', creditCodeFor(701)), {
      data: { changed: ['address'], via: 'import' },
    });
  });

  t.test('the template names every column in Chinese and English', async (t) => {
    const response = await app.inject({
      method: 'GET',
      url: '/businesses/import/template?format=csv',
      headers: await riskOffice(),
    });
    t.equal(response.statusCode, 200);
    t.match(response.body, /统一社会信用代码 \/ credit code/);
  });
});
