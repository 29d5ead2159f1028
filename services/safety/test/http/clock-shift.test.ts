import { addDays, zoneDay } from '@zone-risk/calendar';
import t from 'tap';
import { hazardBody, plan } from '../helpers/fixtures.ts';
import { act, appOn, inspector, json, startService, stored } from '../helpers/service.ts';

t.test(
  'with CLOCK_SHIFT_DAYS=2 and no clock given, a deadline of tomorrow has passed: one sweep marks the hazard overdue',
  async (t) => {
    // Planned on a clock at the real now, where tomorrow is still ahead.
    const service = await startService(t);
    const { app, db, env, events, clock } = service;
    const tomorrow = addDays(zoneDay(clock.now()), 1);
    const reported = await app.inject({
      method: 'POST',
      url: '/hazards',
      headers: await inspector(),
      payload: hazardBody(),
    });
    const id = json<{ id: string }>(reported).id;
    t.equal((await act(app, id, 'plan', plan(tomorrow), await inspector())).statusCode, 200);
    t.equal(await app.domain.sweepOnce(), 0, 'not overdue by the real clock');
    await app.close();

    const shifted = await appOn(t, { ...env, CLOCK_SHIFT_DAYS: '2' }, db);
    // The pass at start may fire it first; after this sweep it has fired either way.
    await shifted.domain.sweepOnce();
    t.match(await stored(service, id), { overdue: true, rectificationOverdue: true, deadlineArmed: false });
    t.match(await events.waitFor('HazardBecameOverdue', id), {
      data: { which: 'rectification', dueDate: tomorrow, overdue: true },
    });
  },
);
