import t from 'tap';
import { noticeEndsAt } from '../../src/domain/notice.ts';

t.test(
  'a 7-working-day notice published on a Monday morning ends at the end of the next Wednesday (zone time)',
  async (t) => {
    const publishedAt = new Date('2026-05-04T01:00:00Z'); // Monday 09:00 in the zone
    t.equal(noticeEndsAt(publishedAt, 7).toISOString(), '2026-05-13T16:00:00.000Z');
    // Sunday 23:30 UTC is already Monday 07:30 in the zone: the zone's day counts.
    t.equal(noticeEndsAt(new Date('2026-05-03T23:30:00Z'), 7).toISOString(), '2026-05-13T16:00:00.000Z');
  },
);

t.test('a notice published on a Friday skips the weekend', async (t) => {
  const publishedAt = new Date('2026-05-08T02:00:00Z'); // Friday 10:00 in the zone
  t.equal(noticeEndsAt(publishedAt, 1).toISOString(), '2026-05-11T16:00:00.000Z', 'ends Monday 24:00');
});
