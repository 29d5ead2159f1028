import t from 'tap';
import { readEvent } from '../../src/events/read-event.ts';
import { DEBT_EVENT_TYPE, instrumentChanged } from '../helpers/debt.ts';
import { heartbeat, reported } from '../helpers/hazards.ts';

const bytes = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));

t.test('a type of the contracts is validated in full', async (t) => {
  const event = reported({ id: 'hz-1', version: 1, grade: 'major' });
  t.match(readEvent(bytes(event)), { ok: true, check: 'contract', event: { id: event.id } });
  t.match(readEvent(bytes(heartbeat('debt'))), { ok: true, check: 'contract' }, 'a heartbeat of any domain');

  const broken = { ...event, data: { ...event.data, grade: 'catastrophic' } };
  t.match(
    readEvent(bytes(broken)),
    { ok: false, reason: 'invalid-event', error: /data\.grade/ },
    'bad data of a known type is an invalid event, as before',
  );
});

t.test('a type the contracts do not know is read once, as an envelope, its data untouched', async (t) => {
  const event = instrumentChanged({ id: 'di-1', version: 3, debtRatioBp: 250 });
  const read = readEvent(bytes(event));
  t.match(read, { ok: true, check: 'envelope', event: { type: DEBT_EVENT_TYPE, aggregateversion: 3 } });
  t.same(read.ok ? read.event.data : null, event.data);
});

t.test('invalid JSON and malformed envelopes are poison, whatever the type', async (t) => {
  t.match(readEvent(bytes('{"not json')), { ok: false, reason: 'invalid-json' });
  t.match(readEvent(null), { ok: false, reason: 'invalid-json' });
  const { id: _id, ...noId } = instrumentChanged({ id: 'di-1', version: 1, debtRatioBp: 1 });
  t.match(readEvent(bytes(noId)), { ok: false, reason: 'invalid-event', error: /^id: / });
  const { aggregateversion: _v, ...noVersion } = instrumentChanged({
    id: 'di-1',
    version: 1,
    debtRatioBp: 1,
  });
  t.match(readEvent(bytes(noVersion)), { ok: false, reason: 'invalid-event', error: /aggregateversion/ });
  t.match(
    readEvent(bytes({ ...noVersion, aggregateversion: 1, type: 'debt-instrument-changed' })),
    { ok: false, reason: 'invalid-event', error: /^type: / },
    'a type that is not zone.<domain>.<Name>.vN',
  );
  t.match(readEvent(bytes([1, 2])), { ok: false, reason: 'invalid-event' });
  t.match(readEvent(bytes(42)), { ok: false, reason: 'invalid-event' });
});
