import { addDays, ManualClock, zoneDay } from '@zone-risk/calendar';
import t from 'tap';
import { creditCodeFor, hazardBody, majorBasis, plan } from '../helpers/fixtures.ts';
import { act, inspector, json, riskOffice, startService, supervisor } from '../helpers/service.ts';

const a = { creditCode: creditCodeFor(401), name: '南京恒信化工有限公司' };
const b = { creditCode: creditCodeFor(402), name: '南京宏远食品有限公司' };

t.test('statistics on a known data set', async (t) => {
  const clock = new ManualClock('2026-01-05T02:00:00Z');
  const { app } = await startService(t, { clock });

  async function report(enterprise: typeof a, grade: 'general' | 'major') {
    const response = await app.inject({
      method: 'POST',
      url: '/hazards',
      headers: await inspector(),
      payload: hazardBody({ enterprise, grade, ...(grade === 'major' ? { basis: majorBasis } : {}) }),
    });
    return json<{ id: string }>(response).id;
  }
  async function closeAfter(id: string, days: number) {
    await act(app, id, 'plan', plan(addDays(zoneDay(clock.now()), 60)), await inspector());
    await act(app, id, 'submit', {}, await inspector());
    clock.advanceDays(days);
    await act(app, id, 'accept', {}, await supervisor());
    clock.advanceDays(-days);
  }

  // January: A has 3 hazards (2 closed after 2 and 6 days, 1 major overdue); B has 1 general, open.
  const a1 = await report(a, 'general');
  const a2 = await report(a, 'general');
  const a3 = await report(a, 'major');
  const b1 = await report(b, 'general');
  await closeAfter(a1, 2);
  await closeAfter(a2, 6);
  await act(app, a3, 'plan', plan(addDays(zoneDay(clock.now()), 3)), await inspector());
  clock.advanceDays(5);
  await app.domain.sweepOnce();
  // March: one more for A, outside a January-only range.
  clock.set('2026-03-10T02:00:00Z');
  await report(a, 'general');
  t.ok(b1);

  t.test('zone-wide and per-enterprise figures over January', async (t) => {
    const response = await app.inject({
      method: 'GET',
      url: '/statistics?from=2026-01-01&to=2026-01-31',
      headers: await riskOffice(),
    });
    t.equal(response.statusCode, 200);
    const stats = json<{ zone: object; enterprises: { enterprise: { creditCode: string } }[] }>(response);
    t.match(stats.zone, {
      total: 4,
      byStatus: { reported: 1, rectifying: 1, closed: 2, 'awaiting-acceptance': 0, 'extension-requested': 0 },
      byGrade: { general: 3, major: 1 },
      overdue: 1,
      closed: 2,
      closureRate: 0.5,
      medianDaysToClose: 4,
    });
    t.match(stats.enterprises, [
      { enterprise: a, total: 3, closed: 2, overdue: 1, closureRate: 0.6667, medianDaysToClose: 4 },
      { enterprise: b, total: 1, closed: 0, closureRate: 0, medianDaysToClose: null },
    ]);
  });

  t.test('one enterprise over the whole quarter', async (t) => {
    const stats = json<{ zone: object; enterprises: unknown[] }>(
      await app.inject({
        method: 'GET',
        url: `/statistics?from=2026-01-01&to=2026-03-31&enterprise=${a.creditCode}`,
        headers: await riskOffice(),
      }),
    );
    t.match(stats.zone, { total: 4, closed: 2, closureRate: 0.5 });
    t.equal(stats.enterprises.length, 1);
  });

  t.test('from after to is a 400', async (t) => {
    const response = await app.inject({
      method: 'GET',
      url: '/statistics?from=2026-02-01&to=2026-01-01',
      headers: await riskOffice(),
    });
    t.equal(response.statusCode, 400);
  });
});
