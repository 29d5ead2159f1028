import type { Readable } from 'node:stream';
import type { Caller, ChangeOptions } from '@zone-risk/domain-service';
import { NotFoundError } from '@zone-risk/platform';
import { addEvidence } from '../domain/decisions.ts';
import type { Hazard, Photo, PhotoPhase } from '../domain/hazard.ts';
import { transition } from '../domain/machine.ts';
import type { SafetyContext } from './context.ts';

export interface Upload {
  stream: Readable;
  filename: string;
  declaredType: string;
  phase: PhotoPhase;
  maxBytes: number;
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
  const photos = ctx.photos;
  photos.checkDeclaredType(upload);
  const current = await ctx.hazards.find(hazardId);
  if (!current) throw new NotFoundError(ctx.hazards.notFound(hazardId));
  transition(current.status, 'add-evidence'); // refuse before storing anything

  const stored = await photos.store({
    ...upload,
    metadata: { hazardId, phase: upload.phase, uploadedBy: caller.actor },
  });
  const photo: Photo = {
    id: stored.id,
    phase: upload.phase,
    sha256: stored.sha256,
    contentType: stored.contentType,
    size: stored.size,
    filename: stored.filename,
    uploadedBy: caller.actor,
    uploadedAt: ctx.clock.now(),
  };
  try {
    // Evidence commutes with other changes: retry a lost race instead of failing the upload.
    const hazard = await ctx.hazards.change(caller, hazardId, (h) => addEvidence(h, photo, caller.actor), {
      retries: 3,
      ...options,
    });
    return { hazard, photo };
  } catch (error) {
    await photos.delete(stored.id);
    throw error;
  }
}

export async function openPhoto(
  ctx: SafetyContext,
  hazardId: string,
  photoId: string,
): Promise<{ photo: Photo; stream: Readable }> {
  const hazard = await ctx.hazards.find(hazardId);
  const photo = hazard?.photos.find((p) => p.id === photoId);
  if (!hazard || !photo) throw new NotFoundError(`Hazard ${hazardId} has no photo ${photoId}`);
  return { photo, stream: ctx.photos.open(photo.id) };
}
