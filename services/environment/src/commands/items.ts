import type { Caller } from '@zone-risk/domain-service';
import { OutboxConflictError } from '@zone-risk/messaging';
import { registerItem as decideRegister } from '../domain/decisions.ts';
import type { Item, ItemContent } from '../domain/item.ts';
import { contentHash, itemId } from '../domain/ledger.ts';
import type { EnvironmentContext } from './context.ts';

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
    await ctx.items.create(caller, decision, now);
  } catch (error) {
    if (!(error instanceof OutboxConflictError)) throw error;
    const existing = await ctx.items.find(id);
    if (existing === null) throw error;
    return { outcome: existing.contentHash === contentHash(content) ? 'unchanged' : 'different', id };
  }
  return { outcome: 'created', item: decision.state };
}
