// Writes the ledger template and a sample ledger (with a few bad rows) to docs/samples/:
// `pnpm --filter @zone-risk/environment samples`. The template is the same as
// GET /items/import/template serves.
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { csvText, headerRow, templateCsv, templateXlsx } from '@zone-risk/imports';
import { COLUMNS, LEDGER_TABLE } from '../domain/ledger.ts';

const out = fileURLToPath(new URL('../../../../docs/samples/', import.meta.url));
const batch = '示例-2026年第一批省级督察反馈问题';
const row = (code: string, fields: Partial<Record<number, string>> = {}) => {
  const line = [
    batch,
    code,
    '省级生态环境保护督察',
    '碧水',
    '较大',
    '工业园区污水管网破损渗漏',
    '开发区建设局',
    '',
    '',
    '管网检测并修复破损管段',
    '管网无渗漏，排口水质达标',
    '2026-12-31',
  ];
  for (const [index, value] of Object.entries(fields)) line[Number(index)] = value ?? '';
  return line;
};

const SAMPLE_ROWS: string[][] = [
  row('SJ-001'),
  row('SJ-002', {
    3: '蓝天',
    5: '涂装企业废气收集效率低',
    7: '91320113MA1MB6AT2R',
    8: '南京瑞丰精细化工有限公司',
  }),
  row('SJ-003', { 2: '中央生态环境保护督察', 3: '净土', 4: '重大', 5: '历史遗留化工地块未管控' }),
  row('SJ-004', { 2: '信访投诉', 3: '噪声', 4: '一般', 5: '物流园夜间装卸噪声扰民', 11: '2026/9/30' }),
  row('SJ-005', { 2: '媒体曝光' }), // bad: not a known source
  row('SJ-006', { 7: '91320113MA1MB6AT2X', 8: '某化工有限公司' }), // bad: wrong check character
  row('SJ-007', { 11: '2026-02-30' }), // bad: not a calendar day
  row('SJ-001'), // bad: duplicates the first line
  row('SJ-008', { 3: '固体废物', 5: '危险废物贮存库防渗不到位', 4: '较大' }),
];

await mkdir(out, { recursive: true });
await writeFile(`${out}ledger-template.csv`, templateCsv(LEDGER_TABLE));
await writeFile(`${out}ledger-template.xlsx`, await templateXlsx(LEDGER_TABLE));
await writeFile(`${out}ledger-sample.csv`, csvText([headerRow(COLUMNS), ...SAMPLE_ROWS]));
await writeFile(`${out}ledger-sample.xlsx`, await templateXlsx(LEDGER_TABLE, SAMPLE_ROWS));
console.log(`wrote ledger-template.{csv,xlsx} and ledger-sample.{csv,xlsx} to ${out}`);
