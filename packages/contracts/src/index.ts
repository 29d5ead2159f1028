export { type AsyncApiDocument, asyncApiDocument } from './asyncapi.ts';
export { breakingChanges } from './compat.ts';
export {
  type AnyEventDefinition,
  type CreateEventInput,
  defineEvent,
  type EventDefinition,
  type EventDefinitionInput,
  type EventFor,
  type EventNameOf,
  type EventOf,
  type EventTypeOf,
  type FactOf,
  InvalidEventError,
} from './define-event.ts';
export { type Envelope, envelopeAttributes, envelopeSchema, eventTypePattern } from './envelope.ts';
// Every event definition and the registry: a domain lists its events once, in events/index.ts.
export * from './events/index.ts';
export { isoDate, isoDateTime, money, type PersonRef, personRef, zoneId } from './fields/common.ts';
export {
  creditCode,
  creditCodeAlphabet,
  creditCodeCheckChar,
  creditCodeProblem,
} from './fields/credit-code.ts';
export {
  compareRiskLevels,
  type KnownRiskLevel,
  knownRiskLevel,
  type RiskLevel,
  riskLevel,
  riskLevelOrder,
} from './fields/risk-level.ts';
export { eventJsonSchema, type JSONSchema } from './json-schema.ts';
export { createEventRegistry, type EventRegistry, type ParseEventResult } from './registry.ts';
export { deadLetterTopic, type TopicName, topics } from './topics.ts';
