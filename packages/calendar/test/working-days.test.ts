import t from 'tap';
import { addWorkingDays, isWorkingDay } from '../src/index.ts';

t.test('working days are Monday to Friday (public holidays are not known)', async (t) => {
  t.ok(isWorkingDay('2026-05-04'), 'Monday');
  t.ok(isWorkingDay('2026-05-08'), 'Friday');
  t.notOk(isWorkingDay('2026-05-09'), 'Saturday');
  t.notOk(isWorkingDay('2026-05-10'), 'Sunday');
});

t.test('adding working days skips weekends and does not count the start day', async (t) => {
  t.equal(addWorkingDays('2026-05-08', 1), '2026-05-11', 'Friday + 1 is Monday');
  t.equal(addWorkingDays('2026-05-04', 7), '2026-05-13', 'Monday + 7 is the Wednesday after next');
  t.equal(addWorkingDays('2026-05-09', 5), '2026-05-15', 'from a Saturday, the week after');
  t.equal(addWorkingDays('2026-05-04', 0), '2026-05-04', 'zero keeps the day');
});
