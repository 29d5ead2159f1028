// Timing helpers of the debt bench: latencies of calls run at a given concurrency, medians.

export interface Rate {
  count: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** Calls that did not answer the expected status, by status (0: threw). */
  failed: Map<number, number>;
  firstFailure: string | null;
}

function rank(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

export const median = (values: readonly number[]) =>
  rank(
    [...values].sort((a, b) => a - b),
    50,
  );

/** `count` calls of `call(i)`, `concurrency` in flight, each timed; a status other than `expected` is a failure. */
export async function atConcurrency(
  count: number,
  concurrency: number,
  expected: number,
  call: (i: number) => Promise<{ status: number; text?: string }>,
): Promise<Rate> {
  const times: number[] = [];
  const failed = new Map<number, number>();
  let firstFailure: string | null = null;
  let next = 0;
  const began = performance.now();
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const t0 = performance.now();
      const answer = await call(i).catch((error: unknown) => ({ status: 0, text: String(error) }));
      times.push(performance.now() - t0);
      if (answer.status === expected) continue;
      failed.set(answer.status, (failed.get(answer.status) ?? 0) + 1);
      firstFailure ??= `${answer.status} ${answer.text ?? ''}`.slice(0, 300);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  const seconds = (performance.now() - began) / 1000;
  times.sort((a, b) => a - b);
  return {
    count,
    perSecond: count / seconds,
    p50: rank(times, 50),
    p99: rank(times, 99),
    failed,
    firstFailure,
  };
}

export function rateText(rate: Rate, unit: string): string {
  const failures =
    rate.failed.size === 0
      ? ''
      : `  FAILED ${[...rate.failed].map(([status, n]) => `${n}×${status}`).join(', ')} (first: ${rate.firstFailure})`;
  return `${rate.perSecond.toFixed(1).padStart(6)} ${unit}  p50 ${rate.p50.toFixed(1)} ms  p99 ${rate.p99.toFixed(1)} ms${failures}`;
}

/** `work()` and the milliseconds it took. */
export async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const result = await work();
  return [result, performance.now() - t0];
}

/** The median of `samples` runs of `work`, and the last result. */
export async function medianOf<T>(samples: number, work: (k: number) => Promise<T>): Promise<[T, number]> {
  const times: number[] = [];
  let last: T | undefined;
  for (let k = 0; k < samples; k++) {
    const [result, ms] = await timed(() => work(k));
    times.push(ms);
    last = result;
  }
  return [last as T, median(times)];
}
