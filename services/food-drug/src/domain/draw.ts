// A random draw (双随机一公开) anyone can verify: commit to the ordered lists, then take a seed,
// then pick by a documented pure function of both (docs/draws.md). Split by concern: the lists and
// their commitment, the seed, the pick and its verification.
export {
  byId,
  canonicalLists,
  commitment,
  commitmentText,
  DEFAULT_PER_BUSINESS,
  type DrawCandidate,
  type DrawInspector,
  type DrawLists,
  FORMAT,
  MAX_BUSINESSES,
  MAX_INSPECTORS,
  MIN_PER_BUSINESS,
} from './draw-lists.ts';
export { type DrawPick, type DrawResult, loadCap, pick, verify } from './draw-pick.ts';
export {
  canonicalPublicValue,
  MAX_SEED_LENGTH,
  type NormalisedSeed,
  normaliseSeed,
  SERVER_SEED_BYTES,
  type SeedInput,
  serverSeed,
} from './draw-seed.ts';
