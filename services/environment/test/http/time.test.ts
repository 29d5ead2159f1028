import { endOfZoneDay, ManualClock } from '@zone-risk/calendar';
import { eventually } from '@zone-risk/testkit';
import t from 'tap';
import { itemBody } from '../helpers/fixtures.ts';
import { act, appOn, json, riskOffice, staff, startService, stored, supervisor } from '../helpers/service.ts';

const START = '2026-05-04T01:00:00Z'; // Monday 09:00 in the zone
const NOTICE_END = '2026-05-13T16:00:00Z'; // end of Wednesday 2026-05-13: 7 working days later

t.test(
  'time alone changes items: the notice window closes them, deadlines make them overdue',
  async (suite) => {
    const clock = new ManualClock(START);
    const service = await startService(suite, { clock });
    const { events, db, env } = service;
    let app = service.app;

    async function register(overrides: Record<string, unknown> = {}): Promise<string> {
      const response = await app.inject({
        method: 'POST',
        url: '/items',
        headers: await staff(),
        payload: itemBody(overrides),
      });
      return json<{ id: string }>(response).id;
    }
    async function onNotice(): Promise<string> {
      const id = await register({ source: 'self-found', deadline: '2026-12-31' });
      await app.inject({
        method: 'POST',
        url: `/items/${id}/progress`,
        headers: await staff(),
        payload: { percent: 100, note: '完成' },
      });
      await act(app, id, 'request-acceptance', {}, await staff());
      await act(app, id, 'accept', { level: 'city' }, await supervisor());
      const published = await act(app, id, 'publish-notice', {}, await supervisor());
      suite.equal(
        json<{ notice: { endsAt: string } }>(published).notice.endsAt,
        new Date(NOTICE_END).toISOString(),
      );
      return id;
    }

    suite.test('a notice window that ends without objection closes the item (销号), once', async (t) => {
      clock.set(START);
      const id = await onNotice();
      clock.set(new Date(Date.parse(NOTICE_END) - 1000));
      t.equal(await app.domain.sweepOnce(), 0, 'not before the window ends');
      clock.set(NOTICE_END);
      t.equal(await app.domain.sweepOnce(), 1);
      t.equal(await app.domain.sweepOnce(), 0, 'a second pass finds nothing armed');
      t.match(await stored(service, id), { status: 'closed', timerArmed: false, _version: 6 });
      t.match(await events.waitFor('RectificationItemClosed', id), {
        aggregateversion: 6,
        data: {
          status: 'closed',
          noticeEndedAt: new Date(NOTICE_END).toISOString(),
          closedBy: { id: 'system:time-sweeper' },
        },
      });
      const item = json(
        await app.inject({ method: 'GET', url: `/items/${id}`, headers: await riskOffice() }),
      );
      t.match(item, {
        status: 'closed',
        allowedActions: ['recur'],
        closedAt: new Date(NOTICE_END).toISOString(),
      });
    });

    suite.test(
      'an objection during the window sends the item back, and the end of the window then changes nothing',
      async (t) => {
        clock.set(START);
        const id = await onNotice();
        clock.set('2026-05-08T03:00:00Z');
        const objected = await act(app, id, 'objection', { objection: '整改后仍有渗漏' }, await supervisor());
        t.match(json(objected), { status: 'in-progress' });
        clock.set(NOTICE_END);
        t.equal(await app.domain.sweepOnce(), 0);
        t.match(await stored(service, id), { status: 'in-progress' });
        await events.waitFor('RectificationObjectionRaised', id);
        t.same(events.of('RectificationItemClosed', id), []);
      },
    );

    suite.test(
      'a deadline passing before acceptance publishes RectificationItemBecameOverdue once, also across a restart',
      async (t) => {
        clock.set(START);
        const id = await register({ deadline: '2026-05-20' });
        clock.set(new Date(endOfZoneDay('2026-05-20').getTime() - 1000));
        t.equal(await app.domain.sweepOnce(), 0);
        clock.set(endOfZoneDay('2026-05-20'));
        t.equal(await app.domain.sweepOnce(), 1);
        t.match(await stored(service, id), {
          overdue: true,
          timerArmed: false,
          deadlinePassed: true,
          _version: 2,
        });
        t.match(await events.waitFor('RectificationItemBecameOverdue', id), {
          data: {
            dueDate: '2026-05-20',
            dueAt: endOfZoneDay('2026-05-20').toISOString(),
            overdue: true,
            status: 'pending',
            source: 'central-inspection',
          },
        });
        const listed = json<{ items: { id: string }[] }>(
          await app.inject({ method: 'GET', url: '/items?overdue=true', headers: await riskOffice() }),
        );
        t.ok(listed.items.some((i) => i.id === id));

        await app.close();
        app = await appOn(suite, env, db, clock);
        t.equal(await app.domain.sweepOnce(), 0, 'the restarted instance finds nothing to fire');
        await app.inject({
          method: 'POST',
          url: `/items/${id}/progress`,
          headers: await staff(),
          payload: { percent: 100, note: 'x' },
        });
        await events.waitFor('RectificationProgressReported', id);
        t.equal(events.of('RectificationItemBecameOverdue', id).length, 1);
        const accepted = await (async () => {
          await act(app, id, 'request-acceptance', {}, await staff());
          await act(app, id, 'accept', { level: 'city' }, await supervisor());
          return act(app, id, 'accept', { level: 'province' }, await supervisor());
        })();
        t.match(json(accepted), { status: 'accepted', overdue: false }, 'acceptance ends the lateness');
      },
    );

    suite.test('a deadline that passed while no instance ran is caught by the pass at start', async (t) => {
      clock.set(START);
      const id = await register({ deadline: '2026-05-05' });
      await app.close();
      clock.set('2026-05-06T02:00:00Z');
      app = await appOn(suite, env, db, clock); // no sweepOnce: the start-up pass finds it
      t.match(await events.waitFor('RectificationItemBecameOverdue', id), {
        data: { dueDate: '2026-05-05' },
      });
    });

    suite.test('two replicas sweeping at once fire it once', async (t) => {
      clock.set(START);
      const id = await register({ deadline: '2026-05-07' });
      const replica = await appOn(suite, env, db, clock);
      clock.set(endOfZoneDay('2026-05-07'));
      const fired = await Promise.all([app.domain.sweepOnce(), replica.domain.sweepOnce()]);
      t.equal(fired[0] + fired[1], 1);
      await eventually(() => {
        if (events.of('RectificationItemBecameOverdue', id).length === 0) throw new Error('waiting');
      });
      await app.inject({
        method: 'POST',
        url: `/items/${id}/progress`,
        headers: await staff(),
        payload: { percent: 5, note: 'x' },
      });
      await events.waitFor('RectificationProgressReported', id);
      t.equal(events.of('RectificationItemBecameOverdue', id).length, 1);
    });

    suite.test(
      'statistics: by source, category and status, completion against plan, overdue, recurrences',
      async (t) => {
        // Five items so far: closed and in-progress (self-found, due 12-31), accepted (due 05-20), and
        // two overdue ones (due 05-05 and 05-07).
        clock.set('2026-05-08T02:00:00Z');
        const stats = json<Record<string, unknown>>(
          await app.inject({
            method: 'GET',
            url: `/statistics?batch=${encodeURIComponent(itemBody().batch)}`,
            headers: await riskOffice(),
          }),
        );
        t.match(stats, {
          today: '2026-05-08',
          bySource: { 'self-found': { total: 2, completed: 1 } },
          byStatus: { closed: 1, 'in-progress': 2, accepted: 1 },
          completed: 2,
          overdue: 2,
          recurrences: { items: 0, total: 0 },
        });
        t.match(stats, { plan: { dueByToday: 2, completedOfDue: 0, rate: 0 } });
      },
    );
  },
);
