export { type TestDatabase, useTestDatabase } from './database.ts';
export { type EventLog, type PublishedEvent, watchEvents } from './events.ts';
export { eventually } from './eventually.ts';
export { json, multipart } from './http.ts';
export { type Infra, infra, kafkaBrokers, mongoUrl } from './infra.ts';
export { testKafka, useTestTopics } from './kafka.ts';
export { uniqueName } from './names.ts';
export { freePort } from './ports.ts';
export { type ServiceProcess, startServiceProcess } from './process.ts';
export {
  type HarnessBuildOptions,
  type ServiceDefinition,
  type ServiceHarness,
  serviceHarness,
  type TestService,
} from './service.ts';
export { bearer } from './tokens.ts';
