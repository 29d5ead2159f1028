import t from 'tap';
import { readEvent } from '../../src/events/read-event.ts';
import { indicatorsChanged } from '../helpers/debt.ts';
import { heartbeat, reported } from '../helpers/hazards.ts';
import { DISPUTE_EVENT_TYPE, disputeChanged, NEW_DOMAIN } from '../helpers/new-domain.ts';

const bytes = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));

t.test('a type of the contracts is validated in full', async (t) => {
  const event = reported({ id: 'hz-1', version: 1, grade: 'major' });
  t.match(readEvent(bytes(event)), { ok: true, check: 'contract', event: { id: event.id } });
  t.match(
    readEvent(bytes(heartbeat(NEW_DOMAIN))),
    { ok: true, check: 'contract' },
    'a heartbeat of any domain, one without contracts too',
  );

  const broken = { ...event, data: { ...event.data, grade: 'catastrophic' } };
  t.match(
    readEvent(bytes(broken)),
    { ok: false, reason: 'invalid-event', error: /data\.grade/ },
    'bad data of a known type is an invalid event, as before',
  );

  const indicators = indicatorsChanged({ version: 1, debtRatioBp: 12_000 });
  t.match(readEvent(bytes(indicators)), { ok: true, check: 'contract' }, 'debt is a domain of the contracts');
  t.match(
    readEvent(bytes({ ...indicators, data: { ...indicators.data, debtRatioBp: -1 } })),
    { ok: false, reason: 'invalid-event', error: /data\.debtRatioBp/ },
    'so a debt event with bad data is a dead letter, not taken on its envelope',
  );
});

t.test('a type the contracts do not know is read once, as an envelope, its data untouched', async (t) => {
  const event = disputeChanged({ id: 'dp-1', version: 3, involved: 25 });
  const read = readEvent(bytes(event));
  t.match(read, { ok: true, check: 'envelope', event: { type: DISPUTE_EVENT_TYPE, aggregateversion: 3 } });
  t.same(read.ok ? read.event.data : null, event.data);
});

t.test('invalid JSON and malformed envelopes are poison, whatever the type', async (t) => {
  t.match(readEvent(bytes('{"not json')), { ok: false, reason: 'invalid-json' });
  t.match(readEvent(null), { ok: false, reason: 'invalid-json' });
  const { id: _id, ...noId } = disputeChanged({ id: 'dp-1', version: 1, involved: 1 });
  t.match(readEvent(bytes(noId)), { ok: false, reason: 'invalid-event', error: /^id: / });
  const { aggregateversion: _v, ...noVersion } = disputeChanged({ id: 'dp-1', version: 1, involved: 1 });
  t.match(readEvent(bytes(noVersion)), { ok: false, reason: 'invalid-event', error: /aggregateversion/ });
  t.match(
    readEvent(bytes({ ...noVersion, aggregateversion: 1, type: 'dispute-changed' })),
    { ok: false, reason: 'invalid-event', error: /^type: / },
    'a type that is not zone.<domain>.<Name>.vN',
  );
  t.match(readEvent(bytes([1, 2])), { ok: false, reason: 'invalid-event' });
  t.match(readEvent(bytes(42)), { ok: false, reason: 'invalid-event' });
});
