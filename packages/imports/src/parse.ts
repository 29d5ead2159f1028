import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { readTable, type TableFormat } from './read.ts';
import { mapHeader, type RowError, type TableImport } from './table.ts';

/** A parsed file: its valid rows with their lines, every row error, and how many data rows it has. */
export interface ParsedTable<Row> {
  valid: { line: number; row: Row }[];
  errors: RowError[];
  total: number;
}

/** A file refused as a whole: why, and the row errors that say so (the header's). */
export interface RefusedTable {
  fatal: string;
  errors: RowError[];
}

/** What the parse is told besides the table: its row limit and where its template is. */
export interface ParseOptions {
  maxRows: number;
  /** Named in the message for a bad header row, e.g. '/items/import/template'. */
  templateUrl?: string;
}

function headerProblem<K extends string>(
  missing: readonly K[],
  duplicated: readonly K[],
  line: number,
  templateUrl: string | undefined,
): RefusedTable {
  const what = [
    missing.length > 0 ? `missing ${missing.join(', ')}` : '',
    duplicated.length > 0 ? `repeated ${duplicated.join(', ')}` : '',
  ]
    .filter((part) => part !== '')
    .join('; ');
  const download = templateUrl !== undefined ? ` Download the template: GET ${templateUrl}` : '';
  return {
    fatal: `The header row must name every required column once: ${what}.${download}`,
    errors: [
      ...missing.map((field) => ({ line, field, reason: 'column missing from the header row' })),
      ...duplicated.map((field) => ({ line, field, reason: 'column named twice in the header row' })),
    ],
  };
}

/**
 * Every row of the file validated by the table's `parseRow`, a repeated key reported on its second
 * line. A file without the required columns, with too many rows, or unreadable is refused whole.
 */
export async function parseTable<K extends string, Row>(
  spec: Pick<TableImport<K, Row>, 'columns' | 'parseRow' | 'keyOf'>,
  buffer: Buffer,
  format: TableFormat,
  options: ParseOptions,
): Promise<ParsedTable<Row> | RefusedTable> {
  let columns: (K | undefined)[] | undefined;
  const valid: ParsedTable<Row>['valid'] = [];
  const errors: RowError[] = [];
  const firstLineOf = new Map<string, number>();
  let total = 0;
  try {
    for await (const { line, cells } of readTable(buffer, format)) {
      if (columns === undefined) {
        const header = mapHeader(spec.columns, cells);
        if (header.missing.length > 0 || header.duplicated.length > 0) {
          return headerProblem(header.missing, header.duplicated, line, options.templateUrl);
        }
        columns = header.columns;
        continue;
      }
      total += 1;
      // Validation is synchronous: let requests in between stretches of it.
      if (total % 250 === 0) await yieldToEventLoop();
      if (total > options.maxRows) {
        return { fatal: `The file has more than ${options.maxRows} rows; split it`, errors: [] };
      }
      const byKey: Partial<Record<K, string>> = {};
      columns.forEach((key, index) => {
        if (key !== undefined) byKey[key] = cells[index] ?? '';
      });
      const result = spec.parseRow(byKey, line);
      if (!result.ok) {
        errors.push(...result.errors);
        continue;
      }
      const { key, field, duplicate } = spec.keyOf(result.row);
      const first = firstLineOf.get(key);
      if (first !== undefined) {
        errors.push({
          line,
          field,
          reason: `duplicates line ${first}${duplicate !== undefined ? `: ${duplicate}` : ''}`,
        });
        continue;
      }
      firstLineOf.set(key, line);
      valid.push({ line, row: result.row });
    }
  } catch (error) {
    return {
      fatal: `The file cannot be read as ${format.toUpperCase()}: ${error instanceof Error ? error.message : String(error)}`,
      errors: [],
    };
  }
  if (columns === undefined) {
    return { fatal: 'The file is empty: it needs a header row and at least one line', errors: [] };
  }
  return { valid, errors, total };
}
