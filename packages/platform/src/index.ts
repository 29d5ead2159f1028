export { type App, type BuildAppOptions, buildApp, type ServiceRoutes } from './app.ts';
export { clockShiftDays, configuredClock, refuseClockShiftInProduction } from './clock.ts';
export {
  type BaseConfig,
  baseConfigSchema,
  ConfigError,
  type HttpConfig,
  httpConfigSchema,
  loadConfig,
} from './config.ts';
export {
  ConflictError,
  type FieldError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  PROBLEM_TYPES,
  PreconditionFailedError,
  PreconditionRequiredError,
  ProblemError,
  type ProblemOptions,
  UnauthorizedError,
  UnprocessableContentError,
  UnsupportedMediaTypeError,
  ValidationError,
} from './errors.ts';
export { etagFor, type IfMatchOptions, requireIfMatch, versionFromEtag } from './etag.ts';
export type { ReadinessCheck } from './health.ts';
export {
  IDEMPOTENCY_HEADER,
  type IdempotencyOptions,
  REPLAYED_HEADER,
} from './idempotency/hooks.ts';
export {
  IDEMPOTENCY_COLLECTION,
  type IdempotencyRecord,
  sweepIdempotencyRecords,
} from './idempotency/records.ts';
export { createLogger, type LoggerOptions, REDACTED_PATHS, REQUEST_ID_HEADER } from './logging.ts';
export { type CursorValue, decodeCursor, encodeCursor } from './pagination/cursor.ts';
export {
  type KeysetOptions,
  type KeysetQuery,
  keysetPage,
  keysetQuery,
  type Page,
  type PageQuery,
  pageQuerySchema,
  paginate,
  withKeyset,
} from './pagination/keyset.ts';
export { type PeriodicTask, startPeriodic } from './periodic.ts';
export { PROBLEM_CONTENT_TYPE, type Problem } from './problem.ts';
export { type RunServiceOptions, runService } from './run.ts';
export { booleanQuery, problemResponses, problemSchema } from './schemas.ts';
