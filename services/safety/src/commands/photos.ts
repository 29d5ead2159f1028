import type { Readable } from 'node:stream';
import { NotFoundError, PayloadTooLargeError, UnsupportedMediaTypeError } from '@zone-risk/platform';
import { findHazard } from '../data/hazards.ts';
import { deletePhotoFile, openPhotoFile, storePhotoFile } from '../data/photos.ts';
import { addEvidence } from '../domain/decisions.ts';
import type { Hazard, Photo, PhotoPhase } from '../domain/hazard.ts';
import { transition } from '../domain/machine.ts';
import { isPhotoType, PHOTO_TYPES, SNIFF_BYTES, sniffPhotoType } from '../domain/photo-types.ts';
import type { Caller, SafetyContext } from './context.ts';
import { type ChangeOptions, changeHazard } from './hazards.ts';

export interface Upload {
  stream: Readable;
  filename: string;
  declaredType: string;
  phase: PhotoPhase;
  maxBytes: number;
}

function unsupported(what: string): UnsupportedMediaTypeError {
  return new UnsupportedMediaTypeError(`${what}; evidence photos must be ${PHOTO_TYPES.join(', ')}`, {
    extensions: { accepted: PHOTO_TYPES },
  });
}

/**
 * Stores an evidence photo in GridFS and records it (with its SHA-256) on the hazard. The file is
 * written first: if the hazard cannot take it (closed meanwhile, too many photos), it is deleted.
 */
export async function attachPhoto(
  ctx: SafetyContext,
  caller: Caller,
  hazardId: string,
  upload: Upload,
  options: ChangeOptions,
): Promise<{ hazard: Hazard; photo: Photo }> {
  if (!isPhotoType(upload.declaredType)) throw unsupported(`The file was sent as ${upload.declaredType}`);
  const current = await findHazard(ctx.data, hazardId);
  if (!current) throw new NotFoundError(`Hazard ${hazardId} does not exist`);
  transition(current.status, 'add-evidence'); // refuse before storing anything

  let head = Buffer.alloc(0);
  let sniffed: string | undefined;
  const stored = await storePhotoFile(
    ctx.data,
    upload.stream,
    { filename: upload.filename, hazardId, phase: upload.phase, uploadedBy: caller.actor },
    (chunk, received) => {
      if (received > upload.maxBytes) {
        throw new PayloadTooLargeError(`The photo is larger than ${upload.maxBytes} bytes`, {
          extensions: { maxBytes: upload.maxBytes },
        });
      }
      if (sniffed === undefined && head.length < SNIFF_BYTES) {
        head = Buffer.concat([head, chunk]).subarray(0, SNIFF_BYTES);
        if (head.length >= SNIFF_BYTES) {
          sniffed = sniffPhotoType(head);
          if (!sniffed) throw unsupported('The file content is not a JPEG, PNG, WebP or HEIC image');
        }
      }
    },
  );
  sniffed ??= sniffPhotoType(head);
  if (!sniffed || stored.size === 0) {
    await deletePhotoFile(ctx.data, stored.id);
    throw unsupported('The file is empty or too short to be an image');
  }

  const photo: Photo = {
    id: stored.id,
    phase: upload.phase,
    sha256: stored.sha256,
    contentType: sniffed,
    size: stored.size,
    filename: upload.filename,
    uploadedBy: caller.actor,
    uploadedAt: ctx.clock.now(),
  };
  try {
    // Evidence commutes with other changes: retry a lost race instead of failing the upload.
    const hazard = await changeHazard(ctx, caller, hazardId, (h) => addEvidence(h, photo, caller.actor), {
      retries: 3,
      ...options,
    });
    return { hazard, photo };
  } catch (error) {
    await deletePhotoFile(ctx.data, stored.id);
    throw error;
  }
}

export async function openPhoto(
  ctx: SafetyContext,
  hazardId: string,
  photoId: string,
): Promise<{ photo: Photo; stream: Readable }> {
  const hazard = await findHazard(ctx.data, hazardId);
  const photo = hazard?.photos.find((p) => p.id === photoId);
  if (!hazard || !photo) throw new NotFoundError(`Hazard ${hazardId} has no photo ${photoId}`);
  return { photo, stream: openPhotoFile(ctx.data, photo.id) };
}
