import { promisify } from 'node:util';
import { gunzip as gunzipCallback, gzip as gzipCallback } from 'node:zlib';
import type { Connection } from 'mongoose';
import type { Item } from '../domain/item.ts';
import type { ModelState } from '../domain/model-state.ts';
import { aggregatorModels, fromStored, type StoredPosition, toStored } from './collections.ts';

const gzip = promisify(gzipCallback);
const gunzip = promisify(gunzipCallback);

/** Where consumption stood when the snapshot was taken, and what it had produced. */
export interface SnapshotMeta {
  /** `topic:partition` → the next offset to read. */
  positions: [string, string][];
  /** The last status sequence recorded before the snapshot. */
  lastSequence: number;
  policyVersion: number;
  createdAt: string;
}

export interface Snapshot extends SnapshotMeta {
  state: ModelState;
}

export interface SavedSnapshot {
  generation: number;
  chunks: number;
  bytes: number;
  items: number;
}

export interface SnapshotRepository {
  save(state: ModelState, meta: SnapshotMeta): Promise<SavedSnapshot>;
  load(): Promise<Snapshot | null>;
}

interface Head extends Omit<SnapshotMeta, 'positions'> {
  _id: 'head';
  positions: StoredPosition[];
  /** The complete generation (not `generation`: chunks are found and deleted by that field). */
  current: number;
  chunks: number;
  items: number;
}

interface ChunkBody {
  items: Item[];
  tombstones?: [string, number][];
  freshness?: ModelState['freshness'];
}

/**
 * The read model in chunked, gzipped documents plus one head document that names the complete
 * generation. The store takes hundreds of writes a second and has no transactions: the chunks of
 * a new generation are inserted first (inserts are cheap, a few per snapshot), then the head is
 * switched with one single-document update, then the old generation is deleted. A crash at any
 * point leaves the previous head pointing at complete chunks.
 */
export function snapshotRepository(
  connection: Connection,
  options: { itemsPerChunk?: number } = {},
): SnapshotRepository {
  const { snapshotChunks: chunkModel, snapshotHead: headModel } = aggregatorModels(connection);
  const itemsPerChunk = options.itemsPerChunk ?? 5_000;

  async function head(): Promise<Head | null> {
    return headModel.findOne({ _id: 'head' }).lean<Head>();
  }

  return {
    async save(state, meta) {
      const previous = await head();
      const generation = (previous?.current ?? 0) + 1;
      // Leftovers of a save that crashed before switching the head would collide with our ids.
      await chunkModel.deleteMany({ generation });
      let bytes = 0;
      let chunks = 0;
      for (let start = 0; start === 0 || start < state.items.length; start += itemsPerChunk) {
        const body: ChunkBody = { items: state.items.slice(start, start + itemsPerChunk) };
        if (start === 0) {
          body.tombstones = state.tombstones;
          body.freshness = state.freshness;
        }
        // gzip runs on the thread pool: only the JSON encoding of one chunk holds the event loop.
        const data = await gzip(JSON.stringify(body), { level: 3 });
        bytes += data.length;
        await chunkModel.insertOne({ _id: `${generation}:${chunks}`, generation, n: chunks, data });
        chunks++;
      }
      const next: Omit<Head, '_id'> = {
        ...meta,
        positions: toStored(meta.positions),
        current: generation,
        chunks,
        items: state.items.length,
      };
      await headModel.updateOne({ _id: 'head' }, { $set: next }, { upsert: true });
      if (previous) await chunkModel.deleteMany({ generation: previous.current });
      return { generation, chunks, bytes, items: state.items.length };
    },

    async load() {
      const current = await head();
      if (!current) return null;
      const docs = await chunkModel
        .find({ generation: current.current })
        .lean<{ n: number; data: { buffer: Uint8Array } | Buffer }[]>();
      docs.sort((a, b) => Number(a.n) - Number(b.n));
      if (docs.length !== current.chunks) {
        throw new Error(
          `snapshot generation ${current.current} has ${docs.length} of ${current.chunks} chunks; rebuild with pnpm aggregator:rebuild`,
        );
      }
      const state: ModelState = { items: [], tombstones: [], freshness: [] };
      for (const doc of docs) {
        const binary = doc.data as { buffer: Uint8Array } | Buffer;
        const raw = Buffer.isBuffer(binary) ? binary : Buffer.from(binary.buffer);
        const body = JSON.parse((await gunzip(raw)).toString('utf8')) as ChunkBody;
        for (const item of body.items) state.items.push(item);
        if (body.tombstones) state.tombstones = body.tombstones;
        if (body.freshness) state.freshness = body.freshness;
      }
      return {
        state,
        positions: fromStored(current.positions),
        lastSequence: current.lastSequence,
        policyVersion: current.policyVersion,
        createdAt: current.createdAt,
      };
    },
  };
}
