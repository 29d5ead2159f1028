import { type Page, paginate } from '@zone-risk/platform';
import { storeModel } from '@zone-risk/store';
import type { Connection, Model } from 'mongoose';
import { z } from 'zod';
import type { Enterprise } from '../domain/hazard.ts';

/** An enterprise as first seen: keyed by its Unified Social Credit Code, with its latest name. */
const enterpriseRecord = z.object({
  name: z.string(),
  firstSeenAt: z.date(),
  updatedAt: z.date(),
});

/** `_id` is the credit code: the key that joins an enterprise across domains. */
export interface EnterpriseDocument extends z.infer<typeof enterpriseRecord> {
  _id: string;
}

export const enterpriseModel = (connection: Connection): Model<EnterpriseDocument> =>
  storeModel(connection, { name: 'Enterprise', collection: 'enterprises', fields: enterpriseRecord });

/** Records an enterprise on first use and keeps its latest name. */
export async function upsertEnterprise(
  enterprises: Model<EnterpriseDocument>,
  enterprise: Enterprise,
  now: Date,
): Promise<void> {
  const write = () =>
    enterprises.updateOne(
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

export function findEnterprise(
  enterprises: Model<EnterpriseDocument>,
  creditCode: string,
): Promise<EnterpriseDocument | null> {
  return enterprises.findOne({ _id: creditCode }).lean<EnterpriseDocument>();
}

/** By credit code. */
export function listEnterprises(
  enterprises: Model<EnterpriseDocument>,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<EnterpriseDocument>> {
  return paginate<EnterpriseDocument>(enterprises, { ...page, sortField: '_id', direction: 1 });
}
