import mongoose, { type Connection } from 'mongoose';

export interface StoreOptions {
  /** A MongoDB connection string: a real MongoDB 7+ or the local FerretDB front. */
  url: string;
  /** The database this connection works in; each service (and each test file) has its own. */
  dbName: string;
  /** How long to wait for the store before failing a request, in milliseconds. */
  serverSelectionTimeoutMS?: number;
}

/**
 * Opens a mongoose connection and waits until the store has answered.
 * Each caller gets its own connection (never the mongoose default), so services, tests and
 * tools can hold several at once without sharing models by accident.
 */
export async function connectStore(options: StoreOptions): Promise<Connection> {
  const connection = mongoose.createConnection(options.url, {
    dbName: options.dbName,
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 10_000,
    // Index builds are explicit (each model's createIndexes at start) so that a failure is seen, not swallowed.
    autoIndex: false,
    autoCreate: false,
  });
  await connection.asPromise();
  return connection;
}

/** True when the store answers a ping within the connection's timeouts. */
export async function pingStore(connection: Connection): Promise<boolean> {
  try {
    const db = connection.db;
    if (!db) return false;
    await db.command({ ping: 1 });
    return true;
  } catch {
    return false;
  }
}
