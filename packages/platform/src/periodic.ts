import type { Logger } from 'pino';

export interface PeriodicTask<T> {
  /** One run now, beside the timer's; resolves with what the run returned. */
  runNow(): Promise<T>;
  /** Stops the timer and waits for a run in flight. */
  stop(): Promise<void>;
}

/**
 * Runs `run` at start and then `intervalMs` after each run ends (never two at once), logging a
 * failure and trying again at the next interval. For work that time alone makes necessary —
 * overdue deadlines, notice windows that end, expired records — where no request or event
 * arrives to trigger it.
 */
export function startPeriodic<T>(
  name: string,
  options: { intervalMs: number; logger: Logger },
  run: () => Promise<T>,
): PeriodicTask<T> {
  const logger = options.logger.child({ component: name });
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<unknown> | undefined;

  const tick = (): void => {
    inFlight = run()
      .catch((error: unknown) => {
        logger.warn({ err: error }, `${name} failed; trying again at the next interval`);
      })
      .finally(() => {
        inFlight = undefined;
        if (!stopped) timer = setTimeout(tick, options.intervalMs);
      });
  };
  tick();

  return {
    runNow: run,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
    },
  };
}
