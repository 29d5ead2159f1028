import { ManualClock } from '@zone-risk/calendar';
import { createDomainContext } from '@zone-risk/domain-service';
import { loadConfig } from '@zone-risk/platform';
import { eventually } from '@zone-risk/testkit';
import { pino } from 'pino';
import t from 'tap';
import { debtService } from '../../src/app.ts';
import { debtConfigSchema } from '../../src/config.ts';
import { retireByReplacement } from '../../src/domain/instrument-decisions.ts';
import { bondBody, type InstrumentView, register } from '../helpers/fixtures.ts';
import { appOn, json, riskOffice, startService } from '../helpers/service.ts';

t.test(
  'a replacement written on the retired side by a process that stopped appears on the bond at the next start',
  async (t) => {
    const clock = new ManualClock('2026-06-01T02:00:00Z');
    const service = await startService(t, { clock });
    await register(service.app, {
      ...bondBody('YX-9'),
      type: 'hidden',
      principal: 5_000_000_000,
      start: '2023-01-01',
      maturity: '2028-01-01',
      opening: { date: '2026-01-05' },
    });
    await register(service.app, {
      ...bondBody('ZZ-9'),
      type: 'refinancing-bond',
      start: '2026-04-01',
      maturity: '2031-04-01',
    });

    // What a stopped process leaves: the retired side written and published, the bond's not.
    const ctx = createDomainContext(debtService, {
      store: service.db.connection,
      config: loadConfig(debtConfigSchema, service.env),
      clock,
      logger: pino({ level: 'silent' }),
      published: () => undefined,
    });
    const [hidden, bond] = await Promise.all([ctx.instruments.find('YX-9'), ctx.instruments.find('ZZ-9')]);
    if (!hidden || !bond) throw new Error('not registered');
    const decision = retireByReplacement(
      hidden,
      bond,
      { postingId: 'pst-stopped', date: '2026-05-20', principal: 2_000_000_000, note: '置换' },
      { id: 'debt-zhao' },
      clock.now(),
    );
    await ctx.instruments.write({
      decision,
      expectedVersion: hidden.version,
      by: { id: 'debt-zhao' },
      cause: { zoneId: ctx.zoneId, correlationId: 'stopped', time: clock.now() },
    });
    t.equal((await ctx.instruments.find('ZZ-9'))?.balance, 0, 'the bond has not got its tranche');

    const restarted = await appOn(t, service.env, service.db, clock);
    const appeared = await service.events.waitFor('DebtReplacementPosted', 'ZZ-9');
    t.match(appeared, {
      data: { balance: 2_000_000_000, replaces: [{ instrumentId: 'YX-9', amount: 2_000_000_000 }] },
    });
    const read = await eventually(async () => {
      const view = json<InstrumentView>(
        await restarted.inject({ method: 'GET', url: '/instruments/ZZ-9', headers: await riskOffice() }),
      );
      if (view.balance === 0) throw new Error('not yet');
      return view;
    });
    t.same(read.postings.at(-1)?.counterpart, { instrumentId: 'YX-9', postingId: 'pst-stopped' });
  },
);
