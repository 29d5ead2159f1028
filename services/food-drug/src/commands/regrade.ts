import { NoChange } from '@zone-risk/domain-service/domain';
import { startPeriodic } from '@zone-risk/platform';
import type { Logger } from 'pino';
import { regrade } from '../domain/business-decisions.ts';
import type { FoodDrugContext } from './context.ts';

/** Businesses re-graded between two yields of the event loop. */
const BATCH = 200;

export interface Regrader {
  /** Re-grade every business graded under an older rule set, in the background. */
  kick(): void;
  /** How many businesses are still graded under an older version than the one in force. */
  pending(): Promise<number>;
  /** Resolves when no re-grading runs (tests, seeds). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A new rule set re-grades every business: the grade of each is decided again under it, and
 * published when it moved. The work is found by the stored `ruleSetVersion`, not remembered, so a
 * process stopped halfway (or another replica) picks it up at its next start or interval.
 */
export function createRegrader(
  ctx: FoodDrugContext,
  options: { intervalMs: number; logger: Logger },
): Regrader {
  const logger = options.logger.child({ component: 'regrader' });
  let running: Promise<void> | null = null;
  let again = false;
  let stopping = false;
  const caller = { actor: { id: 'system:regrader', name: '规则变更重新分级' }, correlationId: 'regrade' };

  const staleFilter = () => ({ ruleSetVersion: { $lt: ctx.rules.current().version } });
  const stale = async (limit: number) =>
    (await ctx.businesses.model.find(staleFilter(), { _id: 1 }).limit(limit).lean<{ _id: string }[]>()).map(
      (doc) => doc._id,
    );

  async function run(): Promise<void> {
    let graded = 0;
    for (;;) {
      const ids = await stale(BATCH);
      if (ids.length === 0 || stopping) break;
      for (const id of ids) {
        const rules = ctx.rules.current();
        try {
          await ctx.businesses.change(
            caller,
            id,
            (b, now) => regrade(b, rules, now, `rule set v${rules.version}`),
            {
              retries: 3,
            },
          );
        } catch (error) {
          // Nothing moved but the version: written with BusinessRegraded by regrade(); NoChange
          // only when even that is the same, which cannot leave the business stale.
          if (!(error instanceof NoChange)) throw error;
        }
        graded += 1;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (graded > 0)
      logger.info({ graded, ruleSetVersion: ctx.rules.current().version }, 'businesses re-graded');
  }

  function kick(): void {
    if (running) {
      again = true;
      return;
    }
    running = run()
      .catch((error: unknown) =>
        logger.error({ err: error }, 're-grading failed; retried at the next interval'),
      )
      .finally(() => {
        running = null;
        if (again && !stopping) {
          again = false;
          kick();
        }
      });
  }

  // Another replica may have stored a new rule set: refresh, and look for stale businesses at
  // start and when the version moved — the look is a full read on FerretDB (a range filter), too
  // dear to repeat every interval over a large register (docs/benchmarks.md).
  let seen = 0;
  const periodic = startPeriodic('regrade', { intervalMs: options.intervalMs, logger }, async () => {
    const { version } = await ctx.rules.refresh();
    if (version === seen) return;
    seen = version;
    kick();
  });

  return {
    kick,
    pending: () => ctx.businesses.model.countDocuments(staleFilter()),
    async idle() {
      while (running) await running;
    },
    async stop() {
      stopping = true;
      await periodic.stop();
      if (running) await running;
    },
  };
}
