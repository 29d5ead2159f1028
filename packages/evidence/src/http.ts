/** What stored evidence is served with, besides its content. */
export interface Served {
  contentType: string;
  size: number;
  sha256: string;
  filename: string;
}

// RFC 8187 attr-char excludes ' ( ) *, which encodeURIComponent leaves as they are.
const rfc8187 = (value: string) =>
  encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Response headers for a download: type, length, the SHA-256 as ETag and `Repr-Digest` (RFC 9530). */
export function downloadHeaders(file: Served): Record<string, string> {
  return {
    'content-type': file.contentType,
    'content-length': String(file.size),
    etag: `"${file.sha256}"`,
    'repr-digest': `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`,
    // A file id never names other content.
    'cache-control': 'private, max-age=31536000, immutable',
    'content-disposition': `inline; filename*=UTF-8''${rfc8187(file.filename)}`,
  };
}

/**
 * `@fastify/multipart` options for uploads checked by an evidence bucket. Its size limit is one byte
 * past `maxBytes`, so that the bucket's own check (a 413 naming the limit) is what the caller sees.
 */
export function multipartOptions(maxBytes: number, files: number, fields = 10) {
  return {
    limits: { fileSize: maxBytes + 1, files, fields, parts: files + fields },
    throwFileSizeLimit: true,
  };
}
