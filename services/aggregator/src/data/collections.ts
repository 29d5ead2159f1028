import { outboxFields } from '@zone-risk/messaging';
import { MODEL_OPTIONS } from '@zone-risk/store';
import { type Connection, type Model, Schema } from 'mongoose';

// The aggregator's collections, in its own database, as mongoose models with the store's options.
// Strict: a field a write names that the schema does not declare is an error, never silently dropped.
const options = MODEL_OPTIONS;

/**
 * A consumer position as stored: `{ tp, offset }` objects, because FerretDB refuses nested arrays
 * ("nested arrays are not supported"), so `[topicPartition, offset]` pairs cannot be stored.
 */
export interface StoredPosition {
  tp: string;
  offset: string;
}

const NESTED = { _id: false, strict: 'throw' } as const;
const position = new Schema({ tp: String, offset: String }, NESTED);

const policySchema = new Schema(
  {
    _id: String,
    version: { type: Number, required: true },
    // The policy's own zod schema validates it; here it is one value.
    document: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, required: true },
    createdBy: { type: String, required: true },
  },
  options,
);

// Snapshot chunks and the head that names the complete generation share one collection.
const snapshotChunkSchema = new Schema(
  {
    _id: String,
    generation: { type: Number, required: true, index: true },
    n: { type: Number, required: true },
    data: { type: Buffer, required: true },
  },
  options,
);

const snapshotHeadSchema = new Schema(
  {
    _id: String,
    positions: [position],
    lastSequence: Number,
    policyVersion: Number,
    createdAt: String,
    current: Number,
    chunks: Number,
    items: Number,
  },
  options,
);

const historySchema = new Schema(
  {
    _id: Number,
    sequence: { type: Number, required: true },
    // UTC day: the trend chart and GET /status?at read one day at a time, by equality.
    day: { type: String, required: true, index: true },
    at: { type: Date, required: true },
    trigger: { type: String, enum: ['events', 'time', 'policy'], required: true },
    causes: [new Schema({ id: String, type: String, domain: String, aggregateId: String }, NESTED)],
    positions: [position],
    // The ZoneStatus as computed (its shape is the status routes' zod schema).
    status: { type: Schema.Types.Mixed, required: true },
    series: { type: Schema.Types.Mixed, required: true },
    ...outboxFields,
  },
  options,
);

// biome-ignore lint/suspicious/noExplicitAny: documents of several shapes; the repositories type their reads
type AnyModel = Model<any>;

export interface AggregatorModels {
  policies: AnyModel;
  snapshotChunks: AnyModel;
  snapshotHead: AnyModel;
  history: AnyModel;
}

function model(connection: Connection, name: string, schema: Schema, collection: string): AnyModel {
  const known = connection.models[name] as AnyModel | undefined;
  return known ?? (connection.model(name, schema, collection) as AnyModel);
}

/** The aggregator's models on its store connection (one set per connection). */
export function aggregatorModels(connection: Connection): AggregatorModels {
  return {
    policies: model(connection, 'Policy', policySchema, 'policies'),
    snapshotChunks: model(connection, 'SnapshotChunk', snapshotChunkSchema, 'snapshots'),
    snapshotHead: model(connection, 'SnapshotHead', snapshotHeadSchema, 'snapshots'),
    history: model(connection, 'StatusRecord', historySchema, 'status_history'),
  };
}

/**
 * The indexes the schemas declare, created through the models. FerretDB only pushes top-level
 * equality down to PostgreSQL, so every query here filters on one top-level field: the history by
 * day (the trend chart, GET /status?at) and by `_outboxPending` (the relay), snapshot chunks by
 * generation.
 */
export async function ensureIndexes(connection: Connection): Promise<void> {
  const models = aggregatorModels(connection);
  await models.history.createIndexes();
  await models.snapshotChunks.createIndexes();
}

export function toStored(positions: readonly [string, string][]): StoredPosition[] {
  return positions.map(([tp, offset]) => ({ tp, offset }));
}

export function fromStored(positions: readonly StoredPosition[] | undefined): [string, string][] {
  return (positions ?? []).map((p) => [p.tp, p.offset]);
}
