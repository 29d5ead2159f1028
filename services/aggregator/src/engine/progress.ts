/** Where a rebuild stands, partition by partition. */
export interface RebuildProgress {
  state: 'running' | 'finished';
  startedAt: string;
  finishedAt: string | null;
  /** Events to read up to where the live model stood when the rebuild started. */
  total: number;
  done: number;
  percent: number;
  partitions: { topic: string; partition: number; from: string; to: string; at: string }[];
}

export interface RebuildRun {
  startedAt: number;
  finishedAt: number | null;
  /** `topic:partition` → earliest offset (where the rebuild starts). */
  from: Map<string, string>;
  /** `topic:partition` → the position to reach. */
  to: Map<string, string>;
}

/** Progress of `run` given the current positions (next offsets). */
export function rebuildProgress(run: RebuildRun, positions: ReadonlyMap<string, string>): RebuildProgress {
  let total = 0;
  let done = 0;
  const partitions: RebuildProgress['partitions'] = [];
  for (const [key, to] of run.to) {
    const from = run.from.get(key) ?? '0';
    const at = positions.get(key) ?? from;
    const span = Math.max(Number(to) - Number(from), 0);
    total += span;
    done += Math.min(Math.max(Number(at) - Number(from), 0), span);
    const split = key.lastIndexOf(':');
    partitions.push({ topic: key.slice(0, split), partition: Number(key.slice(split + 1)), from, to, at });
  }
  const finished = run.finishedAt !== null;
  return {
    state: finished ? 'finished' : 'running',
    startedAt: new Date(run.startedAt).toISOString(),
    finishedAt: finished ? new Date(run.finishedAt as number).toISOString() : null,
    total,
    done: finished ? total : done,
    percent: finished || total === 0 ? 100 : Math.floor((done / total) * 1000) / 10,
    partitions,
  };
}

/**
 * Where a live rebuild reads from (every partition's earliest offset) and what it must reach: at
 * least where the live model stood, and where the last recorded status stood.
 */
export function rebuildPlan(
  partitions: readonly { topic: string; partition: number; low: string }[],
  positions: ReadonlyMap<string, string>,
  recorded: ReadonlyMap<string, string>,
): Pick<RebuildRun, 'from' | 'to'> {
  const from = new Map(partitions.map((p) => [`${p.topic}:${p.partition}`, p.low]));
  const to = new Map(positions);
  for (const [key, target] of recorded) {
    if (BigInt(target) > BigInt(to.get(key) ?? '0')) to.set(key, target);
  }
  return { from, to };
}
