import type { CompiledPolicy } from './compiled-policy.ts';
import type { Item } from './item.ts';
import { type Freshness, ReadModel } from './read-model.ts';

/** The read model as plain data: what a snapshot stores. Indexes and rule sets are derived. */
export interface ModelState {
  items: Item[];
  tombstones: [string, number][];
  freshness: [string, Freshness][];
}

/**
 * Captures the model by reference: items are immutable (replaced on change), so the arrays can be
 * serialized while events keep being applied. O(items) pointer copies.
 */
export function captureModel(model: ReadModel): ModelState {
  return {
    items: [...model.items.values()],
    tombstones: [...model.tombstones],
    freshness: [...model.freshness].map(([domain, fresh]) => [domain, { ...fresh }]),
  };
}

/** A model with the state's items under `compiled`: the same rule sets and samples. */
export function restoreModel(state: ModelState, compiled: CompiledPolicy, sampleSize?: number): ReadModel {
  const model = new ReadModel(compiled, sampleSize);
  for (const item of state.items) model.restore(item);
  model.sortClosedQueue();
  for (const [key, version] of state.tombstones) model.tombstones.set(key, version);
  for (const [domain, fresh] of state.freshness) model.freshness.set(domain, { ...fresh });
  return model;
}
