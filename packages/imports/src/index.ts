export {
  ACTIVE_STATUSES,
  findImportJob,
  IMPORT_STATUSES,
  type ImportJob,
  type ImportJobDocument,
  type ImportJobs,
  type ImportStatus,
  importJobModel,
  importJobSchema,
  interruptStaleImports,
  MAX_STORED_ERRORS,
} from './jobs.ts';
export { type ParsedTable, type ParseOptions, parseTable, type RefusedTable } from './parse.ts';
export {
  decodeCsv,
  formatOf,
  readCsv,
  readTable,
  readXlsx,
  type TableFormat,
  type TableLine,
} from './read.ts';
export { type ImportRouteOptions, importRoutes } from './routes.ts';
export { createImportRunner, type ImportRunner, type ImportRunnerOptions } from './runner.ts';
export {
  type Column,
  headerText,
  type ImportCaller,
  mapHeader,
  type RowError,
  type RowOutcome,
  type RowParse,
  type TableImport,
  type TableTemplate,
} from './table.ts';
export { csvText, headerRow, type TemplateSpec, templateCsv, templateXlsx } from './template.ts';
export { importJobUrl, importJobView, rowErrorView, toImportJobView } from './view.ts';
