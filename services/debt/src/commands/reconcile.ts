import type { Caller } from '@zone-risk/domain-service';
import { readAll } from '../data/read-all.ts';
import type { DebtContext } from './context.ts';
import { replacementEffects } from './instruments.ts';

const SYSTEM: Caller = { actor: { id: 'system:reconcile', name: '启动核对' }, correlationId: 'reconcile' };

/**
 * A replacement or its reversal writes one side, then the other. A process stopped between the
 * two leaves the second undone; every side is idempotent by its posting id, so at start every
 * instrument with a side of a replacement is brought in step again; then every instrument's
 * summary is written again from the instrument (idempotent by version), then the indicators.
 * @returns how many could not be (each logged).
 */
export async function reconcile(ctx: DebtContext): Promise<number> {
  let failed = 0;
  // The summaries a stop between an instrument's write and its summary's left behind: the versions
  // of both, streamed unsorted in batches (a sorted read answers only once the store has read the
  // whole collection), and only the instruments whose summary is missing or older read whole.
  const summarised = await ctx.figures.versions();
  const stale: string[] = [];
  for await (const doc of ctx.instruments.model
    .find({}, { _id: 1, _version: 1 })
    .batchSize(200)
    .lean()
    .cursor()) {
    const { _id: id, _version: version } = doc as unknown as { _id: string; _version: number };
    if ((summarised.get(id) ?? 0) < version) stale.push(id);
  }
  for (const id of stale) {
    const instrument = await ctx.instruments.find(id);
    if (instrument) await ctx.figures.save(instrument);
  }
  if (stale.length > 0)
    ctx.logger.info({ instruments: stale.length }, 'instrument summaries brought up to date');
  for (const instrument of await readAll(ctx.instruments, { linked: true })) {
    try {
      await replacementEffects(ctx, SYSTEM, instrument);
    } catch (error) {
      failed += 1;
      ctx.logger.warn(
        { err: error, instrument: instrument.id },
        `the other side of ${instrument.id}'s replacements could not be brought in step`,
      );
    }
  }
  await ctx.refresher.refresh();
  return failed;
}
