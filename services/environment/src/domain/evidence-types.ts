import type { EvidenceType } from '@zone-risk/evidence';

/** Evidence files: what phones take, and PDF (monitoring reports, approvals). */
export const EVIDENCE_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'application/pdf',
] as const satisfies readonly EvidenceType[];
