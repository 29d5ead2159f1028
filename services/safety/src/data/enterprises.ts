import type { Enterprise } from '../domain/hazard.ts';
import type { SafetyData } from './collections.ts';

export interface EnterpriseDocument {
  /** The Unified Social Credit Code: the key that joins an enterprise across domains. */
  _id: string;
  name: string;
  firstSeenAt: Date;
  updatedAt: Date;
}

/** Records an enterprise on first use and keeps its latest name. */
export async function upsertEnterprise(data: SafetyData, enterprise: Enterprise, now: Date): Promise<void> {
  const write = () =>
    data.enterprises.updateOne(
      { _id: enterprise.creditCode },
      { $set: { name: enterprise.name, updatedAt: now }, $setOnInsert: { firstSeenAt: now } },
      { upsert: true },
    );
  try {
    await write();
  } catch (error) {
    // Two first uses at once: one upsert inserts, the other hits the unique _id; it is there now.
    if ((error as { code?: number }).code !== 11000) throw error;
    await write();
  }
}

export async function findEnterprise(
  data: SafetyData,
  creditCode: string,
): Promise<EnterpriseDocument | null> {
  return data.enterprises.findOne({ _id: creditCode });
}
