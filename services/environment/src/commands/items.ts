import { OutboxConflictError } from '@zone-risk/messaging';
import { ConflictError, etagFor, NotFoundError, PreconditionFailedError } from '@zone-risk/platform';
import { commitItem, findContentHash, findItem, insertItem } from '../data/items.ts';
import { type Decision, registerItem as decideRegister } from '../domain/decisions.ts';
import type { Item, ItemContent } from '../domain/item.ts';
import { contentHash, itemId } from '../domain/ledger.ts';
import { itemEvents } from '../events/item-events.ts';
import { type Caller, type EnvironmentContext, eventContext } from './context.ts';

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
  const { events, history } = itemEvents(decision, 0, caller.actor, eventContext(ctx, caller, now));
  try {
    await insertItem(ctx.data, decision.item, events, history);
  } catch (error) {
    if (!(error instanceof OutboxConflictError)) throw error;
    const existing = await findContentHash(ctx.data, id);
    if (existing === null) throw error;
    return { outcome: existing === contentHash(content) ? 'unchanged' : 'different', id };
  }
  ctx.published();
  return { outcome: 'created', item: decision.item };
}

export interface ChangeOptions {
  /** Checks the version the caller read (If-Match) once the item is loaded. */
  precondition?: (version: number) => void;
  /** The caller named a version: a lost race is a 412, not a 409. */
  ifMatch?: boolean;
  /** Re-read and re-decide this many times on a lost race (for changes that commute, like progress). */
  retries?: number;
}

/**
 * Load, decide, write: the one path every item change takes. The new state, its timeline entries
 * and its events are one conditional write on the version that was decided on.
 */
export async function changeItem(
  ctx: EnvironmentContext,
  caller: Caller,
  id: string,
  decide: (item: Item, now: Date) => Decision,
  options: ChangeOptions = {},
): Promise<Item> {
  for (let attempt = 0; ; attempt++) {
    const item = await findItem(ctx.data, id);
    if (!item) throw new NotFoundError(`Rectification item ${id} does not exist`);
    options.precondition?.(item.version);
    const now = ctx.clock.now();
    const decision = decide(item, now);
    const { events, history } = itemEvents(
      decision,
      item.version,
      caller.actor,
      eventContext(ctx, caller, now),
    );
    try {
      await commitItem(ctx.data, item.version, decision.item, events, history);
    } catch (error) {
      if (!(error instanceof OutboxConflictError)) throw error;
      if (attempt < (options.retries ?? 0)) continue;
      throw lostRace(id, error, options.ifMatch === true);
    }
    ctx.published();
    return { ...decision.item, version: item.version + events.length };
  }
}

function lostRace(id: string, error: OutboxConflictError, ifMatch: boolean): Error {
  const current = error.actualVersion;
  const extensions = current === undefined ? {} : { currentVersion: current };
  if (ifMatch) {
    return new PreconditionFailedError(
      `Item ${id} changed while your request ran; read it again and reapply your change`,
      {
        extensions,
        headers: current === undefined ? {} : { etag: etagFor(id, current) },
      },
    );
  }
  return new ConflictError(`Item ${id} changed while your request ran; read it again and retry`, extensions);
}
