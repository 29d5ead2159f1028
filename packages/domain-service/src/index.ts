export {
  type EventCause,
  type EventRecorder,
  type EventRecorderOptions,
  eventRecorder,
  type Recorded,
  type RecordInput,
  type Step,
  type TimelineEntry,
} from './aggregate/record.ts';
export {
  type AggregateKind,
  type AggregateWriter,
  aggregateWriter,
  type Caller,
  type ChangeOptions,
  type Versioned,
  type WriteContext,
} from './aggregate/writer.ts';
export {
  buildDomainApp,
  type DomainAppOptions,
  type DomainConfig,
  type DomainRuntime,
  type DomainService,
} from './app.ts';
export { runSeed, type SeedClock, type SeedOptions, type SeedRun } from './seed.ts';
