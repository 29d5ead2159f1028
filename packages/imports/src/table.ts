import type { PersonRef } from '@zone-risk/contracts';

/** One column of an imported table: its key, its header in Chinese and English, whether it must be there. */
export interface Column<K extends string = string> {
  key: K;
  zh: string;
  en: string;
  required: boolean;
  /** What the column takes, for the template's 说明 sheet. */
  help?: string;
}

/** One problem of one row: its line in the file (1 is the header row), the column, why. */
export interface RowError {
  line: number;
  field: string;
  reason: string;
}

export type RowParse<Row> = { ok: true; row: Row } | { ok: false; errors: RowError[] };

/** What a written row did. */
export type RowOutcome =
  | { outcome: 'created' }
  | { outcome: 'updated' }
  | { outcome: 'unchanged' }
  | { outcome: 'refused'; field: string; reason: string };

/** Who writes an import's rows: the person who uploaded it, and the job's id as correlation id. */
export interface ImportCaller {
  actor: PersonRef;
  correlationId: string;
}

/** What a service declares to import a table: its columns, how a row is read, keyed and written. */
export interface TableImport<K extends string, Row> {
  /** What is imported, for messages and logs, e.g. 'ledger', 'business register'. */
  noun: string;
  columns: readonly Column<K>[];
  /** Validates one data row (cells by column key, '' for empty): the row, or every reason it is not one. */
  parseRow(cells: Partial<Record<K, string>>, line: number): RowParse<Row>;
  /**
   * The identity of a row: a second row of the file with the same key is reported as a duplicate
   * of the first one, under `field`; `duplicate` says what that means ("the same code in the same
   * batch"), after "duplicates line N: ".
   */
  keyOf(row: Row): { key: string; field: K; duplicate?: string };
  /** Writes one valid row. Idempotent: the same row again is 'unchanged'. */
  write(row: Row, caller: ImportCaller, job: { id: string }): Promise<RowOutcome>;
  /** The template: example rows (cells in column order), its file base names, its data sheet's name. */
  template: TableTemplate;
}

export interface TableTemplate {
  examples: readonly (readonly string[])[];
  /** Base names of the downloaded file, e.g. { zh: '整改台账模板', en: 'ledger-template' }. */
  filename: { zh: string; en: string };
  /** Name of the XLSX sheet holding the table. Default 数据. */
  sheet?: string;
}

/** A column's header as the template writes it: `批次 / batch`. */
export const headerText = (column: Column): string => `${column.zh} / ${column.en}`;

const normalise = (text: string) => text.replace(/[\s_()（）]/g, '').toLowerCase();

/**
 * Which column each header cell names (undefined for cells naming none): by its Chinese or English
 * header or its key, either alone or both as `zh / en`, ignoring case, spaces, `_` and brackets.
 * Also the required columns no cell names, and the columns named twice.
 */
export function mapHeader<K extends string>(
  columns: readonly Column<K>[],
  cells: readonly string[],
): { columns: (K | undefined)[]; missing: K[]; duplicated: K[] } {
  const mapped = cells.map((cell) => {
    const parts = [cell, ...cell.split('/')].map(normalise).filter((p) => p !== '');
    return columns.find((c) =>
      parts.some((p) => p === normalise(c.zh) || p === normalise(c.en) || p === normalise(c.key)),
    )?.key;
  });
  const seen = new Set<K>();
  const duplicated: K[] = [];
  for (const key of mapped) {
    if (key === undefined) continue;
    if (seen.has(key)) duplicated.push(key);
    seen.add(key);
  }
  const missing = columns.filter((c) => c.required && !seen.has(c.key)).map((c) => c.key);
  return { columns: mapped, missing, duplicated };
}
