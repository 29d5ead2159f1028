import ExcelJS from 'exceljs';
import { type Column, headerText, type TableTemplate } from './table.ts';

// The template of a table: the header row in Chinese and English, the example lines, and for XLSX a
// second sheet 说明 explaining each column and whether it is required.

/** What a template is written from: a table's columns and its template (a `TableImport` is one). */
export interface TemplateSpec {
  columns: readonly Column[];
  template: TableTemplate;
}

const csvCell = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);

/** CSV lines (header first); UTF-8 with a BOM so that Excel opens the Chinese correctly. */
export function csvText(rows: readonly (readonly string[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** The header row as the template writes it: `批次 / batch`, … */
export const headerRow = (columns: readonly Column[]): string[] => columns.map(headerText);

/** The CSV template: the header row and the example lines. */
export function templateCsv(spec: TemplateSpec): Buffer {
  return Buffer.from(csvText([headerRow(spec.columns), ...spec.template.examples]));
}

/** The workbook's bytes: the table (the example lines, or `rows`) and sheet 说明 (what each column takes). */
export async function templateXlsx(
  spec: TemplateSpec,
  rows: readonly (readonly string[])[] = spec.template.examples,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(spec.template.sheet ?? '数据');
  sheet.addRow(headerRow(spec.columns)).font = { bold: true };
  for (const row of rows) sheet.addRow([...row]);
  sheet.columns.forEach((column) => {
    column.width = 22;
  });
  const help = workbook.addWorksheet('说明');
  help.addRow(['列 / column', '说明 / meaning', '必填 / required']).font = { bold: true };
  for (const column of spec.columns)
    help.addRow([headerText(column), column.help ?? '', column.required ? '是' : '否']);
  help.getColumn(2).width = 80;
  help.getColumn(1).width = 30;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
