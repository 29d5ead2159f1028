import { importRoutes } from '@zone-risk/imports';
import type { ServiceRoutes } from '@zone-risk/platform';
import { ledgerImport } from '../commands/ledger-import.ts';
import { ROLES, type RouteDeps } from './deps.ts';
import { ledgerImportView } from './schemas.ts';

/** Where a ledger is uploaded; its template is at `${LEDGER_IMPORT_PATH}/template`. */
export const LEDGER_IMPORT_PATH = '/items/import';

/** The ledger import (拉条挂账): upload, template, job — the routes of @zone-risk/imports. */
export function ledgerImportRoutes(deps: RouteDeps): ServiceRoutes {
  return importRoutes(deps.imports, deps.ctx.imports, ledgerImport(deps.ctx), {
    path: LEDGER_IMPORT_PATH,
    jobsPath: '/imports',
    tag: 'ledger import',
    summary: 'Import a ledger (拉条挂账): CSV or XLSX',
    description:
      'multipart/form-data with one file part: CSV (UTF-8 or GB18030) or XLSX (first sheet), header row as in the template (GET /items/import/template). Always answers 202 with `Location: /imports/{id}`: the import runs in the background, GET that URL for status, progress and the per-row report (line, field, reason). Valid rows are registered, invalid ones reported; the item id derives from batch + code, so importing the same file again changes nothing (rows count as unchanged).',
    roles: { write: ROLES.staff, read: ROLES.read },
    maxBytes: deps.config.IMPORT_MAX_BYTES,
    template: {
      summary: 'Download the ledger template (台账模板)',
      description:
        'Header row in Chinese and English ("批次 / batch"…) and two example lines; the XLSX has a second sheet 说明 explaining every column and its values.',
    },
    view: ledgerImportView,
  });
}
