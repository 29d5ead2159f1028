import multipart from '@fastify/multipart';
import type { Role } from '@zone-risk/auth';
import { callerOf, domainProblems } from '@zone-risk/domain-service';
import {
  NotFoundError,
  PayloadTooLargeError,
  type ServiceRoutes,
  UnsupportedMediaTypeError,
  ValidationError,
} from '@zone-risk/platform';
import { z } from 'zod';
import { findImportJob, type ImportJobs } from './jobs.ts';
import type { ImportRunner } from './runner.ts';
import type { TableImport } from './table.ts';
import { templateCsv, templateXlsx } from './template.ts';
import { importJobUrl, importJobView, toImportJobView } from './view.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ACCEPTED = ['text/csv', XLSX_TYPE];

const problems = domainProblems({
  403: 'The caller’s role forbids it',
  413: 'The upload is larger than the limit',
  415: 'Not an accepted file type',
});

/** Where and how a table's import is served, and who may use it. */
export interface ImportRouteOptions {
  /** The upload, e.g. '/items/import'; the template is at `${path}/template`. */
  path: string;
  /** The jobs, e.g. '/imports': GET /imports/{id}. */
  jobsPath: string;
  /** OpenAPI tag of the three routes. */
  tag: string;
  /** OpenAPI summary and description of the upload. */
  summary: string;
  description: string;
  /** `write` may upload; `read` may download the template and read a job. */
  roles: { write: readonly Role[]; read: readonly Role[] };
  /** Largest file accepted, in bytes (413 beyond). */
  maxBytes: number;
  /** OpenAPI text of the template download. Default: from the noun and the columns. */
  template?: { summary?: string; description?: string };
  /** OpenAPI summary of the job read. Default: "Status, progress and report of a {noun} import". */
  job?: { summary?: string };
  /** The job's view schema, for a service that words its fields itself (`importJobView.extend`). */
  view?: z.ZodType;
}

/** A file that cannot be a table: the old binary Excel format, or some other binary file. */
function refuseUnreadable(buffer: Buffer): void {
  if (buffer.length >= 4 && buffer.readUInt32BE(0) === 0xd0cf11e0) {
    throw new UnsupportedMediaTypeError('This is an old-format Excel file (.xls); save it as .xlsx or CSV', {
      extensions: { accepted: ACCEPTED },
    });
  }
  const zip = buffer.length >= 4 && buffer.readUInt32LE(0) === 0x04034b50;
  if (!zip && buffer.subarray(0, 4096).includes(0)) {
    throw new UnsupportedMediaTypeError('The file is neither CSV text nor an XLSX workbook', {
      extensions: { accepted: ACCEPTED },
    });
  }
}

/**
 * The three routes of a table import: POST `path` (multipart, one file part) answers 202 with the
 * job and `Location: {jobsPath}/{id}`; GET `path`/template?format=csv|xlsx; GET `jobsPath`/{id}.
 * Registers @fastify/multipart in its own scope.
 */
export function importRoutes<K extends string, Row>(
  runner: ImportRunner,
  jobs: ImportJobs,
  spec: TableImport<K, Row>,
  route: ImportRouteOptions,
): ServiceRoutes {
  const { noun, columns } = spec;
  const view = route.view ?? importJobView.describe(`A ${noun} import (background job)`);
  const { filename } = spec.template;
  const first = columns[0];
  return async (app) => {
    await app.register(multipart, {
      limits: { fileSize: route.maxBytes, files: 1, fields: 5, parts: 6 },
      throwFileSizeLimit: true,
    });

    app.post(
      route.path,
      {
        config: { roles: route.roles.write, idempotency: false },
        schema: {
          tags: [route.tag],
          summary: route.summary,
          description: route.description,
          consumes: ['multipart/form-data'],
          response: { 202: view, ...problems(400, 403, 413, 415) },
        },
      },
      async (request, reply) => {
        const file = await request.file();
        if (!file) {
          throw new ValidationError(`Send the ${noun} as a multipart/form-data file part`, [
            { location: 'body', pointer: '', message: 'has no file part' },
          ]);
        }
        let buffer: Buffer;
        try {
          buffer = await file.toBuffer();
        } catch (error) {
          if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
            throw new PayloadTooLargeError(`The ${noun} is larger than ${route.maxBytes} bytes; split it`, {
              extensions: { maxBytes: route.maxBytes },
            });
          }
          throw error;
        }
        if (buffer.length === 0) {
          throw new ValidationError('The file is empty', [
            { location: 'body', pointer: '', message: 'is empty' },
          ]);
        }
        refuseUnreadable(buffer);
        const job = await runner.start({ buffer, filename: file.filename || noun }, callerOf(request).actor);
        return reply
          .code(202)
          .header('location', importJobUrl(route.jobsPath, job.id))
          .send(toImportJobView(job));
      },
    );

    app.get(
      `${route.path}/template`,
      {
        config: { roles: route.roles.read },
        schema: {
          tags: [route.tag],
          summary: route.template?.summary ?? `Download the ${noun} template (${filename.zh})`,
          description:
            route.template?.description ??
            `Header row in Chinese and English (${first ? `"${first.zh} / ${first.en}"…` : ''}) and example lines; the XLSX has a second sheet 说明 explaining every column and its values.`,
          querystring: z.object({ format: z.enum(['csv', 'xlsx']).default('xlsx').describe('csv or xlsx') }),
          response: problems(400),
        },
      },
      async (request, reply) => {
        const { format } = request.query;
        const csv = format === 'csv';
        return reply
          .type(csv ? 'text/csv; charset=utf-8' : XLSX_TYPE)
          .header(
            'content-disposition',
            `attachment; filename="${filename.en}.${format}"; filename*=UTF-8''${encodeURIComponent(`${filename.zh}.${format}`)}`,
          )
          .send(csv ? templateCsv(spec) : await templateXlsx(spec));
      },
    );

    app.get(
      `${route.jobsPath}/:id`,
      {
        config: { roles: route.roles.read },
        schema: {
          tags: [route.tag],
          summary: route.job?.summary ?? `Status, progress and report of a ${noun} import`,
          params: z.object({ id: z.string().min(1).max(80) }),
          response: { 200: view, ...problems(404) },
        },
      },
      async (request) => {
        const job = await findImportJob(jobs, request.params.id);
        if (!job) throw new NotFoundError(`Import ${request.params.id} does not exist`);
        return toImportJobView(job);
      },
    );
  };
}
