import { ManualClock } from '@zone-risk/calendar';
import { csvText, headerRow, templateXlsx } from '@zone-risk/imports';
import { eventually } from '@zone-risk/testkit';
import t from 'tap';
import { REGISTER_COLUMNS, REGISTER_EXAMPLES, type RegisterColumn } from '../../src/domain/register-file.ts';
import { json, multipart, officer, riskOffice, startService, stored } from '../helpers/service.ts';

// The register's own rules through the import. What every table import does (reading CSV, GB18030
// and XLSX, header errors, limits, the watchdog) is tested in @zone-risk/imports.

interface ImportView {
  id: string;
  status: string;
  total: number | null;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  errors: { line: number; field: string; reason: string }[];
}

interface InstrumentView {
  id: string;
  principal: number;
  balance: number;
  rate: Record<string, unknown>;
  structure: Record<string, unknown>;
  schedule: { principal: number }[];
  postings: { kind: string; principal: number; date: string }[];
}

const DEBTOR = '91320191MA1W4P2K3X';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A register line in the template's column order: a special bond unless `cells` say otherwise. */
const line = (cells: Partial<Record<RegisterColumn, string>>) => {
  const values: Partial<Record<RegisterColumn, string>> = {
    debtorCreditCode: DEBTOR,
    debtorName: '南京经开城市建设发展集团有限公司',
    name: '2024年江苏省政府专项债券（十七期）开发区分配额度',
    type: '专项债券',
    creditor: '银行间债券市场',
    principal: '50000',
    rate: '2.45',
    start: '2024-06-18',
    maturity: '2034-06-18',
    structure: '到期一次还本按半年付息',
    ...cells,
  };
  return REGISTER_COLUMNS.map((column) => values[column.key] ?? '');
};

const registerCsv = (lines: string[][]) => Buffer.from(csvText([headerRow(REGISTER_COLUMNS), ...lines]));
const registerXlsx = (lines: string[][]) =>
  templateXlsx(
    { columns: REGISTER_COLUMNS, template: { examples: [], filename: { zh: '债务台账', en: 'register' } } },
    lines,
  );

