// What evidence may be: what phones take (JPEG, PNG, WebP, HEIC) and PDF (reports, approvals).
// The file's own magic bytes decide its type, so a renamed document is refused.

/** Every type the sniffer recognises; a bucket accepts a subset. */
export const EVIDENCE_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'application/pdf',
] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];

/** Bytes needed to recognise every type. */
export const SNIFF_BYTES = 12;

// ISO-BMFF brands of HEIF/HEIC stills as phones write them.
const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);

/** The type the first bytes of a file show, or undefined. */
export function sniffType(head: Uint8Array): EvidenceType | undefined {
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.length >= 8 && ascii(0, 8) === '\x89PNG\r\n\x1a\n') return 'image/png';
  if (head.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  if (head.length >= 12 && ascii(4, 8) === 'ftyp' && HEIC_BRANDS.has(ascii(8, 12))) return 'image/heic';
  if (head.length >= 5 && ascii(0, 5) === '%PDF-') return 'application/pdf';
  return undefined;
}
