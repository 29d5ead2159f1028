import { createHash } from 'node:crypto';
import t from 'tap';
import { downloadHeaders, multipartOptions } from '../src/http.ts';

t.test('a download carries its type, length, and SHA-256 as ETag and Repr-Digest', async (t) => {
  const content = Buffer.from('%PDF-1.7 a monitoring report');
  const sha256 = createHash('sha256').update(content).digest('hex');
  const headers = downloadHeaders({
    contentType: 'application/pdf',
    size: content.length,
    sha256,
    filename: 'report.pdf',
  });
  t.same(headers, {
    'content-type': 'application/pdf',
    'content-length': String(content.length),
    etag: `"${sha256}"`,
    'repr-digest': `sha-256=:${createHash('sha256').update(content).digest('base64')}:`,
    'cache-control': 'private, max-age=31536000, immutable',
    'content-disposition': "inline; filename*=UTF-8''report.pdf",
  });
});

t.test('the file name is encoded for Content-Disposition, quotes and brackets included', async (t) => {
  const headers = downloadHeaders({
    contentType: 'image/jpeg',
    size: 1,
    sha256: '00',
    filename: "监测 (o'k)*.jpg",
  });
  t.equal(headers['content-disposition'], "inline; filename*=UTF-8''%E7%9B%91%E6%B5%8B%20%28o%27k%29%2A.jpg");
});

t.test('the multipart size limit sits one byte past maxBytes, so the bucket answers the 413', async (t) => {
  t.same(multipartOptions(1000, 1), {
    limits: { fileSize: 1001, files: 1, fields: 10, parts: 11 },
    throwFileSizeLimit: true,
  });
  t.same(multipartOptions(1000, 5, 4).limits, { fileSize: 1001, files: 5, fields: 4, parts: 9 });
});
