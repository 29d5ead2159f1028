import { type PersonRef, reductionKind, replaceableTypes, taskCounts } from '@zone-risk/contracts';
import { type Decision, decided, InvalidInput, NoChange } from '@zone-risk/domain-service/domain';
import { z } from 'zod';
import type { CapacityFact, TaskFact } from './facts.ts';

// The annual reduction task (年度化债任务) and the year's fiscal capacity (综合财力): figures set by
// the finance bureau's head, revised with a reason, each revision in the timeline.

export const taskState = z.object({
  id: z.string(),
  zoneId: z.string(),
  year: z.int(),
  target: z.int().min(0),
  counts: taskCounts,
  note: z.string(),
  version: z.int(),
});
export type Task = z.infer<typeof taskState>;
export type TaskCounts = Task['counts'];

/** What counts by default: every reduction of hidden and non-standard debt (化解存量隐性债务). */
export const DEFAULT_COUNTS: TaskCounts = {
  kinds: [...reductionKind.options],
  types: [...replaceableTypes],
};

function checkTarget(target: number) {
  if (target <= 0)
    throw new InvalidInput('A task reduces something', [{ pointer: '/target', reason: 'must be above nil' }]);
}

export function setTask(
  input: { year: number; target: number; counts: TaskCounts; note: string },
  zoneId: string,
  actor: PersonRef,
): Decision<Task, TaskFact> {
  checkTarget(input.target);
  const task: Task = { id: String(input.year), zoneId, ...input, version: 1 };
  return decided(task, { name: 'DebtTaskSet', facts: { setBy: actor } });
}

export function reviseTask(
  task: Task,
  input: { target: number; counts: TaskCounts; note: string; reason: string },
  actor: PersonRef,
): Decision<Task, TaskFact> {
  checkTarget(input.target);
  const next = { ...task, target: input.target, counts: input.counts, note: input.note };
  // The same task again (a retried request) is no revision: nothing to explain.
  if (JSON.stringify({ ...task, version: 0 }) === JSON.stringify({ ...next, version: 0 })) {
    throw new NoChange(`The ${task.year} task is as set`);
  }
  if (input.reason.trim() === '') {
    throw new InvalidInput('Say why the task is revised', [
      { pointer: '/reason', reason: 'is required to revise' },
    ]);
  }
  return decided(next, {
    name: 'DebtTaskRevised',
    facts: { previousTarget: task.target, reason: input.reason, revisedBy: actor },
  });
}

export const capacityState = z.object({
  id: z.string(),
  zoneId: z.string(),
  year: z.int(),
  amount: z.int().min(0),
  source: z.string(),
  version: z.int(),
});
export type Capacity = z.infer<typeof capacityState>;

function checkCapacity(amount: number, source: string) {
  const problems = [];
  if (amount <= 0)
    problems.push({ pointer: '/amount', reason: 'must be above nil (the ratio divides by it)' });
  if (source.trim() === '') problems.push({ pointer: '/source', reason: 'say where the figure comes from' });
  if (problems.length > 0) throw new InvalidInput('The fiscal capacity cannot be entered as given', problems);
}

export function enterCapacity(
  input: { year: number; amount: number; source: string },
  zoneId: string,
  actor: PersonRef,
): Decision<Capacity, CapacityFact> {
  checkCapacity(input.amount, input.source);
  return decided(
    { id: String(input.year), zoneId, ...input, version: 1 },
    { name: 'FiscalCapacityEntered', facts: { enteredBy: actor } },
  );
}

export function reviseCapacity(
  capacity: Capacity,
  input: { amount: number; source: string; reason: string },
  actor: PersonRef,
): Decision<Capacity, CapacityFact> {
  checkCapacity(input.amount, input.source);
  // The same figure again (a retried request) is no revision: nothing to explain.
  if (input.amount === capacity.amount && input.source === capacity.source) {
    throw new NoChange(`The ${capacity.year} capacity is as entered`);
  }
  if (input.reason.trim() === '') {
    throw new InvalidInput('Say why it is revised', [
      { pointer: '/reason', reason: 'is required to revise' },
    ]);
  }
  return decided(
    { ...capacity, amount: input.amount, source: input.source },
    {
      name: 'FiscalCapacityRevised',
      facts: { previousAmount: capacity.amount, reason: input.reason, revisedBy: actor },
    },
  );
}
