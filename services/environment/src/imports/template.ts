import ExcelJS from 'exceljs';
import { CATEGORY_LABELS, COLUMNS, headerText, SEVERITY_LABELS, SOURCE_LABELS } from '../domain/ledger.ts';

// The ledger template (台账模板): the header row in Chinese and English, two example lines, and
// for XLSX a second sheet explaining each column and the values it takes.

export const EXAMPLE_ROWS: string[][] = [
  [
    '第二轮中央生态环境保护督察反馈问题',
    'ZY-001',
    '中央生态环境保护督察',
    '碧水',
    '重大',
    '园区污水处理厂出水总氮超标',
    '开发区生态环境分局',
    '91320113MA1MB6AT2R',
    '南京瑞丰精细化工有限公司',
    '提标改造，增设反硝化滤池',
    '出水稳定达到一级A标准',
    '2026-12-31',
  ],
  [
    '2026年自查台账',
    'ZC-001',
    '自查发现',
    '蓝天',
    '一般',
    '施工工地扬尘防治措施不到位',
    '开发区建设局',
    '',
    '',
    '落实六个百分百',
    '扬尘在线监测达标',
    '2026-09-30',
  ],
];

const csvCell = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);

/** CSV lines (header first); UTF-8 with a BOM so that Excel opens the Chinese correctly. */
export function csvText(rows: readonly (readonly string[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export const HEADER = COLUMNS.map(headerText);

export function templateCsv(): Buffer {
  return Buffer.from(csvText([HEADER, ...EXAMPLE_ROWS]));
}

const NOTES: Record<string, string> = {
  batch: '批次或轮次，如"第二轮中央生态环境保护督察反馈问题" / batch or round',
  code: '编号，同一批次内唯一，不含空格 / code, unique within its batch, no spaces',
  source: `来源 / source: ${Object.keys(SOURCE_LABELS).join('、')}`,
  category: `类别 / category: ${Object.keys(CATEGORY_LABELS).join('、')}`,
  severity: `严重程度 / severity: ${Object.keys(SEVERITY_LABELS).join('、')}`,
  problem: '问题描述 / the problem',
  responsibleUnit: '责任单位 / responsible unit',
  enterpriseCreditCode: '涉及企业时填写18位统一社会信用代码（选填） / optional, 18 characters',
  enterpriseName: '企业名称，填写信用代码时必填 / required with a credit code',
  measures: '整改措施 / measures',
  target: '整改目标 / target',
  deadline: '整改时限，日期 YYYY-MM-DD / deadline, a date',
};

/** The workbook's bytes: sheet 台账 (the ledger) and sheet 说明 (what each column takes). */
export async function templateXlsx(rows: readonly (readonly string[])[] = EXAMPLE_ROWS): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('台账');
  sheet.addRow(HEADER).font = { bold: true };
  for (const row of rows) sheet.addRow([...row]);
  sheet.columns.forEach((column) => {
    column.width = 22;
  });
  const help = workbook.addWorksheet('说明');
  help.addRow(['列 / column', '说明 / meaning', '必填 / required']).font = { bold: true };
  for (const column of COLUMNS)
    help.addRow([headerText(column), NOTES[column.key] ?? '', column.required ? '是' : '否']);
  help.getColumn(2).width = 80;
  help.getColumn(1).width = 30;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
