import { personRef } from '@zone-risk/contracts';
import { z } from 'zod';
import { IMPORT_STATUSES, type ImportJob, MAX_STORED_ERRORS } from './jobs.ts';

const instant = z.string().describe('Instant, RFC 3339');

export const rowErrorView = z.object({
  line: z.int().describe('Line in the file; 1 is the header row'),
  field: z.string().describe('The column, by its English key'),
  reason: z.string(),
});

/**
 * An import job as GET {jobsPath}/{id} answers it. A service may word a field its own way with
 * `importJobView.extend({ … })` and hand that to `importRoutes` as `view`.
 */
export const importJobView = z
  .object({
    id: z.string(),
    status: z
      .enum(IMPORT_STATUSES)
      .describe(
        'failed: the file as a whole was refused (see message); interrupted: the service stopped, upload again',
      ),
    filename: z.string(),
    format: z.enum(['csv', 'xlsx']),
    size: z.int(),
    sha256: z.string(),
    total: z.int().nullable().describe('Data rows in the file; null until parsed'),
    processed: z.int().describe('Rows decided so far (invalid rows count at once)'),
    percent: z.int().describe('processed / total, 0-100'),
    created: z.int(),
    updated: z.int().describe('Rows that changed what was there (0 where a changed row is refused instead)'),
    unchanged: z.int().describe('Rows already there with the same content'),
    failed: z.int().describe('Rows refused; `errors` says why'),
    errors: z
      .array(rowErrorView)
      .describe(
        `One entry per problem: line, field, reason (the first ${MAX_STORED_ERRORS.toLocaleString('en')})`,
      ),
    errorsTruncated: z.boolean(),
    message: z.string().nullable(),
    createdBy: personRef,
    createdAt: instant,
    finishedAt: instant.nullable(),
  })
  .describe('An import (background job)');

export function toImportJobView(job: ImportJob): z.input<typeof importJobView> {
  const { updatedAt: _updated, ...rest } = job;
  return {
    ...rest,
    percent: job.total === null ? 0 : job.total === 0 ? 100 : Math.floor((job.processed / job.total) * 100),
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt === null ? null : job.finishedAt.toISOString(),
  };
}

/** Where a job is read: `${jobsPath}/${id}`. */
export const importJobUrl = (jobsPath: string, id: string): string => `${jobsPath}/${encodeURIComponent(id)}`;
