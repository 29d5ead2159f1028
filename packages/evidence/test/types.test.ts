import t from 'tap';
import { EVIDENCE_TYPES, SNIFF_BYTES, sniffType } from '../src/types.ts';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

t.test('each type is recognised by its magic bytes, whatever follows', async (t) => {
  const heads: [string, Buffer][] = [
    ['image/jpeg', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF\0\x01')],
    ['image/png', bytes('\x89PNG\r\n\x1a\n', [0, 0, 0, 0x0d])],
    ['image/webp', bytes('RIFF', [0x24, 0, 0, 0], 'WEBP')],
    ['image/heic', bytes([0, 0, 0, 0x18], 'ftypheic')],
    ['image/heic', bytes([0, 0, 0, 0x18], 'ftypmif1')],
    ['application/pdf', bytes('%PDF-1.7\n%\xe2\xe3')],
  ];
  for (const [type, head] of heads) t.equal(sniffType(head.subarray(0, SNIFF_BYTES)), type, type);
  t.same(new Set(heads.map(([type]) => type)), new Set(EVIDENCE_TYPES), 'every type is covered');
});

t.test('anything else, or too few bytes to tell, is no type', async (t) => {
  t.equal(sniffType(bytes('<html><body>')), undefined, 'HTML');
  t.equal(sniffType(bytes('PK\x03\x04', [20, 0, 6, 0, 8, 0, 0, 0])), undefined, 'a Word document (zip)');
  t.equal(sniffType(bytes('RIFF', [0x24, 0, 0, 0], 'WAVE')), undefined, 'RIFF but not WebP');
  t.equal(sniffType(bytes([0, 0, 0, 0x18], 'ftypisom')), undefined, 'an MP4 video');
  t.equal(sniffType(bytes([0xff, 0xd8])), undefined, 'a truncated JPEG marker');
  t.equal(sniffType(new Uint8Array()), undefined, 'empty');
});
