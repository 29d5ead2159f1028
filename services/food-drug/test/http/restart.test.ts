import { ManualClock } from '@zone-risk/calendar';
import { createDomainContext } from '@zone-risk/domain-service';
import { loadConfig } from '@zone-risk/platform';
import { eventually } from '@zone-risk/testkit';
import { pino } from 'pino';
import t from 'tap';
import { foodDrugService } from '../../src/app.ts';
import { foodDrugConfigSchema } from '../../src/config.ts';
import { recordSample } from '../../src/domain/sample.ts';
import { type BusinessView, register, sampleBody } from '../helpers/fixtures.ts';
import { appOn, json, riskOffice, startService } from '../helpers/service.ts';

t.test(
  'a sample written by a process that stopped before its effects gets its case and its record entry at the next start',
  async (t) => {
    const clock = new ManualClock('2026-03-10T02:00:00Z');
    const service = await startService(t, { clock });
    const business = await register(service.app, 900);

    // What a stopped process leaves: the sample and its event written, its case and record entry not.
    const config = loadConfig(foodDrugConfigSchema, service.env);
    const ctx = createDomainContext(foodDrugService, {
      store: service.db.connection,
      config,
      clock,
      logger: pino({ level: 'silent' }),
      published: () => undefined,
    });
    await ctx.rules.refresh();
    const stored = await ctx.businesses.find(business.creditCode);
    if (!stored) throw new Error('the business is not stored');
    const { creditCode: _code, ...content } = sampleBody(business.creditCode, false);
    const decision = recordSample(
      { ...content, id: 'smp-stopped', zoneId: ctx.zoneId },
      stored,
      { id: 'fd-liu' },
      clock.now(),
    );
    await ctx.samples.create({ actor: { id: 'fd-liu' }, correlationId: 'stopped' }, decision, clock.now());
    t.equal(await ctx.disposalCases.find('case-smp-stopped'), null, 'no case yet');

    const restarted = await appOn(t, service.env, service.db, clock);
    const opened = await service.events.waitFor('DisposalCaseOpened', 'case-smp-stopped');
    t.match(opened, { data: { cause: { kind: 'sample', ref: 'smp-stopped' } } });
    const after = await eventually(async () => {
      const read = json<BusinessView>(
        await restarted.inject({
          method: 'GET',
          url: `/businesses/${business.creditCode}`,
          headers: await riskOffice(),
        }),
      );
      if (read.record.length === 0) throw new Error('the record entry is not there yet');
      return read;
    });
    t.same(
      after.record.map((e) => e.ref),
      ['smp-stopped'],
      'the unqualified sample counts against the business',
    );
    t.equal(
      (await service.events.waitFor('SampleRecorded', 'smp-stopped')).aggregateversion,
      1,
      'the sample itself was relayed',
    );
  },
);
