import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PayloadTooLargeError, UnsupportedMediaTypeError } from '@zone-risk/platform';
import { type Connection, mongo } from 'mongoose';
import { type EvidenceType, SNIFF_BYTES, sniffType } from './types.ts';

export interface EvidenceBucketOptions {
  /** The GridFS bucket: `<bucketName>.files` and `<bucketName>.chunks`. */
  bucketName: string;
  /** The types taken: the declared type must be one, and the content must show one. */
  accepted: readonly EvidenceType[];
  /** What the files are called in problem details, e.g. "evidence photos". */
  noun: string;
}

export interface Upload {
  stream: Readable;
  filename: string;
  /** The client's content type; it must be accepted, but the content decides the stored type. */
  declaredType: string;
  /** A larger file is a 413 that names the limit. */
  maxBytes: number;
  /** Kept on the GridFS file: the owning aggregate, the uploader. */
  metadata: Record<string, unknown>;
}

export interface StoredEvidence {
  /** The GridFS file id (an ObjectId in hex). */
  id: string;
  sha256: string;
  /** The type the content showed, not the declared one. */
  contentType: EvidenceType;
  size: number;
  filename: string;
}

export interface EvidenceBucket {
  readonly accepted: readonly EvidenceType[];
  /** Throws the 415 for a declared type not accepted, so a caller can refuse before other work. */
  checkDeclaredType(upload: Pick<Upload, 'filename' | 'declaredType'>): void;
  /**
   * Streams an upload into GridFS while hashing it and checking its size and type. Nothing is
   * buffered whole; a refused or failed upload leaves no file behind.
   */
  store(upload: Upload): Promise<StoredEvidence>;
  /** Removes a stored file; an unknown or malformed id is no error (it undoes a failed change). */
  delete(id: string): Promise<void>;
  /** The file's content; the stream errors when the file does not exist. */
  open(id: string): Readable;
}

/**
 * Evidence files of one kind in their own GridFS bucket, which works on MongoDB and FerretDB alike.
 * GridFS is the driver's file API (chunked files and their metadata), which mongoose does not model:
 * the bucket works on the store connection's database directly.
 */
export function evidenceBucket(connection: Connection, options: EvidenceBucketOptions): EvidenceBucket {
  const db = connection.db;
  if (!db) throw new Error('the store connection is not open');
  const bucket = new mongo.GridFSBucket(db, { bucketName: options.bucketName });
  const { accepted, noun } = options;
  const isAccepted = (type: string | undefined): type is EvidenceType =>
    type !== undefined && (accepted as readonly string[]).includes(type);
  const refuse = (what: string) =>
    new UnsupportedMediaTypeError(`${what}; ${noun} must be ${accepted.join(', ')}`, {
      extensions: { accepted },
    });

  function checkDeclaredType({ filename, declaredType }: Pick<Upload, 'filename' | 'declaredType'>): void {
    if (!isAccepted(declaredType)) throw refuse(`The file ${filename} was sent as ${declaredType}`);
  }

  async function remove(id: string): Promise<void> {
    if (!mongo.ObjectId.isValid(id)) return;
    // GridFS answers a missing file with MongoRuntimeError, after removing any stray chunks.
    await bucket.delete(new mongo.ObjectId(id)).catch((error: unknown) => {
      if (!(error instanceof mongo.MongoRuntimeError)) throw error;
    });
  }

  async function store(upload: Upload): Promise<StoredEvidence> {
    checkDeclaredType(upload);
    const { filename, maxBytes } = upload;
    const hash = createHash('sha256');
    let size = 0;
    let head = Buffer.alloc(0);
    let type: EvidenceType | undefined;
    async function* checked(chunks: AsyncIterable<Buffer>) {
      for await (const chunk of chunks) {
        size += chunk.length;
        if (size > maxBytes) {
          throw new PayloadTooLargeError(`The file ${filename} is larger than ${maxBytes} bytes`, {
            extensions: { maxBytes },
          });
        }
        if (head.length < SNIFF_BYTES) {
          head = Buffer.concat([head, chunk]).subarray(0, SNIFF_BYTES);
          // Refuse as soon as the type is known, not after storing the whole file.
          if (head.length === SNIFF_BYTES) {
            type = sniffType(head);
            if (!isAccepted(type)) throw refuse(`The content of ${filename} is not an accepted type`);
          }
        }
        hash.update(chunk);
        yield chunk;
      }
    }
    const file = bucket.openUploadStream(filename, { metadata: upload.metadata });
    const id = String(file.id);
    try {
      await pipeline(upload.stream, checked, file);
      type ??= sniffType(head);
      if (!isAccepted(type)) throw refuse(`The file ${filename} is empty or too short to tell its type`);
      return { id, sha256: hash.digest('hex'), contentType: type, size, filename };
    } catch (error) {
      await file.abort().catch(() => undefined);
      await remove(id).catch(() => undefined);
      throw error;
    }
  }

  return {
    accepted,
    checkDeclaredType,
    store,
    delete: remove,
    open: (id) => bucket.openDownloadStream(new mongo.ObjectId(id)),
  };
}
