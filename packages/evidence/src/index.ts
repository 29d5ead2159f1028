export {
  type EvidenceBucket,
  type EvidenceBucketOptions,
  evidenceBucket,
  type StoredEvidence,
  type Upload,
} from './bucket.ts';
export { downloadHeaders, multipartOptions, type Served } from './http.ts';
export { EVIDENCE_TYPES, type EvidenceType, SNIFF_BYTES, sniffType } from './types.ts';
