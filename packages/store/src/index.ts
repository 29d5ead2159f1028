export { type BulkTotals, bulkWriteInChunks, chunkOperations, MAX_UPDATE_STATEMENTS } from './bulk.ts';
export { connectStore, pingStore, type StoreOptions } from './connect.ts';
export { MODEL_OPTIONS, type ModelSpec, storeModel } from './schema.ts';
