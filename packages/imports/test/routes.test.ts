import { type App, baseConfigSchema, buildApp, loadConfig } from '@zone-risk/platform';
import { bearer, json, multipart } from '@zone-risk/testkit';
import ExcelJS from 'exceljs';
import t, { type Test } from 'tap';
import { importRoutes } from '../src/routes.ts';
import { csv, HEADER, importing, silent } from './helpers/things.ts';

const writer = () => bearer(['food-drug-officer'], 'u-li', '李娜');
const reader = () => bearer(['risk-office'], 'u-wu');

async function served(t: Test, maxBytes = 10_000) {
  const ctx = await importing(t);
  const app: App = await buildApp({
    name: 'imports-test',
    config: loadConfig(baseConfigSchema, { NODE_ENV: 'test', LOG_LEVEL: 'silent', MONGO_DB: 'unused' }),
    logger: silent,
    routes: importRoutes(ctx.runner, ctx.jobs, ctx.table.spec, {
      path: '/things/import',
      jobsPath: '/imports',
      tag: 'thing import',
      summary: 'Import a thing list',
      description: 'One CSV or XLSX file part.',
      roles: { write: ['food-drug-officer'], read: ['food-drug-officer', 'risk-office'] },
      maxBytes,
    }),
  });
  t.teardown(() => app.close());
  const upload = async (content: Buffer, filename = 'things.csv', headers?: Record<string, string>) => {
    const form = multipart({}, [{ filename, contentType: 'text/csv', content }]);
    return app.inject({
      method: 'POST',
      url: '/things/import',
      headers: { ...(headers ?? (await writer())), ...form.headers },
      payload: form.payload,
    });
  };
  return { ...ctx, app, upload };
}

t.test(
  'an upload answers 202 with the queued job and its Location; the job reads back with its report',
  async (t) => {
    const { app, upload, runner } = await served(t);
    const response = await upload(csv([HEADER, ['A-1', '甲', '2'], ['A-2', '', '']]));
    t.equal(response.statusCode, 202);
    const accepted = json<{ id: string; status: string }>(response);
    t.match(accepted, {
      status: 'queued',
      processed: 0,
      percent: 0,
      updated: 0,
      createdBy: { id: 'u-li', name: '李娜' },
    });
    t.equal(response.headers.location, `/imports/${accepted.id}`);
    await runner.idle();
    const read = await app.inject({
      method: 'GET',
      url: String(response.headers.location),
      headers: await reader(),
    });
    t.equal(read.statusCode, 200);
    t.match(json(read), {
      id: accepted.id,
      status: 'completed',
      filename: 'things.csv',
      total: 2,
      percent: 100,
      created: 1,
      updated: 0,
      unchanged: 0,
      failed: 1,
      errors: [{ line: 3, field: 'name', reason: 'is required' }],
    });
    t.notOk('updatedAt' in json(read));
  },
);

t.test('the template downloads as CSV or XLSX (the default) under its names', async (t) => {
  const { app } = await served(t);
  const csvTemplate = await app.inject({
    method: 'GET',
    url: '/things/import/template?format=csv',
    headers: await reader(),
  });
  t.equal(csvTemplate.statusCode, 200);
  t.equal(csvTemplate.headers['content-type'], 'text/csv; charset=utf-8');
  t.equal(
    csvTemplate.headers['content-disposition'],
    `attachment; filename="thing-template.csv"; filename*=UTF-8''${encodeURIComponent('物品清单模板.csv')}`,
  );
  t.equal(
    csvTemplate.body,
    '\uFEFF编号 / code,名称 / name,数量 / count\r\nA-1,甲,3\r\nB-2,"乙, ""丙""",\r\n',
  );
  const xlsx = await app.inject({ method: 'GET', url: '/things/import/template', headers: await reader() });
  t.equal(xlsx.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  t.match(xlsx.headers['content-disposition'], /filename="thing-template.xlsx"/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
  t.same(
    workbook.worksheets.map((s) => s.name),
    ['数据', '说明'],
  );
  const bad = await app.inject({
    method: 'GET',
    url: '/things/import/template?format=xls',
    headers: await reader(),
  });
  t.equal(bad.statusCode, 400);
});

t.test(
  'refused uploads: an old .xls (415), a binary file (415), an empty file (400), no file part (400), too large (413), wrong role (403); an unknown job is a 404',
  async (t) => {
    const { app, upload, jobs } = await served(t, 100);
    const xls = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(50),
    ]);
    const old = await upload(xls, 'old.xls');
    t.equal(old.statusCode, 415);
    t.match(json(old), { detail: /\.xls/, accepted: ['text/csv', /spreadsheetml/] });
    t.equal((await upload(Buffer.from([1, 2, 0, 4, 5]), 'x.bin')).statusCode, 415);
    const empty = await upload(Buffer.alloc(0), 'empty.csv');
    t.equal(empty.statusCode, 400);
    t.match(json(empty), { detail: 'The file is empty' });
    const fieldsOnly = multipart({ note: 'no file' }, []);
    const noFile = await app.inject({
      method: 'POST',
      url: '/things/import',
      headers: { ...(await writer()), ...fieldsOnly.headers },
      payload: fieldsOnly.payload,
    });
    t.equal(noFile.statusCode, 400);
    t.match(json(noFile), { detail: 'Send the thing list as a multipart/form-data file part' });
    const large = await upload(Buffer.alloc(101, 'a'), 'large.csv');
    t.equal(large.statusCode, 413);
    t.match(json(large), { detail: 'The thing list is larger than 100 bytes; split it', maxBytes: 100 });
    t.equal((await upload(csv([HEADER]), 'a.csv', await reader())).statusCode, 403);
    t.equal(await jobs.countDocuments({}), 0, 'no refused upload left a job');

    const unknown = await app.inject({ method: 'GET', url: '/imports/imp-none', headers: await reader() });
    t.equal(unknown.statusCode, 404);
    t.match(json(unknown), { status: 404, detail: 'Import imp-none does not exist' });
  },
);

t.test('the OpenAPI document describes the three routes, with texts from the noun unless told', async (t) => {
  const { app } = await served(t);
  const doc = json<{
    paths: Record<
      string,
      Record<
        string,
        {
          summary: string;
          description?: string;
          tags: string[];
          responses: Record<
            string,
            {
              description: string;
              content?: Record<
                string,
                { schema: { description?: string; properties?: Record<string, unknown> } }
              >;
            }
          >;
        }
      >
    >;
  }>(await app.inject({ method: 'GET', url: '/docs/json' }));
  const post = doc.paths['/things/import']?.post;
  t.match(post, {
    summary: 'Import a thing list',
    description: 'One CSV or XLSX file part.',
    tags: ['thing import'],
  });
  t.same(Object.keys(post?.responses ?? {}).sort(), ['202', '400', '403', '413', '415']);
  t.equal(post?.responses['415']?.description, 'Not an accepted file type');
  const job = post?.responses['202']?.content?.['application/json']?.schema;
  t.equal(job?.description, 'A thing list import (background job)');
  t.ok(job?.properties && 'updated' in job.properties);
  t.equal(
    doc.paths['/things/import/template']?.get?.summary,
    'Download the thing list template (物品清单模板)',
  );
  t.equal(doc.paths['/imports/{id}']?.get?.summary, 'Status, progress and report of a thing list import');
});