t.test('importing the debt register (债务台账)', async (t) => {
  // A Monday in 2026: every opening day of the file is past, 2026-06-30 is not.
  const service = await startService(t, { clock: new ManualClock('2026-03-02T02:00:00Z') });
  const { app, events } = service;

  const send = async (content: Buffer, filename: string, headers?: Record<string, string>) => {
    const form = multipart({}, [
      { filename, contentType: filename.endsWith('.xlsx') ? XLSX : 'text/csv', content },
    ]);
    return app.inject({
      method: 'POST',
      url: '/instruments/import',
      headers: { ...(headers ?? (await officer())), ...form.headers },
      payload: form.payload,
    });
  };
  const upload = async (content: Buffer, filename = '债务台账.csv') => {
    const response = await send(content, filename);
    t.equal(response.statusCode, 202, 'accepted');
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
  const instrument = async (id: string) => {
    const response = await app.inject({ method: 'GET', url: `/instruments/${id}`, headers: await officer() });
    t.equal(response.statusCode, 200, `${id} is on the register`);
    return json<InstrumentView>(response);
  };

  const lines = [
    line({ id: 'IMP-001', note: '苏财债〔2024〕17号' }),
    line({
      id: 'IMP-002',
      name: '经开区综合管廊项目固定资产贷款',
      type: '银行贷款',
      creditor: '中国工商银行南京江宁支行',
      principal: '12,000',
      rate: '3.00',
      reference: '1年期LPR',
      spread: '50',
      start: '2023/9/20',
      maturity: '2031/9/20',
      structure: '等额本金按季',
      openingAmount: '10125',
      openingDate: '2025年1月1日',
    }),
    line({ id: 'IMP-003', debtorCreditCode: '91320191MA1W4P2K3T', maturity: '2034-13-18' }), // line 4
    line({
      id: 'IMP-004',
      type: '融资租赁',
      name: '污水处理设备售后回租',
      creditor: '江苏金融租赁股份有限公司',
      principal: '3000.5',
      rate: '5.8',
      start: '2025-03-15',
      maturity: '2030-03-15',
      structure: '等额本息按月',
      borrowing: '是',
    }),
    line({ id: 'IMP-002' }), // line 6: the number of line 3 again
    line({ id: 'IMP-005', structure: '自定义' }), // line 7
    line({ id: 'IMP-006', start: '2026-01-10', maturity: '2031-01-10', openingDate: '2026-06-30' }), // line 8
  ];
  const file = registerCsv(lines);
  const imported = ['IMP-001', 'IMP-002', 'IMP-004'];

  t.test('CSV: good lines are registered, each bad line refused with its column and reason', async (t) => {
    const job = await upload(file);
    t.match(job, { status: 'completed', total: 7, created: 3, updated: 0, unchanged: 0, failed: 4 });
    t.same(
      job.errors.filter((e) => e.line < 8).map((e) => [e.line, e.field]),
      [
        [4, 'debtorCreditCode'],
        [4, 'maturity'],
        [6, 'id'],
        [7, 'structure'],
      ],
    );
    t.match(
      job.errors.find((e) => e.line === 4 && e.field === 'debtorCreditCode')?.reason,
      /check character/,
    );
    t.match(job.errors.find((e) => e.line === 6)?.reason, /^duplicates line 3/);
    t.match(
      job.errors.find((e) => e.line === 7)?.reason,
      /custom schedule cannot be imported.*POST \/instruments/,
    );
    // Whether the opening day is past needs the clock: the registration refuses it, not the parse.
    t.ok(
      job.errors.some((e) => e.line === 8),
      'an opening day in the future is refused',
    );

    t.match(await instrument('IMP-001'), {
      type: 'special-bond',
      principal: 50_000_000_000, // 50,000 万元 = 500,000,000 元
      balance: 50_000_000_000,
      rate: { kind: 'fixed', percent: '2.45' },
      structure: { kind: 'bullet', frequency: 2, dayCount: 'period' },
      schedule: { length: 20 },
      postings: [{ kind: 'opening', principal: 50_000_000_000, date: '2024-06-18' }],
    });
    t.match(await instrument('IMP-002'), {
      type: 'bank-loan',
      principal: 12_000_000_000,
      balance: 10_125_000_000,
      rate: { kind: 'floating', reference: 'lpr-1y', fixing: '3.00', spreadBp: 50, percent: '3.50' },
      structure: { kind: 'equal-principal', frequency: 4, dayCount: 'act-360' },
      postings: [{ kind: 'opening', principal: 10_125_000_000, date: '2025-01-01' }],
    });
    t.match(await instrument('IMP-004'), {
      type: 'leasing',
      principal: 3_000_500_000,
      structure: { kind: 'annuity', frequency: 12, dayCount: 'act-360' },
      postings: [{ kind: 'borrowing', principal: 3_000_500_000, date: '2025-03-15' }],
    });
    for (const id of ['IMP-003', 'IMP-005', 'IMP-006']) {
      const response = await app.inject({
        method: 'GET',
        url: `/instruments/${id}`,
        headers: await officer(),
      });
      t.equal(response.statusCode, 404, `${id} is not registered`);
    }
    const published: Record<string, { balance: number; opening: { kind: string } }> = {
      'IMP-001': { balance: 50_000_000_000, opening: { kind: 'opening' } },
      'IMP-002': { balance: 10_125_000_000, opening: { kind: 'opening' } },
      'IMP-004': { balance: 3_000_500_000, opening: { kind: 'borrowing' } },
    };
    for (const [id, data] of Object.entries(published)) {
      t.match(
        await events.waitFor('DebtInstrumentRegistered', id),
        { aggregateversion: 1, correlationid: job.id, data },
        id,
      );
    }
  });

  t.test('the same file again leaves every line unchanged and publishes nothing', async (t) => {
    const versions = await Promise.all(imported.map(async (id) => (await stored(service, id))?._version));
    const again = await upload(file);
    t.match(again, { status: 'completed', total: 7, created: 0, updated: 0, unchanged: 3, failed: 4 });
    t.same(await Promise.all(imported.map(async (id) => (await stored(service, id))?._version)), versions);
    // Nothing was written: the events to publish are written on the instrument with its version.
    // Nothing was published either: the marker, registered after the re-import, is read back
    // while the imported instruments still have their one event each.
    const marker = await app.inject({
      method: 'POST',
      url: '/instruments',
      headers: await officer(),
      payload: {
        id: 'MARK-001',
        debtor: { creditCode: DEBTOR, name: '南京经开城市建设发展集团有限公司' },
        name: '2025年江苏省政府一般债券（三期）',
        type: 'general-bond',
        creditor: '银行间债券市场',
        principal: 1_000_000_000,
        rate: { kind: 'fixed', percent: '1.95' },
        start: '2025-04-10',
        maturity: '2030-04-10',
        structure: { kind: 'bullet', frequency: 1, dayCount: 'period' },
      },
    });
    t.equal(marker.statusCode, 201, 'the marker is registered');
    await events.waitFor('DebtInstrumentRegistered', 'MARK-001');
    for (const id of imported) t.equal(events.of('DebtInstrumentRegistered', id).length, 1, id);
  });

  t.test('a line with other terms for a registered number is refused, the instrument kept', async (t) => {
    const job = await upload(
      registerCsv([line({ id: 'IMP-001', principal: '60000' }), line({ id: 'IMP-007', rate: '2.3' })]),
    );
    t.match(job, {
      status: 'completed',
      created: 1,
      updated: 0,
      unchanged: 0,
      failed: 1,
      errors: [{ line: 2, field: 'id', reason: /IMP-001 is registered with other terms/ }],
    });
    t.match(await instrument('IMP-001'), { principal: 50_000_000_000 });
    t.match(await events.waitFor('DebtInstrumentRegistered', 'IMP-007'), { correlationid: job.id });
  });

  t.test('XLSX: the same rules', async (t) => {
    const xlsx = await registerXlsx([
      line({
        id: 'XL-001',
        type: 'trust',
        name: '集合资金信托计划',
        creditor: '中信信托有限责任公司',
        principal: '8000',
        rate: '6.5%',
        start: '2024年1月15日',
        maturity: '2027年1月15日',
        structure: 'equal-principal 2',
      }),
      line({ id: 'XL-002', type: '国债' }),
    ]);
    const job = await upload(xlsx, '债务台账.xlsx');
    t.match(job, {
      status: 'completed',
      total: 2,
      created: 1,
      failed: 1,
      errors: [{ line: 3, field: 'type', reason: /must be one of 一般债券/ }],
    });
    t.match(await instrument('XL-001'), {
      type: 'trust',
      principal: 8_000_000_000,
      start: '2024-01-15',
      rate: { percent: '6.5' },
      structure: { kind: 'equal-principal', frequency: 2, dayCount: 'act-360' },
    });
    const again = await upload(xlsx, '债务台账.xlsx');
    t.match(again, { created: 0, unchanged: 1, failed: 1 });
  });

  t.test('the template downloads as CSV and XLSX and imports as it is', async (t) => {
    const csv = await app.inject({
      method: 'GET',
      url: '/instruments/import/template?format=csv',
      headers: await riskOffice(),
    });
    t.equal(csv.statusCode, 200);
    t.match(csv.headers['content-type'], /text\/csv/);
    t.match(csv.body, /^\uFEFF债务编号 \/ number,债务人统一社会信用代码 \/ debtor credit code,/);
    t.match(csv.headers['content-disposition'], /filename="debt-register-template\.csv"/);
    const xlsx = await app.inject({
      method: 'GET',
      url: '/instruments/import/template?format=xlsx',
      headers: await officer(),
    });
    t.equal(xlsx.statusCode, 200);
    t.match(xlsx.headers['content-type'], /spreadsheetml/);
    const job = await upload(xlsx.rawPayload, 'template.xlsx');
    t.match(job, {
      status: 'completed',
      total: REGISTER_EXAMPLES.length,
      created: REGISTER_EXAMPLES.length,
      failed: 0,
    });
  });

  t.test('risk-office reads the register but may not import it (403)', async (t) => {
    t.equal(
      (await send(registerCsv([line({ id: 'RISK-001' })]), 'a.csv', await riskOffice())).statusCode,
      403,
    );
    const response = await app.inject({
      method: 'GET',
      url: '/instruments/RISK-001',
      headers: await officer(),
    });
    t.equal(response.statusCode, 404);
  });
});
