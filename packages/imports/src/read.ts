import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';

/** One row of a table file: its line (row number) and its cells as text. */
export interface TableLine {
  line: number;
  cells: string[];
}

export type TableFormat = 'csv' | 'xlsx';

/** XLSX is a ZIP container; anything else is read as CSV text. */
export function formatOf(buffer: Buffer): TableFormat {
  return buffer.length >= 4 && buffer.readUInt32LE(0) === 0x04034b50 ? 'xlsx' : 'csv';
}

// Fed in slices so that the parser hands back control between them (a 10,000-row file in one
// chunk would be parsed in one go, blocking the event loop).
const SLICE = 64 * 1024;
function* slices(text: string): Generator<string> {
  for (let i = 0; i < text.length; i += SLICE) yield text.slice(i, i + SLICE);
}

/**
 * CSV as Excel and WPS save it: UTF-8 (with or without BOM) or, from a Chinese-locale Excel,
 * GB18030/GBK — told apart by whether the bytes are valid UTF-8.
 */
export function decodeCsv(buffer: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(buffer);
  }
}

/** The rows of a CSV file, empty lines skipped, cells trimmed; `line` counts physical lines (a record over several: its last). */
export async function* readCsv(buffer: Buffer): AsyncGenerator<TableLine> {
  const parser = Readable.from(slices(decodeCsv(buffer))).pipe(
    parse({ relax_column_count: true, skip_empty_lines: true, info: true }),
  );
  for await (const { record, info } of parser as AsyncIterable<{
    record: string[];
    info: { lines: number };
  }>) {
    yield { line: info.lines, cells: record.map((cell) => cell.trim()) };
  }
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value)
      return value.richText
        .map((run) => run.text)
        .join('')
        .trim();
    if ('text' in value) return String(value.text).trim();
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('error' in value) return '';
  }
  return String(value).trim();
}

/** The first worksheet of an XLSX workbook, streamed row by row (dates as YYYY-MM-DD, empty rows skipped). */
export async function* readXlsx(buffer: Buffer): AsyncGenerator<TableLine> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buffer]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const values = Array.isArray(row.values) ? row.values.slice(1) : [];
      const cells = values.map((v) => cellText(v as ExcelJS.CellValue));
      if (cells.some((cell) => cell !== '')) yield { line: row.number, cells };
    }
    return; // the table is the first sheet; the template's 说明 comes after it
  }
}

export function readTable(buffer: Buffer, format: TableFormat): AsyncGenerator<TableLine> {
  return format === 'xlsx' ? readXlsx(buffer) : readCsv(buffer);
}
