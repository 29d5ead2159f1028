import { createHash, randomBytes } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { PersonRef } from '@zone-risk/contracts';
import { startPeriodic } from '@zone-risk/platform';
import type { Logger } from 'pino';
import {
  type ImportJob,
  type ImportJobs,
  INTERRUPTED_MESSAGE,
  insertImportJob,
  interruptStaleImports,
  MAX_STORED_ERRORS,
  updateImportJob,
} from './jobs.ts';
import { parseTable } from './parse.ts';
import { formatOf } from './read.ts';
import type { RowError, TableImport } from './table.ts';

export interface ImportRunnerOptions {
  /** Rows written between two progress writes (the event loop is yielded between chunks). */
  chunkRows: number;
  /** Most data rows one file may have; the import fails beyond. */
  maxRows: number;
  /** How often jobs a stopped process left running are looked for. */
  watchIntervalMs: number;
  /** A job silent this long belongs to a stopped process. Default 5 minutes. */
  staleMs?: number;
  /** Where the template is, named in the message for a bad header row (e.g. '/items/import/template'). */
  templateUrl?: string;
}

export interface ImportRunner {
  /** Records the job and starts it in the background; resolves once the job record exists. */
  start(file: { buffer: Buffer; filename: string }, by: PersonRef): Promise<ImportJob>;
  /** Resolves when every job started so far has ended (tests, shutdown). */
  idle(): Promise<void>;
  /** Jobs stop after their current chunk and are marked interrupted; the watchdog stops. */
  stop(): Promise<void>;
}

/** A running import writes after every chunk; one silent this long belongs to a stopped process. */
const STALE_IMPORT_MS = 5 * 60_000;

class Interrupted extends Error {}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * A table import as a background job: `start` records the job and returns it at once; the job
 * parses the file, validates every row, writes the valid ones chunk by chunk through `spec.write`
 * (yielding the event loop between chunks and writing its progress after each) and keeps a
 * per-row report. A watchdog, at start and every `watchIntervalMs`, marks interrupted what a
 * stopped process left running.
 */
export function createImportRunner<K extends string, Row>(
  deps: { jobs: ImportJobs; clock: { now(): Date }; logger: Logger },
  spec: TableImport<K, Row>,
  options: ImportRunnerOptions,
): ImportRunner {
  const { jobs, clock } = deps;
  const logger = deps.logger.child({ component: 'table-import', noun: spec.noun });
  const running = new Set<Promise<void>>();
  let stopping = false;
  // An import runs in the memory of the process that accepted it: what a stopped one left running
  // is marked interrupted, at start and every interval, by whichever replica looks first.
  const watchdog = startPeriodic(
    'import-watchdog',
    { intervalMs: options.watchIntervalMs, logger },
    async () => {
      const interrupted = await interruptStaleImports(jobs, clock.now(), options.staleMs ?? STALE_IMPORT_MS);
      if (interrupted > 0) logger.warn({ interrupted }, 'imports of a stopped process marked interrupted');
    },
  );

  async function start(file: { buffer: Buffer; filename: string }, by: PersonRef): Promise<ImportJob> {
    const now = clock.now();
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
      updated: 0,
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
    await insertImportJob(jobs, job);
    const run = execute(job, file.buffer)
      .catch(async (error: unknown) => {
        const interrupted = error instanceof Interrupted;
        if (!interrupted) logger.error({ err: error, importId: job.id }, 'import failed');
        const at = clock.now();
        await updateImportJob(jobs, job.id, {
          status: interrupted ? 'interrupted' : 'failed',
          message: interrupted
            ? INTERRUPTED_MESSAGE
            : `The import stopped on an internal error (${describe(error)}); upload the file again`,
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
    await updateImportJob(jobs, job.id, { status: 'parsing', updatedAt: clock.now() });
    const parsed = await parseTable(spec, buffer, job.format, {
      maxRows: options.maxRows,
      ...(options.templateUrl !== undefined ? { templateUrl: options.templateUrl } : {}),
    });
    if ('fatal' in parsed) {
      const at = clock.now();
      await updateImportJob(
        jobs,
        job.id,
        { status: 'failed', message: parsed.fatal, total: 0, updatedAt: at, finishedAt: at },
        parsed.errors,
      );
      return;
    }
    const { valid, errors, total } = parsed;
    // A row with several problems counts once.
    const failedLines = new Set(errors.map((e) => e.line)).size;
    // Every row error found so far, and those of them the report keeps.
    let reported = errors.length;
    let stored = Math.min(reported, MAX_STORED_ERRORS);
    const counts = { processed: failedLines, created: 0, updated: 0, unchanged: 0, failed: failedLines };
    await updateImportJob(
      jobs,
      job.id,
      { status: 'running', total, ...counts, errorsTruncated: stored < reported, updatedAt: clock.now() },
      errors.slice(0, stored),
    );
    const caller = { actor: job.createdBy, correlationId: job.id };
    for (let from = 0; from < valid.length; from += options.chunkRows) {
      if (stopping) throw new Interrupted();
      const chunkErrors: RowError[] = [];
      for (const { line, row } of valid.slice(from, from + options.chunkRows)) {
        const result = await spec.write(row, caller, { id: job.id });
        counts.processed += 1;
        if (result.outcome === 'refused') {
          counts.failed += 1;
          reported += 1;
          chunkErrors.push({ line, field: result.field, reason: result.reason });
        } else {
          counts[result.outcome] += 1;
        }
      }
      const keep = chunkErrors.slice(0, Math.max(0, MAX_STORED_ERRORS - stored));
      stored += keep.length;
      await updateImportJob(
        jobs,
        job.id,
        { ...counts, errorsTruncated: stored < reported, updatedAt: clock.now() },
        keep,
      );
      await yieldToEventLoop();
    }
    const at = clock.now();
    await updateImportJob(jobs, job.id, { status: 'completed', updatedAt: at, finishedAt: at });
    logger.info({ importId: job.id, total, ...counts }, `${spec.noun} imported`);
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
