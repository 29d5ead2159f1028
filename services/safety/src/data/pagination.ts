import { type CursorValue, keysetPage, keysetQuery, type Page } from '@zone-risk/platform';
import type { mongo } from 'mongoose';

export interface ListOptions {
  limit: number;
  cursor?: string | undefined;
  sortField: string;
  direction: 1 | -1;
  projection?: mongo.Document;
}

/**
 * One keyset page. The platform's `paginate` wraps filter and keyset in `$and`, which FerretDB
 * does not push down at all (every document is read); spreading both into one filter keeps the
 * route's top-level equality fields pushed down and indexed.
 */
export async function listPage<T extends mongo.Document & { _id: CursorValue }>(
  collection: mongo.Collection<T>,
  filter: Record<string, unknown>,
  options: ListOptions,
): Promise<Page<T>> {
  if ('_id' in filter || '$or' in filter) throw new TypeError('list filters may not use _id or $or');
  const query = keysetQuery(options);
  const docs = (await collection
    .find(
      { ...filter, ...query.filter } as mongo.Filter<T>,
      options.projection ? { projection: options.projection } : {},
    )
    .sort(query.sort)
    .limit(query.limit)
    .toArray()) as T[];
  return keysetPage(docs, options);
}
