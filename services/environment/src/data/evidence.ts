import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { mongo } from 'mongoose';
import type { Person } from '../domain/item.ts';
import type { EnvironmentData } from './collections.ts';

export interface StoredFile {
  id: string;
  sha256: string;
  size: number;
}

/**
 * Streams an upload into GridFS while hashing it (SHA-256, recorded on the item) and letting
 * `inspect` look at every chunk (type sniffing, size limit; it throws to refuse). A refused or
 * failed upload leaves no file behind. Nothing is buffered whole.
 */
export async function storeEvidenceFile(
  data: EnvironmentData,
  source: Readable,
  meta: { filename: string; itemId: string; uploadedBy: Person },
  inspect: (chunk: Buffer, received: number) => void,
): Promise<StoredFile> {
  const hash = createHash('sha256');
  let size = 0;
  const upload = data.evidence.openUploadStream(meta.filename, {
    metadata: { itemId: meta.itemId, uploadedBy: meta.uploadedBy },
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
    await deleteEvidenceFile(data, String(upload.id)).catch(() => undefined);
    throw error;
  }
  return { id: String(upload.id), sha256: hash.digest('hex'), size };
}

export async function deleteEvidenceFile(data: EnvironmentData, id: string): Promise<void> {
  if (!mongo.ObjectId.isValid(id)) return;
  await data.evidence.delete(new mongo.ObjectId(id)).catch((error: unknown) => {
    if (!(error instanceof mongo.MongoRuntimeError)) throw error;
  });
}

export function openEvidenceFile(data: EnvironmentData, id: string): Readable {
  return data.evidence.openDownloadStream(new mongo.ObjectId(id));
}
