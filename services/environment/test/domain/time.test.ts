import t from 'tap';
import { addWorkingDays, isWorkingDay, noticeEndsAt } from '../../src/domain/time.ts';

t.test('working days are Monday to Friday (public holidays are not known)', async (t) => {
  t.ok(isWorkingDay('2026-05-04'), 'Monday');
  t.notOk(isWorkingDay('2026-05-09'), 'Saturday');
  t.notOk(isWorkingDay('2026-05-10'), 'Sunday');
  t.equal(addWorkingDays('2026-05-08', 1), '2026-05-11', 'Friday + 1 is Monday');
  t.equal(addWorkingDays('2026-05-04', 7), '2026-05-13', 'Monday + 7 is the Wednesday after next');
  t.equal(addWorkingDays('2026-05-09', 5), '2026-05-15', 'from a Saturday, the week after');
});

t.test(
  'a 7-working-day notice published on a Monday morning ends at the end of the next Wednesday (zone time)',
  async (t) => {
    const publishedAt = new Date('2026-05-04T01:00:00Z'); // Monday 09:00 in the zone
    t.equal(noticeEndsAt(publishedAt, 7).toISOString(), '2026-05-13T16:00:00.000Z');
    // Sunday 23:30 UTC is already Monday 07:30 in the zone: the zone's day counts.
    t.equal(noticeEndsAt(new Date('2026-05-03T23:30:00Z'), 7).toISOString(), '2026-05-13T16:00:00.000Z');
  },
);
