import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { mongo } from 'mongoose';
import type { Person, PhotoPhase } from '../domain/hazard.ts';
import type { SafetyData } from './collections.ts';

export interface StoredFile {
  id: string;
  sha256: string;
  size: number;
}

/** Thrown by `inspect` to stop an upload; the partial GridFS file is removed. */
export class UploadRefused extends Error {}

/**
 * Streams an upload into GridFS while hashing it (SHA-256 of the content, recorded on the hazard)
 * and letting `inspect` look at every chunk (type sniffing, size limit). Nothing is buffered whole.
 */
export async function storePhotoFile(
  data: SafetyData,
  source: Readable,
  meta: { filename: string; hazardId: string; phase: PhotoPhase; uploadedBy: Person },
  inspect: (chunk: Buffer, received: number) => void,
): Promise<StoredFile> {
  const hash = createHash('sha256');
  let size = 0;
  const upload = data.photos.openUploadStream(meta.filename, {
    metadata: { hazardId: meta.hazardId, phase: meta.phase, uploadedBy: meta.uploadedBy },
  });
  async function* checked(chunks: AsyncIterable<Buffer>) {
    for await (const chunk of chunks) {
      size += chunk.length;
      inspect(chunk, size);
      hash.update(chunk);
      yield chunk;
    }
  }
  try {
    await pipeline(source, checked, upload);
  } catch (error) {
    await upload.abort().catch(() => undefined);
    await deletePhotoFile(data, String(upload.id)).catch(() => undefined);
    throw error;
  }
  return { id: String(upload.id), sha256: hash.digest('hex'), size };
}

export async function deletePhotoFile(data: SafetyData, id: string): Promise<void> {
  if (!mongo.ObjectId.isValid(id)) return;
  await data.photos.delete(new mongo.ObjectId(id)).catch((error: unknown) => {
    if (!(error instanceof mongo.MongoRuntimeError)) throw error;
  });
}

export function openPhotoFile(data: SafetyData, id: string): Readable {
  return data.photos.openDownloadStream(new mongo.ObjectId(id));
}
