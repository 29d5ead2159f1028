export interface RunFigures {
  events: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(index, 0)] ?? Number.NaN;
}

/** Throughput from the first send to the last receipt, latency per event (send/commit → handled). */
export function figures(latenciesMs: number[], startedAt: number, endedAt: number): RunFigures {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const seconds = (endedAt - startedAt) / 1000;
  return {
    events: latenciesMs.length,
    seconds,
    perSecond: latenciesMs.length / seconds,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
  };
}

export function describe(name: string, f: RunFigures): string {
  return `${name.padEnd(34)} ${String(f.events).padStart(6)} events  ${f.seconds.toFixed(2).padStart(7)} s  ${Math.round(f.perSecond).toString().padStart(7)} events/s  p50 ${f.p50Ms.toFixed(1).padStart(7)} ms  p99 ${f.p99Ms.toFixed(1).padStart(7)} ms`;
}
