import t from 'tap';
import { addDays, endOfZoneDay, monthsBetween, zoneDay, zoneMonth } from '../src/index.ts';

t.test('the zone day is the UTC+08:00 calendar day, whatever the host time zone', async (t) => {
  t.equal(zoneDay(new Date('2026-03-01T15:59:59.999Z')), '2026-03-01');
  t.equal(
    zoneDay(new Date('2026-03-01T16:00:00Z')),
    '2026-03-02',
    'midnight in the zone starts the next day',
  );
  t.equal(zoneDay(new Date('2025-12-31T17:00:00Z')), '2026-01-01', 'and the next year');
});

t.test('the zone month buckets by the zone day', async (t) => {
  t.equal(zoneMonth(new Date('2026-01-31T15:59:59Z')), '2026-01');
  t.equal(zoneMonth(new Date('2026-01-31T16:00:00Z')), '2026-02');
});

t.test('a deadline day passes at 24:00 in the zone (it is inclusive)', async (t) => {
  t.equal(endOfZoneDay('2026-03-02').toISOString(), '2026-03-02T16:00:00.000Z');
  t.equal(zoneDay(new Date(endOfZoneDay('2026-03-02').getTime() - 1)), '2026-03-02');
  t.equal(zoneDay(endOfZoneDay('2026-03-02')), '2026-03-03');
});

t.test('adding days crosses months, leap days and years, and goes back when negative', async (t) => {
  t.equal(addDays('2026-01-31', 1), '2026-02-01');
  t.equal(addDays('2028-02-28', 1), '2028-02-29');
  t.equal(addDays('2026-12-31', 1), '2027-01-01');
  t.equal(addDays('2026-03-01', -1), '2026-02-28');
  t.equal(addDays('2026-03-01', 0), '2026-03-01');
});

t.test('months between two days are listed inclusively, across a year end', async (t) => {
  t.same(monthsBetween('2025-11-20', '2026-02-03'), ['2025-11', '2025-12', '2026-01', '2026-02']);
  t.same(monthsBetween('2026-05-01', '2026-05-31'), ['2026-05']);
  t.same(monthsBetween('2026-05-01', '2026-04-30'), [], 'empty when the end is earlier');
});
