import { ManualClock } from '@zone-risk/calendar';
import t from 'tap';
import { type BusinessView, checkBody, creditCodeFor, failedItems, register } from '../helpers/fixtures.ts';
import { json, officer, riskOffice, startService, supervisor } from '../helpers/service.ts';

interface CheckView {
  id: string;
  status: string;
  outcome: string;
  followUpDeadline: string | null;
  followUpOverdue: boolean;
  caseId: string | null;
}

t.test('supervision checks (监督检查) and the check frequency', async (t) => {
  const clock = new ManualClock('2026-03-10T02:00:00Z');
  const service = await startService(t, { clock });
  const { app, events } = service;
  let serial = 500;
  const next = () => {
    serial += 1;
    return serial;
  };
  const record = async (payload: Record<string, unknown>, key?: string) =>
    app.inject({
      method: 'POST',
      url: '/checks',
      headers: { ...(await officer()), ...(key ? { 'idempotency-key': key } : {}) },
      payload,
    });
  const businessOf = async (code: string) =>
    json<BusinessView>(
      await app.inject({ method: 'GET', url: `/businesses/${code}`, headers: await riskOffice() }),
    );

  t.test(
    'a conforming check enters the record, moves the standing and names its inspectors for 回避',
    async (t) => {
      const business = await register(app, next());
      const response = await record(checkBody(business.creditCode, { date: '2026-03-09' }), `c-${serial}`);
      t.equal(response.statusCode, 201);
      const check = json<CheckView>(response);
      t.match(check, { status: 'recorded', outcome: 'conforming', caseId: null });
      t.match(await events.waitFor('CheckRecorded', check.id), {
        data: {
          business: { creditCode: business.creditCode },
          inspectors: [{ id: 'fd-liu' }, { id: 'fd-sun' }],
        },
      });
      const after = await businessOf(business.creditCode);
      t.match(after.record, [{ kind: 'check', ref: check.id, result: 'conforming' }]);
      t.equal(after.standing.done, 1);
      t.same(after.lastCheck?.inspectors, ['fd-liu', 'fd-sun']);
      const retry = await record(checkBody(business.creditCode, { date: '2026-03-09' }), `c-${serial}`);
      t.equal(retry.statusCode, 201, 'a retried request is answered as the first was');
      t.equal(json<CheckView>(retry).id, check.id);
      t.equal((await businessOf(business.creditCode)).standing.done, 1);
    },
  );

  t.test('bad checks are refused with every field at fault', async (t) => {
    const business = await register(app, next());
    const response = await record(
      checkBody(business.creditCode, {
        date: '2026-04-01',
        inspectors: [{ id: 'fd-liu' }, { id: 'fd-liu' }],
        items: failedItems,
      }),
    );
    t.equal(response.statusCode, 400);
    const pointers = json<{ errors: { pointer: string }[] }>(response)
      .errors.map((e) => e.pointer)
      .sort();
    t.same(pointers, ['/date', '/inspectors', '/outcome']);
    const unknown = await record(checkBody(creditCodeFor(999_999)));
    t.equal(unknown.statusCode, 400, 'an unknown or invalid business');
  });

  t.test(
    '基本符合 leaves a follow-up due; the follow-up check settles it, or time makes it overdue once',
    async (t) => {
      const business = await register(app, next());
      const basic = json<CheckView>(
        await record(
          checkBody(business.creditCode, {
            date: '2026-03-09',
            outcome: 'basically-conforming',
            items: failedItems,
            followUpDeadline: '2026-03-20',
          }),
        ),
      );
      t.match(basic, { status: 'follow-up-due', followUpDeadline: '2026-03-20' });
      const followUp = await record(
        checkBody(business.creditCode, { date: '2026-03-10', type: 'follow-up', followUpOf: basic.id }),
      );
      t.equal(followUp.statusCode, 201);
      t.match(await events.waitFor('CheckFollowedUp', basic.id), {
        data: { status: 'followed-up', followUpCheckId: json<CheckView>(followUp).id },
      });

      const other = await register(app, next());
      const late = json<CheckView>(
        await record(
          checkBody(other.creditCode, {
            date: '2026-03-09',
            outcome: 'basically-conforming',
            items: failedItems,
          }),
        ),
      );
      t.ok(late.followUpDeadline, 'a default deadline from the rule set');
      clock.set(`${late.followUpDeadline}T17:00:00Z`);
      await app.domain.sweepOnce();
      t.match(await events.waitFor('CheckFollowUpOverdue', late.id), { data: { followUpOverdue: true } });
      const refused = await record(
        checkBody(business.creditCode, { date: '2026-03-10', type: 'follow-up', followUpOf: basic.id }),
      );
      t.equal(refused.statusCode, 400, 'a check already followed up is not followed up twice');
      clock.set('2026-03-10T02:00:00Z');
    },
  );

  t.test('不符合 opens a disposal case', async (t) => {
    const business = await register(app, next());
    const check = json<CheckView>(
      await record(
        checkBody(business.creditCode, { date: '2026-03-09', outcome: 'non-conforming', items: failedItems }),
      ),
    );
    t.match(check.caseId, /^case-chk-/);
    t.match(await events.waitFor('DisposalCaseOpened', check.caseId ?? ''), {
      data: { cause: { kind: 'check', ref: check.id }, retestUntil: null },
    });
  });

  t.test('due checks: behind pro rata (序时), and check-overdue once a period ends short', async (t) => {
    // On the serious-violation list: graded D, the most checks a year.
    const listedOne = await register(app, next(), {
      kind: 'unit-canteen',
      categories: ['school-canteen'],
    });
    const etag = (
      await app.inject({
        method: 'GET',
        url: `/businesses/${listedOne.creditCode}`,
        headers: await riskOffice(),
      })
    ).headers.etag;
    const listing = await app.inject({
      method: 'POST',
      url: `/businesses/${listedOne.creditCode}/serious-violation`,
      headers: { ...(await supervisor()), 'if-match': String(etag) },
      payload: { listed: true, reason: '宁市监严失〔2026〕3号' },
    });
    const busy = json<BusinessView>(listing);
    t.equal(busy.grade, 'D');
    t.ok(busy.standing.required >= 2, 'D requires more than one check a year');
    const quiet = await register(app, next(), { kind: 'food-sale' });
    clock.set('2026-11-30T02:00:00Z');
    const due = json<{
      items: { creditCode: string; standing: { behind: boolean; dueByNow: number; done: number } }[];
    }>(await app.inject({ method: 'GET', url: '/checks/due', headers: await riskOffice() }));
    const row = due.items.find((i) => i.creditCode === busy.creditCode);
    t.match(row?.standing, { behind: true, done: 0 });
    t.ok((row?.standing.dueByNow ?? 0) >= 1);
    const yearEnd = json<{ items: { creditCode: string }[] }>(
      await app.inject({ method: 'GET', url: '/checks/due?scope=period-end', headers: await riskOffice() }),
    );
    t.ok(yearEnd.items.some((i) => i.creditCode === busy.creditCode));
    const listed = json<{ items: { creditCode: string }[] }>(
      await app.inject({ method: 'GET', url: '/businesses?due=behind', headers: await riskOffice() }),
    );
    t.ok(listed.items.some((i) => i.creditCode === busy.creditCode));

    clock.set('2027-01-01T00:00:00Z'); // 08:00 on New Year's Day in the zone
    await app.domain.sweepOnce();
    const overdue = await events.waitFor('BusinessCheckOverdue', busy.creditCode);
    t.match(overdue, { data: { checkOverdue: true, period: '2026', done: 0 } });
    const after = await businessOf(busy.creditCode);
    t.equal(after.checkOverdue, true);
    t.equal(after.standing.period.startsWith('2027'), true, 'the next period is watched');
    await app.domain.sweepOnce();
    const marker = await register(app, next());
    await events.waitFor('BusinessRegistered', marker.creditCode);
    t.equal(
      events.all().filter((e) => e.type.includes('BusinessCheckOverdue') && e.aggregateid === busy.creditCode)
        .length,
      1,
      'published once',
    );
    t.equal(quiet.standing.end, '2027-12-31', 'an A-grade business: a two-year period');
    t.equal(
      (await businessOf(quiet.creditCode)).checkOverdue,
      false,
      'its period has not ended: not overdue',
    );
    const overdueList = json<{ items: { creditCode: string }[] }>(
      await app.inject({ method: 'GET', url: '/businesses?due=overdue', headers: await riskOffice() }),
    );
    t.ok(overdueList.items.some((i) => i.creditCode === busy.creditCode));
    // A check clears it.
    await record(checkBody(busy.creditCode, { date: '2027-01-01' }));
    t.equal((await businessOf(busy.creditCode)).checkOverdue, false);
    clock.set('2026-03-10T02:00:00Z');
  });
});
