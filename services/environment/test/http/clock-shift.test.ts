import { addDays, zoneDay } from '@zone-risk/calendar';
import t from 'tap';
import { itemBody } from '../helpers/fixtures.ts';
import { appOn, json, staff, startService, stored } from '../helpers/service.ts';

t.test(
  'with CLOCK_SHIFT_DAYS=2 and no clock given, a deadline of tomorrow has passed: one sweep marks the item overdue',
  async (t) => {
    // Registered on a clock at the real now, where tomorrow is still ahead.
    const service = await startService(t);
    const { app, db, env, events, clock } = service;
    const tomorrow = addDays(zoneDay(clock.now()), 1);
    const registered = await app.inject({
      method: 'POST',
      url: '/items',
      headers: await staff(),
      payload: itemBody({ deadline: tomorrow }),
    });
    t.equal(registered.statusCode, 201);
    const id = json<{ id: string }>(registered).id;
    t.equal(await app.domain.sweepOnce(), 0, 'not overdue by the real clock');
    await app.close();

    const shifted = await appOn(t, { ...env, CLOCK_SHIFT_DAYS: '2' }, db);
    // The pass at start may fire it first; after this sweep it has fired either way.
    await shifted.domain.sweepOnce();
    t.match(await stored(service, id), { overdue: true, deadlinePassed: true, timerArmed: false });
    t.match(await events.waitFor('RectificationItemBecameOverdue', id), {
      data: { dueDate: tomorrow, overdue: true, status: 'pending' },
    });
  },
);
