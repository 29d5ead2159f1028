import { csvText, headerRow, templateXlsx } from '@zone-risk/imports';
import type { App } from '@zone-risk/platform';
import { eventually } from '@zone-risk/testkit';
import { COLUMNS, LEDGER_TABLE } from '../../src/domain/ledger.ts';
import { creditCodeFor } from './fixtures.ts';
import { multipart, riskOffice, staff } from './service.ts';

export interface ImportView {
  id: string;
  status: string;
  total: number | null;
  processed: number;
  percent: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  errors: { line: number; field: string; reason: string }[];
  message: string | null;
}

/** The header row as the template writes it: `批次 / batch`, … */
export const HEADER = headerRow(COLUMNS);

/** A CSV ledger: the header row, then `lines`. */
export const ledgerCsv = (lines: readonly (readonly string[])[]) => Buffer.from(csvText([HEADER, ...lines]));

/** An XLSX ledger as the template writes it, with `lines` instead of the examples. */
export const ledgerXlsx = (lines: readonly (readonly string[])[]) => templateXlsx(LEDGER_TABLE, lines);

/** A ledger line in the template's column order. */
export function ledgerLine(
  batch: string,
  i: number,
  overrides: Partial<Record<number, string>> = {},
): string[] {
  const line = [
    batch,
    `ZY-${String(i).padStart(5, '0')}`,
    ['中央生态环境保护督察', '省级生态环境保护督察', '自查发现', '信访投诉'][i % 4] as string,
    ['碧水', '蓝天', '净土', '固体废物', '噪声', '生态'][i % 6] as string,
    ['一般', '较大', '重大'][i % 3] as string,
    `第${i}项问题：园区雨污管网混接`,
    ['开发区生态环境分局', '开发区建设局', '开发区城管局'][i % 3] as string,
    i % 2 === 0 ? creditCodeFor(i + 100) : '',
    i % 2 === 0 ? `企业${i}有限公司` : '',
    '排查雨污混接点并完成改造',
    '雨污分流率100%',
    '2099-12-31',
  ];
  for (const [index, value] of Object.entries(overrides)) line[Number(index)] = value ?? '';
  return line;
}

export async function upload(app: App, content: Buffer, filename: string, headers?: Record<string, string>) {
  const contentType = filename.endsWith('.xlsx')
    ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    : 'text/csv';
  const form = multipart({}, [{ filename, contentType, content }]);
  return app.inject({
    method: 'POST',
    url: '/items/import',
    headers: { ...(headers ?? (await staff())), ...form.headers },
    payload: form.payload,
  });
}

export async function readImport(app: App, url: string): Promise<ImportView> {
  const response = await app.inject({ method: 'GET', url, headers: await riskOffice() });
  return response.json() as ImportView;
}

/** Polls the import until it has ended. */
export async function finished(app: App, url: string, timeoutMs = 60_000): Promise<ImportView> {
  return eventually(
    async () => {
      const job = await readImport(app, url);
      if (['queued', 'parsing', 'running'].includes(job.status))
        throw new Error(`import ${job.status}, ${job.processed}/${job.total}`);
      return job;
    },
    { timeoutMs, intervalMs: 100 },
  );
}
