import { readFileSync } from 'node:fs';

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(index, 0)] ?? Number.NaN;
}

export interface Run {
  count: number;
  seconds: number;
  rate: number;
  p50: number;
  p99: number;
  /** Answers other than the expected status, by status. */
  unexpected: Map<number, number>;
  /** The first unexpected answer's body, to show what went wrong. */
  firstProblem: string | null;
}

/**
 * Runs `count` calls of `call(i)` with `concurrency` of them in flight, each timed alone; `call`
 * answers a status (or 0 for a thrown error) that is compared with `expected`.
 */
export async function drive(
  count: number,
  concurrency: number,
  expected: number,
  call: (i: number) => Promise<{ status: number; body?: () => Promise<string> }>,
): Promise<Run> {
  const latencies: number[] = [];
  const unexpected = new Map<number, number>();
  let firstProblem: string | null = null;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const i = next;
        next += 1;
        const t0 = performance.now();
        const answer = await call(i).catch((error: unknown) => ({
          status: 0,
          body: async () => String(error),
        }));
        latencies.push(performance.now() - t0);
        if (answer.status !== expected) {
          unexpected.set(answer.status, (unexpected.get(answer.status) ?? 0) + 1);
          firstProblem ??= `${answer.status} ${(await answer.body?.()) ?? ''}`.slice(0, 400);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((x, y) => x - y);
  return {
    count,
    seconds,
    rate: count / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    unexpected,
    firstProblem,
  };
}

/** `req/s  p50 … ms  p99 … ms`, and what answered otherwise. */
export function describe(run: Run, unit = 'req/s'): string {
  const errors =
    run.unexpected.size === 0
      ? ''
      : `  UNEXPECTED ${[...run.unexpected].map(([s, n]) => `${n}×${s}`).join(', ')} (first: ${run.firstProblem})`;
  return `${run.rate.toFixed(1).padStart(7)} ${unit}  p50 ${run.p50.toFixed(1)} ms  p99 ${run.p99.toFixed(1)} ms${errors}`;
}

/** A child's resident memory, sampled from /proc every 50 ms: the peak since the last `phase()`. */
export function rssSampler(pid: number | undefined) {
  const read = () => {
    if (pid === undefined) return 0;
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
    } catch {
      return 0;
    }
  };
  const idle = read();
  let peak = idle;
  let phasePeak = idle;
  const timer = setInterval(() => {
    const now = read();
    peak = Math.max(peak, now);
    phasePeak = Math.max(phasePeak, now);
  }, 50);
  return {
    idle,
    /** The peak since the previous call, and starts a new phase. */
    phase(): number {
      const value = phasePeak;
      phasePeak = read();
      return value;
    },
    stop(): number {
      clearInterval(timer);
      return peak;
    },
  };
}

export const median = (values: readonly number[]): number =>
  percentile(
    [...values].sort((x, y) => x - y),
    50,
  );

/** Runs `work` and answers its result with the milliseconds it took. */
export async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const result = await work();
  return [result, performance.now() - t0];
}
