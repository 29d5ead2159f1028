import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { useTestDatabase } from '@zone-risk/testkit';
import t from 'tap';
import { evidenceBucket } from '../src/bucket.ts';

const JPEG_HEAD = [0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1];
// Real magic bytes followed by noise: the bucket checks content, it does not decode images.
const jpeg = (size: number) => Buffer.concat([Buffer.from(JPEG_HEAD), randomBytes(size - JPEG_HEAD.length)]);
const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/** The content as a stream of `size`-byte chunks, as a multipart parser hands it over. */
function chunked(content: Buffer, size = 64 * 1024): Readable {
  const chunks: Buffer[] = [];
  for (let at = 0; at < content.length; at += size) chunks.push(content.subarray(at, at + size));
  return Readable.from(chunks);
}

t.test('evidence buckets', async (t) => {
  const { connection } = await useTestDatabase(t, 'evidence');
  const db = connection.db;
  if (!db) throw new Error('no database');
  const photos = evidenceBucket(connection, {
    bucketName: 'photos',
    accepted: ['image/jpeg', 'image/png', 'image/webp', 'image/heic'],
    noun: 'evidence photos',
  });
  const documents = evidenceBucket(connection, {
    bucketName: 'documents',
    accepted: ['application/pdf'],
    noun: 'reports',
  });
  const kept = async (bucket: string) => ({
    files: await db.collection(`${bucket}.files`).countDocuments(),
    chunks: await db.collection(`${bucket}.chunks`).countDocuments(),
  });
  const upload = (stream: Readable, declaredType = 'image/jpeg', maxBytes = 1024 * 1024) => ({
    stream,
    filename: '整改前.jpg',
    declaredType,
    maxBytes,
    metadata: { hazardId: 'h-1', uploadedBy: { id: 'inspector-1' } },
  });

  t.test(
    'an upload is stored with its SHA-256, size and metadata, typed by its content, and reads back unchanged',
    async (t) => {
      // Larger than a GridFS chunk (255 KiB), and declared as PNG: the content says JPEG.
      const content = jpeg(600 * 1024);
      const stored = await photos.store(upload(chunked(content), 'image/png'));
      t.match(stored, {
        sha256: sha256(content),
        size: content.length,
        contentType: 'image/jpeg',
        filename: '整改前.jpg',
      });
      t.match(await db.collection('photos.files').findOne({ filename: '整改前.jpg' }), {
        length: content.length,
        metadata: { hazardId: 'h-1', uploadedBy: { id: 'inspector-1' } },
      });
      const back = Buffer.concat(await photos.open(stored.id).toArray());
      t.equal(sha256(back), sha256(content), 'same bytes back');
    },
  );

  t.test('the type is told when its magic bytes arrive split over many chunks', async (t) => {
    const content = Buffer.concat([
      Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'),
      randomBytes(5000),
    ]);
    const stored = await documents.store({
      ...upload(chunked(content, 1), 'application/pdf'),
      filename: 'r.pdf',
    });
    t.match(stored, { contentType: 'application/pdf', size: content.length, sha256: sha256(content) });
  });

  t.test(
    'a declared type the bucket does not take is a 415 listing those it takes, before anything is read',
    async (t) => {
      const before = await kept('photos');
      const stream = chunked(Buffer.from('%PDF-1.7 not a photo at all'));
      await t.rejects(photos.store(upload(stream, 'application/pdf')), {
        status: 415,
        extensions: { accepted: ['image/jpeg', 'image/png', 'image/webp', 'image/heic'] },
        message: /evidence photos must be image\/jpeg/,
      });
      t.equal(stream.readableDidRead, false, 'the stream was not read');
      t.throws(() => photos.checkDeclaredType({ filename: 'x.doc', declaredType: 'application/msword' }), {
        name: 'UnsupportedMediaTypeError',
        status: 415,
      });
      t.same(await kept('photos'), before);
    },
  );

  t.test(
    'a file over maxBytes is a 413 naming the limit, and neither its file nor its chunks are kept',
    async (t) => {
      const before = await kept('photos');
      // Past the first GridFS chunks, so that some were written before the limit was seen.
      await t.rejects(photos.store(upload(chunked(jpeg(700 * 1024)), 'image/jpeg', 600 * 1024)), {
        name: 'PayloadTooLargeError',
        status: 413,
        extensions: { maxBytes: 600 * 1024 },
      });
      t.same(await kept('photos'), before);
    },
  );

  t.test(
    'content of another type is a 415 even when declared as an accepted one, and nothing is kept',
    async (t) => {
      const before = await kept('photos');
      for (const content of [
        Buffer.from('<html>definitely not a jpeg</html>'),
        Buffer.concat([Buffer.from('%PDF-1.7 a known type, not taken here'), randomBytes(300 * 1024)]),
      ]) {
        await t.rejects(photos.store(upload(chunked(content))), {
          name: 'UnsupportedMediaTypeError',
          status: 415,
        });
      }
      t.same(await kept('photos'), before);
    },
  );

  t.test('an empty file, or one too short to tell its type, is a 415 and nothing is kept', async (t) => {
    const before = await kept('photos');
    await t.rejects(photos.store(upload(Readable.from([]))), { status: 415, message: /empty or too short/ });
    await t.rejects(photos.store(upload(chunked(Buffer.from([0xff, 0xd8])))), {
      name: 'UnsupportedMediaTypeError',
      status: 415,
    });
    t.same(await kept('photos'), before);
  });

  t.test('a source that fails midway rejects with its own error and leaves nothing', async (t) => {
    const before = await kept('photos');
    async function* failing() {
      yield jpeg(300 * 1024);
      throw new Error('client went away');
    }
    await t.rejects(photos.store(upload(Readable.from(failing()))), { message: 'client went away' });
    t.same(await kept('photos'), before);
  });

  t.test('delete removes a file; an unknown or malformed id is no error', async (t) => {
    const before = await kept('photos');
    const stored = await photos.store(upload(chunked(jpeg(1000))));
    await photos.delete(stored.id);
    t.same(await kept('photos'), before);
    await photos.delete(stored.id);
    await photos.delete('not-an-object-id');
    await t.rejects(photos.open(stored.id).toArray(), 'a deleted file cannot be read');
  });
});
