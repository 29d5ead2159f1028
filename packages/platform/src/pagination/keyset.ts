import type { Model } from 'mongoose';
import { z } from 'zod';
import { ValidationError } from '../errors.ts';
import { type CursorValue, decodeCursor, encodeCursor } from './cursor.ts';

/** `?limit=&cursor=` for list routes; extend it with the route's own filters. */
export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('Items per page (1-200)'),
  cursor: z.string().min(1).max(1024).optional().describe('nextCursor of the previous page'),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

export interface KeysetOptions {
  /** The field the list is ordered by; `_id` breaks ties. Every document must have it. Default `_id`. */
  sortField?: string;
  /** 1 ascending, -1 descending. Default 1. */
  direction?: 1 | -1;
  limit: number;
  cursor?: string;
}

export interface KeysetQuery {
  filter: Record<string, unknown>;
  sort: Record<string, 1 | -1>;
  /** One more than the page size: the extra item tells whether a next page exists. */
  limit: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * The filter (to AND with the route's own), sort and limit for one page. Keyset rather than skip:
 * a page stays correct while items are inserted, and costs the same at page 1 and page 100.
 */
export function keysetQuery(options: KeysetOptions): KeysetQuery {
  const field = options.sortField ?? '_id';
  const direction = options.direction ?? 1;
  const after = direction === 1 ? '$gt' : '$lt';
  const sort: Record<string, 1 | -1> =
    field === '_id' ? { _id: direction } : { [field]: direction, _id: direction };
  const limit = options.limit + 1;
  if (!options.cursor) return { filter: {}, sort, limit };

  const values = decodeCursor(options.cursor);
  const expected = field === '_id' ? 1 : 2;
  if (values.length !== expected) {
    throw new ValidationError('The cursor belongs to a differently sorted list', [
      { location: 'querystring', pointer: '/cursor', message: 'does not match this list' },
    ]);
  }
  if (field === '_id') return { filter: { _id: { [after]: values[0] } }, sort, limit };
  const [value, id] = values;
  return {
    filter: { $or: [{ [field]: { [after]: value } }, { [field]: value, _id: { [after]: id } }] },
    sort,
    limit,
  };
}

/** Cuts what a `keysetQuery` fetched down to one page and makes the cursor for the next. */
export function keysetPage<T extends { _id: unknown }>(docs: T[], options: KeysetOptions): Page<T> {
  if (docs.length <= options.limit) return { items: docs, nextCursor: null };
  const items = docs.slice(0, options.limit);
  const last = items[items.length - 1] as T & Record<string, unknown>;
  const field = options.sortField ?? '_id';
  const values = field === '_id' ? [last._id] : [last[field], last._id];
  return { items, nextCursor: encodeCursor(values as CursorValue[]) };
}

/**
 * The route's filter and the page's keyset condition as one query. Merged into one object where
 * their keys do not clash: FerretDB pushes top-level equality down to PostgreSQL (and its indexes)
 * but nothing at all under `$and`, so `$and` would read the whole collection for every page.
 */
export function withKeyset(filter: Record<string, unknown> | undefined, keyset: Record<string, unknown>) {
  if (!filter) return keyset;
  const clash = Object.keys(keyset).some((key) => key in filter);
  return clash ? { $and: [filter, keyset] } : { ...filter, ...keyset };
}

/**
 * One page of a collection, read through its mongoose model (`.lean()`: plain documents). The
 * route's filter and the keyset condition are merged (see `withKeyset`).
 */
export async function paginate<T extends { _id: unknown }>(
  // biome-ignore lint/suspicious/noExplicitAny: a model of any document shape; the page is typed by T
  model: Model<any>,
  options: KeysetOptions & { filter?: Record<string, unknown>; projection?: Record<string, 0 | 1> },
): Promise<Page<T>> {
  const query = keysetQuery(options);
  let docs: T[];
  try {
    docs = await model
      .find(withKeyset(options.filter, query.filter), options.projection ?? null)
      .sort(query.sort)
      .limit(query.limit)
      .lean<T[]>();
  } catch (error) {
    // A cursor that decodes but carries a value of the wrong type for the sort field (edited by hand).
    if ((error as { name?: string }).name !== 'CastError' || !options.cursor) throw error;
    throw new ValidationError('The cursor does not belong to this list', [
      { location: 'querystring', pointer: '/cursor', message: 'does not match this list' },
    ]);
  }
  return keysetPage(docs, options);
}
