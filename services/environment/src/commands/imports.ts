import { createHash, randomBytes } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { startPeriodic } from '@zone-risk/platform';
import type { Logger } from 'pino';
import {
  type ImportJob,
  insertImport,
  interruptStaleImports,
  MAX_STORED_ERRORS,
  updateImport,
} from '../data/imports.ts';
import type { ItemContent, Person } from '../domain/item.ts';
import { type ColumnKey, itemId, mapHeader, parseLedgerRow, type RowError } from '../domain/ledger.ts';
import { formatOf, readLedger } from '../imports/read-ledger.ts';
import type { EnvironmentContext } from './context.ts';
import { registerItem } from './items.ts';

export interface ImportOptions {
  chunkRows: number;
  maxRows: number;
  /** How often imports of a stopped process are looked for. */
  watchIntervalMs: number;
  logger: Logger;
}

/** A running import writes after every chunk; one silent this long belongs to a stopped process. */
const STALE_IMPORT_MS = 5 * 60_000;

export interface ImportRunner {
  /** Records the job and starts it in the background; resolves once the job record exists. */
  start(file: { buffer: Buffer; filename: string }, by: Person): Promise<ImportJob>;
  /** Resolves when every job started so far has ended (tests, shutdown). */
  idle(): Promise<void>;
  /** Jobs stop after their current chunk and are marked interrupted. */
  stop(): Promise<void>;
}

class Interrupted extends Error {}

/**
 * 拉条挂账 from a ledger file, as a background job: the request answers 202 at once; the job
 * parses the file, validates every row, registers the valid ones chunk by chunk (yielding the
 * event loop between chunks and writing its progress after each) and keeps a per-row report.
 * Registering is idempotent by batch + code, so re-importing a file changes nothing.
 */
export function createImportRunner(ctx: EnvironmentContext, options: ImportOptions): ImportRunner {
  const logger = options.logger.child({ component: 'ledger-import' });
  const running = new Set<Promise<void>>();
  let stopping = false;
  // An import runs in the memory of the process that accepted it: what a stopped one left running
  // is marked interrupted, at start and every interval, by whichever replica looks first.
  const watchdog = startPeriodic(
    'import-watchdog',
    { intervalMs: options.watchIntervalMs, logger },
    async () => {
      const interrupted = await interruptStaleImports(ctx.imports, ctx.clock.now(), STALE_IMPORT_MS);
      if (interrupted > 0) logger.warn({ interrupted }, 'imports of a stopped process marked interrupted');
    },
  );

  async function start(file: { buffer: Buffer; filename: string }, by: Person): Promise<ImportJob> {
    const now = ctx.clock.now();
    const job: ImportJob = {
      id: `imp-${randomBytes(8).toString('hex')}`,
      status: 'queued',
      filename: file.filename,
      format: formatOf(file.buffer),
      size: file.buffer.length,
      sha256: createHash('sha256').update(file.buffer).digest('hex'),
      total: null,
      processed: 0,
      created: 0,
      unchanged: 0,
      failed: 0,
      errors: [],
      errorsTruncated: false,
      message: null,
      createdBy: by,
      createdAt: now,
      updatedAt: now,
      finishedAt: null,
    };
    await insertImport(ctx.imports, job);
    const run = execute(job, file.buffer)
      .catch(async (error: unknown) => {
        const interrupted = error instanceof Interrupted;
        if (!interrupted) logger.error({ err: error, importId: job.id }, 'import failed');
        const at = ctx.clock.now();
        await updateImport(ctx.imports, job.id, {
          status: interrupted ? 'interrupted' : 'failed',
          message: interrupted
            ? 'The service stopped during the import; upload the file again to finish it (rows already imported stay unchanged)'
            : `The import stopped on an internal error (${error instanceof Error ? error.message : String(error)}); upload the file again`,
          updatedAt: at,
          finishedAt: at,
        }).catch((e: unknown) =>
          logger.error({ err: e, importId: job.id }, 'could not record the import’s end'),
        );
      })
      .finally(() => running.delete(run));
    running.add(run);
    return job;
  }

  async function execute(job: ImportJob, buffer: Buffer): Promise<void> {
    await updateImport(ctx.imports, job.id, { status: 'parsing', updatedAt: ctx.clock.now() });
    const parsed = await parseFile(buffer, job.format, options.maxRows);
    if ('fatal' in parsed) {
      const at = ctx.clock.now();
      await updateImport(
        ctx.imports,
        job.id,
        { status: 'failed', message: parsed.fatal, total: 0, updatedAt: at, finishedAt: at },
        parsed.errors,
      );
      return;
    }
    const { valid, errors, total } = parsed;
    const failedLines = new Set(errors.map((e) => e.line));
    let stored = Math.min(errors.length, MAX_STORED_ERRORS);
    const counts = { processed: failedLines.size, created: 0, unchanged: 0, failed: failedLines.size };
    await updateImport(
      ctx.imports,
      job.id,
      {
        status: 'running',
        total,
        ...counts,
        errorsTruncated: errors.length > stored,
        updatedAt: ctx.clock.now(),
      },
      errors.slice(0, stored),
    );
    const caller = { actor: job.createdBy, correlationId: job.id };
    for (let from = 0; from < valid.length; from += options.chunkRows) {
      if (stopping) throw new Interrupted();
      const chunkErrors: RowError[] = [];
      for (const row of valid.slice(from, from + options.chunkRows)) {
        const outcome = await registerItem(ctx, caller, row.content, { via: 'import', importId: job.id });
        counts.processed += 1;
        if (outcome.outcome === 'created') counts.created += 1;
        else if (outcome.outcome === 'unchanged') counts.unchanged += 1;
        else {
          counts.failed += 1;
          chunkErrors.push({
            line: row.line,
            field: 'code',
            reason: `${row.content.code} is already registered in batch ${row.content.batch} with different content (item ${outcome.id}); change it through the item, not the ledger`,
          });
        }
      }
      const keep = chunkErrors.slice(0, Math.max(0, MAX_STORED_ERRORS - stored));
      stored += keep.length;
      await updateImport(
        ctx.imports,
        job.id,
        { ...counts, errorsTruncated: stored < counts.failed, updatedAt: ctx.clock.now() },
        keep,
      );
      await yieldToEventLoop();
    }
    const at = ctx.clock.now();
    await updateImport(ctx.imports, job.id, { status: 'completed', updatedAt: at, finishedAt: at });
    logger.info({ importId: job.id, total, ...counts }, 'ledger imported');
  }

  return {
    start,
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    async stop() {
      stopping = true;
      await watchdog.stop();
      await Promise.allSettled([...running]);
    },
  };
}

