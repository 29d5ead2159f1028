/**
 * "Catching up": the recorded status may reflect events the read model has not (re)applied yet —
 * after a crash (the history is ahead of the snapshot) or during a rebuild. Positions are
 * `topic:partition` → next offset to read.
 */

/** The partitions where `recorded` is ahead of `positions`, or null when it is nowhere ahead. */
export function aheadOf(
  recorded: readonly [string, string][],
  positions: ReadonlyMap<string, string>,
): Map<string, string> | null {
  const ahead = recorded.filter(([key, offset]) => BigInt(offset) > BigInt(positions.get(key) ?? '0'));
  return ahead.length > 0 ? new Map(ahead) : null;
}

/** Whether every partition reached its target; one not read yet stands at its origin (seek target). */
export function reached(
  targets: ReadonlyMap<string, string>,
  positions: ReadonlyMap<string, string>,
  origins: ReadonlyMap<string, string>,
): boolean {
  for (const [key, target] of targets) {
    const at = positions.get(key) ?? origins.get(key) ?? '0';
    if (BigInt(at) < BigInt(target)) return false;
  }
  return true;
}

/** Whether the message at `offset` of `key` is past the target (a new event, not a replayed one). */
export function beyond(targets: ReadonlyMap<string, string> | null, key: string, offset: string): boolean {
  const target = targets?.get(key);
  return target === undefined || BigInt(offset) >= BigInt(target);
}
