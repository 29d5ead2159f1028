import type { AggregateRepository, Versioned } from '@zone-risk/domain-service';

/** Every aggregate of a collection, a keyset page at a time (the indicators read the register whole). */
export async function readAll<State extends Versioned>(
  aggregate: Pick<AggregateRepository<State>, 'list'>,
  filter: Record<string, unknown> = {},
): Promise<State[]> {
  const all: State[] = [];
  let cursor: string | undefined;
  do {
    const page = await aggregate.list(filter, { limit: 1000, cursor }, { field: '_id', direction: 1 });
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return all;
}