interface ParsedFile {
  valid: { line: number; content: ItemContent }[];
  errors: RowError[];
  total: number;
}

/** Every row validated; a file without the required columns, or with too many rows, is refused whole. */
export async function parseFile(
  buffer: Buffer,
  format: 'csv' | 'xlsx',
  maxRows: number,
): Promise<ParsedFile | { fatal: string; errors: RowError[] }> {
  let columns: (ColumnKey | undefined)[] | undefined;
  const valid: ParsedFile['valid'] = [];
  const errors: RowError[] = [];
  const firstLineOf = new Map<string, number>();
  let total = 0;
  try {
    for await (const { line, cells } of readLedger(buffer, format)) {
      if (columns === undefined) {
        const header = mapHeader(cells);
        if (header.missing.length > 0 || header.duplicated.length > 0) {
          return {
            fatal: `The header row must name every required column once: ${header.missing.length > 0 ? `missing ${header.missing.join(', ')}` : ''}${header.duplicated.length > 0 ? ` repeated ${header.duplicated.join(', ')}` : ''}. Download the template: GET /items/import/template`,
            errors: [
              ...header.missing.map((field) => ({
                line,
                field,
                reason: 'column missing from the header row',
              })),
              ...header.duplicated.map((field) => ({
                line,
                field,
                reason: 'column named twice in the header row',
              })),
            ],
          };
        }
        columns = header.columns;
        continue;
      }
      total += 1;
      // Validation is synchronous: let requests in between stretches of it.
      if (total % 250 === 0) await yieldToEventLoop();
      if (total > maxRows) return { fatal: `The file has more than ${maxRows} rows; split it`, errors: [] };
      const row: Partial<Record<ColumnKey, string>> = {};
      columns.forEach((key, index) => {
        if (key !== undefined) row[key] = cells[index] ?? '';
      });
      const result = parseLedgerRow(row, line);
      if (!result.ok) {
        errors.push(...result.errors);
        continue;
      }
      const id = itemId(result.content.batch, result.content.code);
      const first = firstLineOf.get(id);
      if (first !== undefined) {
        errors.push({
          line,
          field: 'code',
          reason: `duplicates line ${first}: the same code in the same batch`,
        });
        continue;
      }
      firstLineOf.set(id, line);
      valid.push({ line, content: result.content });
    }
  } catch (error) {
    return {
      fatal: `The file cannot be read as ${format.toUpperCase()}: ${error instanceof Error ? error.message : String(error)}`,
      errors: [],
    };
  }
  if (columns === undefined)
    return { fatal: 'The file is empty: it needs a header row and at least one line', errors: [] };
  return { valid, errors, total };
}
