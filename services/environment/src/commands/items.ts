import { aggregateWriter } from '@zone-risk/domain-service';
import { OutboxConflictError } from '@zone-risk/messaging';
import { commitItem, findContentHash, findItem, insertItem } from '../data/items.ts';
import { type Decision, registerItem as decideRegister } from '../domain/decisions.ts';
import type { ItemFactName } from '../domain/facts.ts';
import type { Item, ItemContent, Person } from '../domain/item.ts';
import { contentHash, itemId } from '../domain/ledger.ts';
import { itemRecorder } from '../events/item-events.ts';
import type { Caller, EnvironmentContext } from './context.ts';

/** How an item is created and changed: its state, timeline and events in one write. */
export const itemWriter = aggregateWriter<EnvironmentContext, Item, Decision, ItemFactName, Person>({
  noun: 'Item',
  notFound: (id) => `Rectification item ${id} does not exist`,
  recorder: itemRecorder,
  stateOf: (decision) => decision.item,
  load: (ctx, id) => findItem(ctx.data, id),
  insert: (ctx, item, { events, history }) => insertItem(ctx.data, item, events, history),
  commit: (ctx, expectedVersion, item, { events, history }) =>
    commitItem(ctx.data, expectedVersion, item, events, history),
});

/**
 * Load, decide, write: the one path every item change takes (see `AggregateWriter.change`).
 * Answers 404 for an unknown item and 409, or 412 with If-Match, when a race is lost for good.
 */
export const changeItem = itemWriter.change;

export type Registered =
  | { outcome: 'created'; item: Item }
  | { outcome: 'unchanged'; id: string }
  | { outcome: 'different'; id: string };

/**
 * 拉条挂账. The id derives from batch and code, so the same line registers one item: registering
 * it again is `unchanged` when the content is the same, `different` (the code is taken in that
 * batch) otherwise. Tries the insert first — the common case of an import of new lines is one write.
 */
export async function registerItem(
  ctx: EnvironmentContext,
  caller: Caller,
  content: ItemContent,
  origin: { via: 'api' | 'import'; importId: string | null } = { via: 'api', importId: null },
): Promise<Registered> {
  const now = ctx.clock.now();
  const id = itemId(content.batch, content.code);
  const decision = decideRegister({ ...content, id, zoneId: ctx.zoneId, ...origin }, caller.actor, now);
  try {
    await itemWriter.create(ctx, caller, decision, now);
  } catch (error) {
    if (!(error instanceof OutboxConflictError)) throw error;
    const existing = await findContentHash(ctx.data, id);
    if (existing === null) throw error;
    return { outcome: existing === contentHash(content) ? 'unchanged' : 'different', id };
  }
  return { outcome: 'created', item: decision.item };
}
