import mongoose, { type Connection } from 'mongoose';
import type { Test } from 'tap';
import { mongoUrl } from './infra.ts';
import { uniqueName } from './names.ts';

export interface TestDatabase {
  connection: Connection;
  dbName: string;
  url: string;
}

/** A database of this test's own, dropped when the test ends. */
export async function useTestDatabase(t: Test, prefix = 'test'): Promise<TestDatabase> {
  const url = await mongoUrl();
  const dbName = uniqueName(prefix);
  // Plain mongoose, not @zone-risk/store: the store package's own tests use this kit.
  const connection = await mongoose
    .createConnection(url, { dbName, serverSelectionTimeoutMS: 10_000 })
    .asPromise();
  t.teardown(async () => {
    await connection.dropDatabase().catch(() => undefined);
    await connection.close();
  });
  return { connection, dbName, url };
}
