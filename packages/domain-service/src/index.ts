export { createOnce } from './aggregate/create-once.ts';
export {
  type Aggregate,
  type AggregateDefinition,
  type AggregateType,
  defineAggregate,
  type TimerFields,
  timelineEntrySchema,
} from './aggregate/define.ts';
export { newId } from './aggregate/ids.ts';
export {
  type EventCause,
  type EventRecorder,
  eventRecorder,
  type Fact,
  type TimelineEntry,
} from './aggregate/record.ts';
export { type AggregateRepository, type ListOrder, StoredStateError } from './aggregate/repository.ts';
export type {
  AggregateWriter,
  Caller,
  ChangeOptions,
  DecisionOf,
  Versioned,
  WriteContext,
} from './aggregate/writer.ts';
export {
  buildDomainApp,
  createDomainContext,
  type DomainAppOptions,
  type DomainContext,
  type DomainRuntime,
  type DomainService,
  prepareDomainStore,
  type Running,
  sweepDomainNow,
} from './app.ts';
export { type DomainConfig, type DomainConfigSpec, domainConfigSchema } from './config.ts';
export * from './domain/index.ts';
export { callerOf, idSeed, ifMatch, optionalIfMatch, sendWithEtag } from './http/caller.ts';
export { DOMAIN_PROBLEMS, domainProblem, domainProblems } from './http/problems.ts';
export { type ActionSpec, aggregateRoutes, type ResourceSpec } from './http/routes.ts';
export { runSeed, type SeedClock, type SeedOptions, type SeedRun } from './seed.ts';
export { type Sweeper, type SweepSpec, startSweeper } from './sweeper.ts';
