import multipart from '@fastify/multipart';
import { callerOf } from '@zone-risk/domain-service';
import {
  NotFoundError,
  PayloadTooLargeError,
  type ServiceRoutes,
  UnsupportedMediaTypeError,
  ValidationError,
} from '@zone-risk/platform';
import { z } from 'zod';
import { findImport } from '../data/imports.ts';
import { templateCsv, templateXlsx } from '../imports/template.ts';
import { ROLES, type RouteDeps } from './deps.ts';
import { importView, problems } from './schemas.ts';
import { importUrl, toImportView } from './views.ts';

const ACCEPTED = ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];

/** A file we cannot read as a ledger: the old binary Excel format, or some other binary file. */
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

export function importRoutes(deps: RouteDeps): ServiceRoutes {
  return async (app) => {
    const maxBytes = deps.config.IMPORT_MAX_BYTES;
    await app.register(multipart, {
      limits: { fileSize: maxBytes, files: 1, fields: 5, parts: 6 },
      throwFileSizeLimit: true,
    });

    app.post(
      '/items/import',
      {
        config: { roles: ROLES.staff, idempotency: false },
        schema: {
          tags: ['ledger import'],
          summary: 'Import a ledger (拉条挂账): CSV or XLSX',
          description:
            'multipart/form-data with one file part: CSV (UTF-8 or GB18030) or XLSX (first sheet), header row as in the template (GET /items/import/template). Always answers 202 with `Location: /imports/{id}`: the import runs in the background, GET that URL for status, progress and the per-row report (line, field, reason). Valid rows are registered, invalid ones reported; the item id derives from batch + code, so importing the same file again changes nothing (rows count as unchanged).',
          consumes: ['multipart/form-data'],
          response: { 202: importView, ...problems(400, 403, 413, 415) },
        },
      },
      async (request, reply) => {
        const file = await request.file();
        if (!file) {
          throw new ValidationError('Send the ledger as a multipart/form-data file part', [
            { location: 'body', pointer: '', message: 'has no file part' },
          ]);
        }
        let buffer: Buffer;
        try {
          buffer = await file.toBuffer();
        } catch (error) {
          if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
            throw new PayloadTooLargeError(`The ledger is larger than ${maxBytes} bytes; split it`, {
              extensions: { maxBytes },
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
        const job = await deps.imports.start(
          { buffer, filename: file.filename || 'ledger' },
          callerOf(request).actor,
        );
        return reply.code(202).header('location', importUrl(job.id)).send(toImportView(job));
      },
    );

    app.get(
      '/items/import/template',
      {
        config: { roles: ROLES.read },
        schema: {
          tags: ['ledger import'],
          summary: 'Download the ledger template (台账模板)',
          description:
            'Header row in Chinese and English ("批次 / batch"…) and two example lines; the XLSX has a second sheet 说明 explaining every column and its values.',
          querystring: z.object({ format: z.enum(['csv', 'xlsx']).default('xlsx').describe('csv or xlsx') }),
          response: problems(400),
        },
      },
      async (request, reply) => {
        const csv = request.query.format === 'csv';
        const name = csv ? '整改台账模板.csv' : '整改台账模板.xlsx';
        return reply
          .type(csv ? 'text/csv; charset=utf-8' : (ACCEPTED[1] ?? ''))
          .header(
            'content-disposition',
            `attachment; filename="ledger-template.${request.query.format}"; filename*=UTF-8''${encodeURIComponent(name)}`,
          )
          .send(csv ? templateCsv() : await templateXlsx());
      },
    );

    app.get(
      '/imports/:id',
      {
        config: { roles: ROLES.read },
        schema: {
          tags: ['ledger import'],
          summary: 'Status, progress and report of a ledger import',
          params: z.object({ id: z.string().min(1).max(80) }),
          response: { 200: importView, ...problems(404) },
        },
      },
      async (request) => {
        const job = await findImport(deps.ctx.imports, request.params.id);
        if (!job) throw new NotFoundError(`Import ${request.params.id} does not exist`);
        return toImportView(job);
      },
    );
  };
}
