import { rectificationItemEvents } from '@zone-risk/contracts';
import { type Aggregate, defineAggregate } from '@zone-risk/domain-service';
import type { Page } from '@zone-risk/platform';
import type { ItemFactName } from '../domain/facts.ts';
import { type Category, derive, type Item, itemDerived, itemState, type Source } from '../domain/item.ts';
import type { ItemStatus } from '../domain/machine.ts';
import type { ItemFigure } from '../domain/statistics.ts';
import { itemStateData } from '../events/item-events.ts';

/** The rectification ledger: state, derived query fields, timeline and outbox in one document each. */
export const items = defineAggregate({
  type: 'rectification-item',
  noun: 'Rectification item',
  collection: 'items',
  state: itemState,
  derived: { schema: itemDerived, of: derive },
  // One index per top-level field a hot query filters on by equality (see DEVELOPERS.md).
  indexes: ['status', 'source', 'category', 'batch', 'responsibleUnit', 'enterpriseCode', 'overdue'],
  timer: { armed: 'timerArmed' },
  events: { source: '/services/environment', definitions: rectificationItemEvents, stateData: itemStateData },
});

export type Items = Aggregate<Item, ItemFactName>;

export interface ItemFilter {
  status?: ItemStatus | undefined;
  source?: Source | undefined;
  category?: Category | undefined;
  batch?: string | undefined;
  unit?: string | undefined;
  enterprise?: string | undefined;
  overdue?: boolean | undefined;
  deadlineFrom?: string | undefined;
  deadlineTo?: string | undefined;
}

/**
 * Newest first. Status, source, category, batch, unit, enterprise and overdue are indexed top-level
 * equalities (pushed down on FerretDB); the deadline range is evaluated after them, so combine it
 * with one of those on a large ledger.
 */
export function listItems(
  items: Items,
  filter: ItemFilter,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<Item>> {
  const query: Record<string, unknown> = {
    status: filter.status,
    source: filter.source,
    category: filter.category,
    batch: filter.batch,
    responsibleUnit: filter.unit,
    enterpriseCode: filter.enterprise,
    overdue: filter.overdue,
  };
  if (filter.deadlineFrom !== undefined || filter.deadlineTo !== undefined) {
    query.deadline = {
      ...(filter.deadlineFrom !== undefined ? { $gte: filter.deadlineFrom } : {}),
      ...(filter.deadlineTo !== undefined ? { $lte: filter.deadlineTo } : {}),
    };
  }
  return items.list(query, page, { field: 'registeredAt', direction: -1 });
}

/**
 * What statistics need, projected. Batch and source are indexed equalities; without them the
 * whole ledger is read — fine at zone scale (a ledger holds hundreds to a few thousand items).
 */
export async function itemFigures(
  items: Items,
  filter: { batch?: string | undefined; source?: Source | undefined },
): Promise<ItemFigure[]> {
  const query: Record<string, unknown> = {};
  if (filter.batch !== undefined) query.batch = filter.batch;
  if (filter.source !== undefined) query.source = filter.source;
  const docs = await items.model
    .find(query, { source: 1, category: 1, status: 1, deadline: 1, overdue: 1, recurrences: 1 })
    .lean<(Omit<ItemFigure, 'recurrences'> & { recurrences?: number })[]>();
  return docs.map((doc) => ({
    source: doc.source,
    category: doc.category,
    status: doc.status,
    deadline: doc.deadline,
    overdue: doc.overdue,
    recurrences: doc.recurrences ?? 0,
  }));
}
