import { type Connection, Schema } from 'mongoose';
import { type OutboxModel, outboxFields } from '../../src/index.ts';

// The test aggregate's document: a few state fields, a timeline, and the outbox. Strict, like a
// service's models: a write to a field the schema does not declare fails instead of vanishing.
const thingSchema = new Schema(
  { _id: String, status: String, step: Number, history: [String], ...outboxFields },
  { versionKey: false, strict: 'throw', autoIndex: false },
);

// A record of another aggregate's version, like the aggregator's status history.
const recordSchema = new Schema(
  { _id: Number, sequence: Number, ...outboxFields },
  { versionKey: false, strict: 'throw', autoIndex: false },
);

/** The `things` collection of the test database, as a service would model it. */
export function thingModel(connection: Connection, collection = 'things'): OutboxModel {
  return connection.models[collection] ?? connection.model(collection, thingSchema, collection);
}

export function recordModel(connection: Connection, collection = 'records'): OutboxModel {
  return connection.models[collection] ?? connection.model(collection, recordSchema, collection);
}
