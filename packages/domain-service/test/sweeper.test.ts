import { bearer } from '@zone-risk/testkit';
import t from 'tap';
import { build } from './helpers/gadgets.ts';
import { harnessFor, type Trace } from './helpers/service.ts';

const system = { actor: { id: 'system:test' }, correlationId: 'test' };

t.test(
  'a sweeper fires a due timer once, however many replicas sweep, and leaves what is not due alone',
  async (t) => {
    const trace: Trace = { stopping: [] };
    const harness = harnessFor(trace);
    const service = await harness.startService(t);
    const ctx = trace.ctx;
    if (!ctx) throw new Error('not started');
    const now = service.clock.now();
    const later = new Date(now.getTime() + 2 * 86_400_000);
    await ctx.gadgets.create(
      system,
      build('g-due', 'due', system.actor, new Date(now.getTime() + 3_600_000)),
      now,
    );
    await ctx.gadgets.create(system, build('g-later', 'later', system.actor, later), now);
    await ctx.gadgets.change(system, 'g-due', (g) => ({
      state: { ...g, level: 3, status: 'tuned' },
      steps: [
        {
          fact: { name: 'GadgetTuned', facts: { step: 3, tunedBy: system.actor } },
          after: { ...g, level: 3, status: 'tuned' },
        },
      ],
    }));
    t.equal(await service.app.domain.sweepOnce(), 0, 'nothing is due yet');
    // A second replica on the same store; its sweep at start finds nothing due either.
    const replica = await harness.appOn(t, service.env, service.db, service.clock);

    service.clock.advanceDays(1);
    const fired = await Promise.all([service.app.domain.sweepOnce(), replica.domain.sweepOnce()]);
    t.equal(fired[0] + fired[1], 1, 'fired once between the two replicas');
    t.equal(await service.app.domain.sweepOnce(), 0, 'a later pass finds nothing armed');

    const due = await ctx.gadgets.find('g-due');
    t.match(due, { level: 2, checkAt: null, version: 3 });
    t.match(await service.events.waitForVersion('g-due', 3), {
      type: 'zone.test.GadgetTuned.v1',
      data: { level: 2, step: -1 },
    });
    const history = await service.app.inject({
      method: 'GET',
      url: '/gadgets/g-due/history',
      headers: await bearer(['risk-office'], 'risk-zhou'),
    });
    t.match(history.json().entries.at(-1), { by: { id: 'system:gadget-check' } });
    t.match(await ctx.gadgets.find('g-later'), { level: 0, version: 1 }, 'not due: untouched');
    t.strictSame(
      (await ctx.gadgets.armed()).map((a) => a.id),
      ['g-later'],
      'only the timer not yet fired is still armed',
    );
  },
);
