import { type PersonRef, personRef } from '@zone-risk/contracts';
import { ConflictError } from '@zone-risk/platform';
import { storeModel } from '@zone-risk/store';
import type { Connection, Model } from 'mongoose';
import { z } from 'zod';
import type { Rules } from '../domain/grade.ts';
import type { RuleSet } from '../domain/rule-set.ts';

// The rule set (风险分级规则) in force and every one before it. The version is the `_id`, so two
// supervisors replacing it at once cannot both win: the second gets a 409 (no transaction needed).

const ruleSetRecord = z.object({
  version: z.int(),
  // The document as validated by parseRuleSet; kept whole, the schema there is its shape.
  document: z.record(z.string(), z.unknown()),
  replacedAt: z.date(),
  replacedBy: personRef,
});

interface RuleSetDocument {
  _id: string;
  version: number;
  document: RuleSet;
  replacedAt: Date;
  replacedBy: PersonRef;
}

export type StoredRules = Rules & { replacedAt: Date; replacedBy: PersonRef };

const idOf = (version: number) => `v${String(version).padStart(6, '0')}`;

export interface RuleSets {
  /** The rule set in force, from memory (refreshed by `refresh`, `replace` and every `ttlMs`). */
  current(): StoredRules;
  /** Reads the newest version; on the very first start stores `fallback` as version 1. */
  refresh(fallback?: RuleSet): Promise<StoredRules>;
  /** Stores `document` as the version after `expected`. @throws ConflictError when another came first. */
  replace(document: RuleSet, expected: number, by: PersonRef, now: Date): Promise<StoredRules>;
  history(): Promise<StoredRules[]>;
  model: Model<RuleSetDocument>;
}

const SYSTEM: PersonRef = { id: 'system', name: '系统（默认规则）' };

export function ruleSets(connection: Connection, fallback: RuleSet): RuleSets {
  const model = storeModel(connection, {
    name: 'RuleSet',
    collection: 'rule_sets',
    fields: ruleSetRecord,
    indexes: [],
  }) as unknown as Model<RuleSetDocument>;
  let cached: StoredRules | null = null;

  const toRules = (doc: RuleSetDocument): StoredRules => ({
    ...doc.document,
    version: doc.version,
    replacedAt: doc.replacedAt,
    replacedBy: doc.replacedBy,
  });

  async function latest(): Promise<StoredRules | null> {
    // A few versions a year: reading their numbers beats an index on FerretDB.
    const versions = await model.find({}, { version: 1 }).lean<{ version: number }[]>();
    const newest = Math.max(0, ...versions.map((v) => v.version));
    if (newest === 0) return null;
    const doc = await model.findOne({ _id: idOf(newest) }).lean<RuleSetDocument>();
    return doc ? toRules(doc) : null;
  }

  async function insert(document: RuleSet, version: number, by: PersonRef, now: Date): Promise<void> {
    try {
      await model.insertOne({ _id: idOf(version), version, document, replacedAt: now, replacedBy: by });
    } catch (error) {
      if ((error as { code?: number }).code === 11000) {
        throw new ConflictError(`Rule set version ${version} was stored meanwhile; read it and try again`, {
          currentVersion: version,
        });
      }
      throw error;
    }
  }

  return {
    model,
    current() {
      if (!cached) throw new Error('the rule set was not loaded: call refresh() at start');
      return cached;
    },
    async refresh() {
      let stored = await latest();
      if (!stored) {
        try {
          await insert(fallback, 1, SYSTEM, new Date());
        } catch (error) {
          if (!(error instanceof ConflictError)) throw error;
        }
        stored = await latest();
      }
      if (!stored) throw new Error('the default rule set could not be stored');
      cached = stored;
      return stored;
    },
    async replace(document, expected, by, now) {
      await insert(document, expected + 1, by, now);
      const stored = await latest();
      if (!stored) throw new Error('the rule set just stored cannot be read');
      cached = stored;
      return stored;
    },
    async history() {
      const docs = await model.find({}).lean<RuleSetDocument[]>();
      return docs.map(toRules).sort((a, b) => b.version - a.version);
    },
  };
}
