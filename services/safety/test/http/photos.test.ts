import { createHash, randomBytes } from 'node:crypto';
import { multipart } from '@zone-risk/testkit';
import t from 'tap';
import { hazardBody } from '../helpers/fixtures.ts';
import { act, inspector, json, riskOffice, startService, stored, supervisor } from '../helpers/service.ts';

const MAX = 64 * 1024;

/** One photo as the single file part of a form. */
const photoForm = (file: Buffer, contentType: string, filename = 'photo.jpg') =>
  multipart({}, [{ filename, contentType, content: file }]);

// Real magic bytes followed by noise: the service checks content, it does not decode images.
const jpeg = (size: number) =>
  Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]),
    randomBytes(size - 12),
  ]);

t.test('evidence photos', async (t) => {
  const service = await startService(t, { env: { PHOTO_MAX_BYTES: String(MAX) } });
  const { app, events } = service;
  const created = await app.inject({
    method: 'POST',
    url: '/hazards',
    headers: await inspector(),
    payload: hazardBody(),
  });
  const id = json<{ id: string }>(created).id;

  const upload = async (file: Buffer, type: string, phase = 'before', headers?: Record<string, string>) => {
    const body = photoForm(file, type);
    return app.inject({
      method: 'POST',
      url: `/hazards/${id}/photos?phase=${phase}`,
      headers: { ...(headers ?? (await inspector())), ...body.headers },
      payload: body.payload,
    });
  };

  t.test(
    'an uploaded photo is stored in GridFS, its SHA-256 recorded and published, and it downloads unchanged',
    async (t) => {
      const file = jpeg(40_000);
      const sha256 = createHash('sha256').update(file).digest('hex');
      const response = await upload(file, 'image/jpeg');
      t.equal(response.statusCode, 201);
      const hazard = json<{
        photos: { id: string; sha256: string; size: number; url: string; phase: string }[];
        version: number;
      }>(response);
      t.match(hazard.photos, [{ sha256, size: file.length, phase: 'before', contentType: 'image/jpeg' }]);
      t.equal(hazard.version, 2);
      t.match(await stored(service, id), { photos: [{ sha256 }] });
      t.match(await events.waitFor('HazardEvidenceAdded', id), {
        data: { photo: { sha256, phase: 'before', size: file.length } },
      });

      const photo = hazard.photos[0];
      if (!photo) throw new Error('no photo');
      const download = await app.inject({ method: 'GET', url: photo.url, headers: await riskOffice() });
      t.equal(download.statusCode, 200);
      t.equal(download.headers['content-type'], 'image/jpeg');
      t.equal(download.headers['repr-digest'], `sha-256=:${Buffer.from(sha256, 'hex').toString('base64')}:`);
      t.equal(createHash('sha256').update(download.rawPayload).digest('hex'), sha256, 'same bytes back');
    },
  );

  t.test('a file over PHOTO_MAX_BYTES is a 413 and nothing is kept', async (t) => {
    const before = await service.db.connection.db?.collection('photos.files').countDocuments();
    const response = await upload(jpeg(MAX + 1), 'image/jpeg');
    t.equal(response.statusCode, 413);
    t.match(json(response), { status: 413, maxBytes: MAX });
    t.equal(
      await service.db.connection.db?.collection('photos.files').countDocuments(),
      before,
      'no file left behind',
    );
    t.equal((await stored(service, id))?.photos.length, 1);
  });

  t.test('a declared type other than JPEG, PNG, WebP or HEIC is a 415', async (t) => {
    const response = await upload(Buffer.from('%PDF-1.7 not a photo at all'), 'application/pdf');
    t.equal(response.statusCode, 415);
    t.match(json(response), { accepted: ['image/jpeg', 'image/png', 'image/webp', 'image/heic'] });
  });

  t.test('content that is not an image is a 415 even when declared as one', async (t) => {
    const response = await upload(Buffer.from('<html>definitely not a jpeg</html>'), 'image/jpeg');
    t.equal(response.statusCode, 415);
  });

  t.test('a closed hazard takes no more evidence (409), and an unknown photo is a 404', async (t) => {
    const other = json<{ id: string }>(
      await app.inject({
        method: 'POST',
        url: '/hazards',
        headers: await inspector(),
        payload: hazardBody({ deadline: undefined }),
      }),
    ).id;
    const missing = await app.inject({
      method: 'GET',
      url: `/hazards/${other}/photos/000000000000000000000000`,
      headers: await riskOffice(),
    });
    t.equal(missing.statusCode, 404);
    const today = new Date().toISOString().slice(0, 10);
    await act(
      app,
      other,
      'plan',
      {
        measures: 'm',
        responsiblePerson: { id: 'p' },
        funds: 0,
        deadline: `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`,
      },
      await inspector(),
    );
    await act(app, other, 'submit', {}, await inspector());
    await act(app, other, 'accept', {}, await supervisor());
    const body = photoForm(jpeg(1000), 'image/jpeg');
    const response = await app.inject({
      method: 'POST',
      url: `/hazards/${other}/photos?phase=after`,
      headers: { ...(await inspector()), ...body.headers },
      payload: body.payload,
    });
    t.equal(response.statusCode, 409);
    t.match(json(response), { currentState: 'closed', allowed: [] });
  });
});
