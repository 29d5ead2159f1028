import { ConflictError } from '@zone-risk/platform';
import type { Connection } from 'mongoose';
import type { Policy, PolicyDocument } from '../domain/policy.ts';
import { aggregatorModels } from './collections.ts';

interface PolicyRecord {
  _id: string;
  version: number;
  document: PolicyDocument;
  createdAt: Date;
  createdBy: string;
}

export interface PolicyRepository {
  /** The newest stored version, or null before the first start stored the default. */
  latest(): Promise<(Policy & { createdAt: string; createdBy: string }) | null>;
  /**
   * Stores `document` as `version`. The version is the `_id`, so two writers racing for the same
   * version cannot both win (no transactions needed): the loser gets a 409.
   */
  save(document: PolicyDocument, version: number, createdBy: string): Promise<Policy>;
  /** The newest version; on the very first start, `fallback` stored as version 1 (by `system`). */
  activeOrStore(fallback: PolicyDocument): Promise<Policy & { createdAt: string; createdBy: string }>;
}

const idOf = (version: number): string => `v${String(version).padStart(6, '0')}`;

export function policyRepository(connection: Connection): PolicyRepository {
  const policies = aggregatorModels(connection).policies;
  const repository: PolicyRepository = {
    async latest() {
      // A handful of versions a year: reading their numbers is cheaper than an index on FerretDB.
      const versions = await policies.find({}, { version: 1 }).lean<{ version: number }[]>();
      const newest = Math.max(0, ...versions.map((doc) => Number(doc.version)));
      if (newest === 0) return null;
      const record = await policies.findOne({ _id: idOf(newest) }).lean<PolicyRecord>();
      if (!record) return null;
      return {
        ...record.document,
        version: record.version,
        createdAt: record.createdAt.toISOString(),
        createdBy: record.createdBy,
      };
    },
    async save(document, version, createdBy) {
      const record: PolicyRecord = {
        _id: idOf(version),
        version,
        document,
        createdAt: new Date(),
        createdBy,
      };
      try {
        await policies.insertOne(record);
      } catch (error) {
        if ((error as { code?: number }).code === 11000) {
          throw new ConflictError(`Policy version ${version} was stored meanwhile; read it and try again`, {
            currentVersion: version,
          });
        }
        throw error;
      }
      return { ...document, version };
    },
    async activeOrStore(fallback) {
      const stored = await repository.latest();
      if (stored) return stored;
      try {
        await repository.save(fallback, 1, 'system');
      } catch (error) {
        // Another process stored version 1 meanwhile: theirs is as good.
        if (!(error instanceof ConflictError)) throw error;
      }
      const created = await repository.latest();
      if (!created) throw new Error('the default policy could not be stored');
      return created;
    },
  };
  return repository;
}
