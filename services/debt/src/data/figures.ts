import { storeModel } from '@zone-risk/store';
import type { Connection } from 'mongoose';
import { figuresOf, type InstrumentFigures, instrumentFigures } from '../domain/figures.ts';
import type { Instrument } from '../domain/instrument.ts';

const stored = instrumentFigures.omit({ id: true });

/**
 * One small summary per instrument (`domain/figures.ts`), written after each write of the
 * instrument, conditioned on its version: of two writes racing, the newer stands. Rebuilt whole at
 * start, so a stop between an instrument's write and its summary's loses nothing.
 */
export function figuresStore(store: Connection) {
  const model = storeModel(store, {
    name: 'InstrumentFigures',
    collection: 'instrument_figures',
    fields: stored,
  });

  async function save(instrument: Instrument): Promise<void> {
    const { id, ...figures } = figuresOf(instrument);
    try {
      await model.updateOne(
        { _id: id, version: { $lt: figures.version } },
        { $set: figures },
        { upsert: true },
      );
    } catch (error) {
      // A newer version is stored already: the filter misses it, and the upsert meets its _id.
      if ((error as { code?: number }).code !== 11000) throw error;
    }
  }

  return {
    model,
    save,
    async saveAll(instruments: readonly Instrument[]): Promise<void> {
      for (const instrument of instruments) await save(instrument);
    },
    /** The version each summary is of, by instrument id. */
    async versions(): Promise<Map<string, number>> {
      const docs = await model
        .find({}, { _id: 1, version: 1 })
        .batchSize(500)
        .lean<{ _id: string; version: number }[]>();
      return new Map(docs.map((doc) => [doc._id, doc.version]));
    },
    async all(filter: Record<string, unknown> = {}): Promise<InstrumentFigures[]> {
      // Unsorted: FerretDB sorts after reading the whole collection, so a sorted find answers
      // nothing before it has read everything; unsorted, it streams in batches.
      const docs = await model
        .find(filter)
        .batchSize(200)
        .lean<(Record<string, unknown> & { _id: string })[]>();
      return docs
        .map(({ _id: docId, ...doc }) => instrumentFigures.parse({ ...doc, id: docId }))
        .sort((a, b) => a.id.localeCompare(b.id));
    },
  };
}
export type FiguresStore = ReturnType<typeof figuresStore>;
