import { addDays, endOfZoneDay, ManualClock, zoneDay } from '@zone-risk/calendar';
import { eventually } from '@zone-risk/testkit';
import t from 'tap';
import { hazardBody, majorBasis, plan } from '../helpers/fixtures.ts';
import {
  act,
  appOn,
  inspector,
  json,
  riskOffice,
  startService,
  stored,
  supervisor,
} from '../helpers/service.ts';

const START = '2026-03-02T02:00:00Z'; // 10:00 on 2026-03-02 in the zone

t.test('overdue is detected from time alone', async (suite) => {
  const t = suite;
  const clock = new ManualClock(START);
  const service = await startService(t, { clock });
  const { events, db, env } = service;
  let app = service.app;
  const today = zoneDay(clock.now());
  const deadline = addDays(today, 2);

  async function rectifying(due: string): Promise<string> {
    const reported = await app.inject({
      method: 'POST',
      url: '/hazards',
      headers: await inspector(),
      payload: hazardBody({ grade: 'major', basis: majorBasis }),
    });
    const id = json<{ id: string }>(reported).id;
    await act(app, id, 'plan', plan(due), await inspector());
    return id;
  }

  const id = await rectifying(deadline);

  t.test('before the deadline ends nothing happens', async (t) => {
    clock.set(new Date(endOfZoneDay(deadline).getTime() - 1000));
    t.equal(await app.domain.sweepOnce(), 0);
    t.match(await stored(service, id), { overdue: false, deadlineArmed: true });
  });

  t.test(
    'once the deadline passes, the hazard is marked overdue and HazardBecameOverdue published once',
    async (t) => {
      clock.set(endOfZoneDay(deadline));
      t.equal(await app.domain.sweepOnce(), 1);
      t.equal(await app.domain.sweepOnce(), 0, 'a second pass finds nothing armed');
      t.match(await stored(service, id), {
        overdue: true,
        deadlineArmed: false,
        rectificationOverdue: true,
        _version: 3,
      });
      const event = await events.waitFor('HazardBecameOverdue', id);
      t.match(event, {
        aggregateversion: 3,
        data: { which: 'rectification', dueDate: deadline, overdue: true, status: 'rectifying', version: 3 },
      });
      const listed = json<{ items: { id: string }[] }>(
        await app.inject({ method: 'GET', url: '/hazards?overdue=true', headers: await riskOffice() }),
      );
      t.same(
        listed.items.map((h) => h.id),
        [id],
      );
      const history = json<{ entries: { event: string; by: { id: string } }[] }>(
        await app.inject({ method: 'GET', url: `/hazards/${id}/history`, headers: await riskOffice() }),
      );
      t.match(history.entries.at(-1), { event: 'HazardBecameOverdue', by: { id: 'system:overdue-sweeper' } });
    },
  );

  t.test('a restarted instance does not publish it again', async (t) => {
    await app.close();
    app = await appOn(suite, env, db, clock);
    t.equal(await app.domain.sweepOnce(), 0);
    // Events of one hazard share a partition: once a later one is read, an earlier one would be too.
    await act(
      app,
      id,
      'extension-request',
      { requestedDeadline: addDays(today, 20), reason: '设备到货延迟' },
      await inspector(),
    );
    await events.waitFor('HazardExtensionRequested', id);
    t.equal(events.of('HazardBecameOverdue', id).length, 1);
  });

  t.test('an approved extension clears the flag and re-arms it for the new deadline', async (t) => {
    const approved = await act(app, id, 'extension-request/approve', {}, await supervisor());
    t.match(json(approved), { overdue: false, deadline: addDays(today, 20) });
    t.match(await events.waitFor('HazardDeadlineExtended', id), {
      data: { overdue: false, deadline: addDays(today, 20) },
    });
    t.match(await stored(service, id), { overdue: false, deadlineArmed: true });
    clock.set(endOfZoneDay(addDays(today, 20)));
    t.equal(await app.domain.sweepOnce(), 1);
    const both = await eventually(() => {
      const found = events.of('HazardBecameOverdue', id);
      if (found.length < 2) throw new Error('waiting for the second HazardBecameOverdue');
      return found;
    });
    t.same(
      both.map((e) => e.data.dueDate),
      [deadline, addDays(today, 20)],
    );
  });

  t.test('the supervision deadline fires on its own', async (t) => {
    const now = zoneDay(clock.now());
    const other = await rectifying(addDays(now, 30));
    await act(
      app,
      other,
      'supervision',
      { deadline: addDays(now, 5), authority: '开发区安委办' },
      await supervisor(),
    );
    clock.set(endOfZoneDay(addDays(now, 5)));
    t.equal(await app.domain.sweepOnce(), 1);
    t.match(await events.waitFor('HazardBecameOverdue', other), {
      data: { which: 'supervision', supervised: true, supervisionDeadline: addDays(now, 5), overdue: true },
    });
  });

  t.test('a deadline that passed while no instance ran is caught by the pass at start', async (t) => {
    const now = zoneDay(clock.now());
    const late = await rectifying(addDays(now, 3));
    await app.close();
    clock.set(endOfZoneDay(addDays(now, 4)));
    app = await appOn(suite, env, db, clock); // no sweepOnce: the start-up pass finds it
    t.match(await events.waitFor('HazardBecameOverdue', late), { data: { dueDate: addDays(now, 3) } });
  });

  t.test('two replicas sweeping at once publish it once', async (t) => {
    const now = zoneDay(clock.now());
    const shared = await rectifying(addDays(now, 1));
    const replica = await appOn(suite, env, db, clock);
    clock.set(endOfZoneDay(addDays(now, 1)));
    const fired = await Promise.all([app.domain.sweepOnce(), replica.domain.sweepOnce()]);
    t.equal(fired[0] + fired[1], 1);
    await act(
      app,
      shared,
      'extension-request',
      { requestedDeadline: addDays(now, 30), reason: 'r' },
      await inspector(),
    );
    await events.waitFor('HazardExtensionRequested', shared);
    t.equal(events.of('HazardBecameOverdue', shared).length, 1);
  });
});
