import { type Caller, createOnce } from '@zone-risk/domain-service';
import { NoChange } from '@zone-risk/domain-service/domain';
import {
  type Capacity,
  DEFAULT_COUNTS,
  enterCapacity,
  reviseCapacity,
  reviseTask,
  setTask,
  type Task,
  type TaskCounts,
} from '../domain/task.ts';
import type { DebtContext } from './context.ts';

// A task or a capacity is set once and revised after (with a reason); both move the indicators.

export async function taskCommand(
  ctx: DebtContext,
  caller: Caller,
  year: number,
  body: { target: number; counts?: TaskCounts | undefined; note: string; reason?: string | undefined },
): Promise<{ task: Task; created: boolean }> {
  const input = { year, target: body.target, counts: body.counts ?? DEFAULT_COUNTS, note: body.note };
  const existing = await ctx.tasks.find(String(year));
  let result: { task: Task; created: boolean };
  if (!existing) {
    const now = ctx.clock.now();
    const { state, created } = await createOnce(
      ctx.tasks,
      caller,
      setTask(input, ctx.zoneId, caller.actor),
      now,
    );
    result = { task: state, created };
  } else {
    try {
      const task = await ctx.tasks.change(caller, String(year), (current) =>
        reviseTask(current, { ...input, reason: body.reason ?? '' }, caller.actor),
      );
      result = { task, created: false };
    } catch (error) {
      if (!(error instanceof NoChange)) throw error;
      result = { task: existing, created: false };
    }
  }
  await ctx.refresher.refresh();
  return result;
}

export async function capacityCommand(
  ctx: DebtContext,
  caller: Caller,
  year: number,
  body: { amount: number; source: string; reason?: string | undefined },
): Promise<{ capacity: Capacity; created: boolean }> {
  const existing = await ctx.capacities.find(String(year));
  let result: { capacity: Capacity; created: boolean };
  if (!existing) {
    const decision = enterCapacity(
      { year, amount: body.amount, source: body.source },
      ctx.zoneId,
      caller.actor,
    );
    const { state, created } = await createOnce(ctx.capacities, caller, decision, ctx.clock.now());
    result = { capacity: state, created };
  } else {
    try {
      const capacity = await ctx.capacities.change(caller, String(year), (current) =>
        reviseCapacity(
          current,
          { amount: body.amount, source: body.source, reason: body.reason ?? '' },
          caller.actor,
        ),
      );
      result = { capacity, created: false };
    } catch (error) {
      if (!(error instanceof NoChange)) throw error;
      result = { capacity: existing, created: false };
    }
  }
  await ctx.refresher.refresh();
  return result;
}
