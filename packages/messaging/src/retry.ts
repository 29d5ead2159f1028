/**
 * Runs `attempt` until it succeeds, again after a pause while it fails with an error kafkajs marks
 * `retriable` (leader elections, metadata not yet propagated); any other error, or the last
 * attempt's, is thrown. For admin calls at start, which kafkajs retries only in part.
 */
export async function retryRetriable<T>(
  attempt: () => Promise<T>,
  options: { attempts: number; pauseMs: number; onRetry?: (error: Error, attempt: number) => void },
): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isRetriable(error) || n >= options.attempts) throw error;
      options.onRetry?.(error as Error, n);
      await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
    }
  }
}

/** kafkajs sets `retriable` on protocol errors; an aggregate of them is retriable when all are. */
function isRetriable(error: unknown): boolean {
  if ((error as { retriable?: boolean }).retriable === true) return true;
  const nested = (error as { errors?: unknown[] }).errors;
  return Array.isArray(nested) && nested.length > 0 && nested.every(isRetriable);
}
