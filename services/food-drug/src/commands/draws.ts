import { type Caller, createOnce, newId } from '@zone-risk/domain-service';
import { InvalidInput } from '@zone-risk/domain-service/domain';
import { commitDraw, type Draw, type DrawFilter, type SeedPlan } from '../domain/draw-aggregate.ts';
import type { FoodDrugContext } from './context.ts';

export interface DrawRequest {
  title: string;
  filter: DrawFilter;
  count: number;
  perBusiness: number;
  inspectors: { id: string; name: string }[];
  seed: SeedPlan;
}

/**
 * Commit a draw: the candidates are every registered business the filter matches (kinds, grades,
 * areas; empty = all), each with the inspectors of its last check to avoid (回避); the pool is
 * the inspectors given. Both are fixed and hashed now, before the seed exists.
 */
export async function commitDrawCommand(
  ctx: FoodDrugContext,
  caller: Caller,
  request: DrawRequest,
  options: { seed: string | undefined; maxCandidates: number },
): Promise<{ draw: Draw; created: boolean }> {
  const query: Record<string, unknown> = {};
  if (request.filter.kinds.length > 0) query.kind = { $in: request.filter.kinds };
  if (request.filter.grades.length > 0) query.grade = { $in: request.filter.grades };
  if (request.filter.areas.length > 0) query.area = { $in: request.filter.areas };
  const candidates = await ctx.businesses.model
    .find(query, { _id: 1, name: 1, lastCheck: 1 })
    .lean<{ _id: string; name: string; lastCheck: { inspectors: string[] } | null }[]>();
  if (candidates.length > options.maxCandidates) {
    throw new InvalidInput(
      `The filter matches ${candidates.length} businesses; a draw takes at most ${options.maxCandidates}`,
      [{ pointer: '/filter', reason: 'matches too many businesses' }],
    );
  }
  const pool = new Set(request.inspectors.map((inspector) => inspector.id));
  const id = newId('draw', options.seed);
  const now = ctx.clock.now();
  const decision = commitDraw(
    {
      id,
      zoneId: ctx.zoneId,
      title: request.title,
      filter: request.filter,
      seedPlan: request.seed,
      lists: {
        businesses: candidates.map((b) => ({
          id: b._id,
          name: b.name,
          // Only avoided inspectors in the pool can change the pick: the others are left out.
          avoid: (b.lastCheck?.inspectors ?? []).filter((inspector) => pool.has(inspector)).sort(),
        })),
        inspectors: request.inspectors,
        count: request.count,
        perBusiness: request.perBusiness,
      },
    },
    caller.actor,
    now,
  );
  const { state: draw, created } = await createOnce(ctx.draws, caller, decision, now);
  return { draw, created };
}
