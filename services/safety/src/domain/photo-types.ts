import type { EvidenceType } from '@zone-risk/evidence';

/** Evidence photos: what phones take. Documents are no photos of a hazard. */
export const PHOTO_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
] as const satisfies readonly EvidenceType[];
