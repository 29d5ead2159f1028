import { ManualClock } from '@zone-risk/calendar';
import { debtInstrumentEvents } from '@zone-risk/contracts';
import { eventually } from '@zone-risk/testkit';
import t from 'tap';
import { bondBody, debtorCode, type InstrumentView, post, register } from '../helpers/fixtures.ts';
import {
  inspector,
  json,
  officer,
  riskOffice,
  startService,
  stored,
  supervisor,
} from '../helpers/service.ts';

interface IndicatorsView {
  level: string;
  reasons: { rule: string; level: string }[];
  balance: number;
  overdueAmount: number;
  overduePayments: number;
  debtRatioBp: number | null;
  task: { done: number; expected: number; aheadFen: number; behindBp: number; forecast: number } | null;
}

t.test(
  'the debt register: postings, reversals, replacements, overdue by time, task and indicators',
  async (t) => {
    // 1 June 2026, 10:00 in the zone.
    const clock = new ManualClock('2026-06-01T02:00:00Z');
    const service = await startService(t, { clock });
    const { app, events } = service;
    const read = async (id: string) =>
      json<InstrumentView>(
        await app.inject({ method: 'GET', url: `/instruments/${id}`, headers: await riskOffice() }),
      );
    const indicators = async () =>
      json<IndicatorsView>(
        await app.inject({ method: 'GET', url: '/indicators', headers: await riskOffice() }),
      );

    await t.test(
      'a bond is registered with its generated schedule; the same terms again change nothing',
      async (t) => {
        // Payments due by the opening day (16 March 2026) were met before the register.
        const bond = await register(app, bondBody('ZQ-1', { opening: { date: '2026-03-16' } }));
        // 1 亿 at 3.00 % a year: 300 万 a coupon; 15 March 2025 is a Saturday, 15 March 2026 a Sunday.
        t.same(
          bond.schedule.map((l) => [l.dueDate, l.principal, l.interest]),
          [
            ['2025-03-17', 0, 300_000_000],
            ['2026-03-16', 0, 300_000_000],
            ['2027-03-15', 10_000_000_000, 300_000_000],
          ],
        );
        t.same(
          [bond.balance, bond.overdue, bond.schedule[2]?.owedPrincipal],
          [10_000_000_000, false, 10_000_000_000],
        );
        t.match(await events.waitFor('DebtInstrumentRegistered', 'ZQ-1'), {
          data: {
            balance: 10_000_000_000,
            type: 'special-bond',
            opening: { kind: 'opening', principal: 10_000_000_000 },
          },
        });
        const again = await app.inject({
          method: 'POST',
          url: '/instruments',
          headers: await officer(),
          payload: bondBody('ZQ-1', { opening: { date: '2026-03-16' } }),
        });
        t.equal(again.statusCode, 200, 'the same terms: unchanged');
        const other = await app.inject({
          method: 'POST',
          url: '/instruments',
          headers: await officer(),
          payload: bondBody('ZQ-1', { principal: 20_000_000_000 }),
        });
        t.equal(other.statusCode, 409, 'other terms for a registered number: terms are not edited');
      },
    );

    await t.test(
      'debt figures are for debt officers, their head, the risk office (read) and admin only',
      async (t) => {
        for (const url of [
          '/instruments',
          '/instruments/ZQ-1',
          '/instruments/ZQ-1/history',
          '/indicators',
          '/maturities',
        ]) {
          const response = await app.inject({ method: 'GET', url, headers: await inspector() });
          t.equal(response.statusCode, 403, `an inspector may not read ${url}`);
          t.equal(
            (await app.inject({ method: 'GET', url, headers: await riskOffice() })).statusCode,
            200,
            `risk office reads ${url}`,
          );
        }
        const write = await app.inject({
          method: 'POST',
          url: '/instruments/ZQ-1/repayments',
          headers: await riskOffice(),
          payload: { date: '2026-05-01', interest: 1 },
        });
        t.equal(write.statusCode, 403, 'the risk office does not post');
        const task = await app.inject({
          method: 'PUT',
          url: '/tasks/2026',
          headers: await officer(),
          payload: { target: 1 },
        });
        t.equal(task.statusCode, 403, 'an officer does not set the task: the head does');
      },
    );

    await t.test(
      'a posting is made once per Idempotency-Key; a reversal cancels it and keeps it',
      async (t) => {
        const early = await post(
          app,
          'ZQ-1',
          'repayments',
          { date: '2026-05-20', principal: 2_000_000_000, note: '提前偿还' },
          'early-1',
        );
        t.equal(early.statusCode, 201);
        const retried = await post(
          app,
          'ZQ-1',
          'repayments',
          { date: '2026-05-20', principal: 2_000_000_000, note: '提前偿还' },
          'early-1',
        );
        t.same(
          [retried.statusCode, retried.body],
          [201, early.body],
          'a retry is answered as the first time',
        );
        let bond = await read('ZQ-1');
        t.equal(bond.postings.filter((p) => p.kind === 'repayment').length, 1);
        t.equal(bond.balance, 8_000_000_000);
        const posted = bond.postings.find((p) => p.kind === 'repayment');
        t.ok(posted);
        t.match(await events.waitFor('DebtRepaymentPosted', 'ZQ-1'), {
          data: { balance: 8_000_000_000, posting: { id: posted?.id } },
        });

        const reversal = await post(
          app,
          'ZQ-1',
          'reversals',
          { posting: posted?.id, reason: '误记：该笔为另一债券的还款' },
          'rev-1',
        );
        t.equal(reversal.statusCode, 201);
        bond = json<InstrumentView>(reversal);
        t.equal(bond.balance, 10_000_000_000, 'the balance is back');
        t.equal(
          bond.postings.find((p) => p.id === posted?.id)?.reversedBy,
          bond.postings.at(-1)?.id,
          'the original stays, marked',
        );
        t.match(await events.waitFor('DebtPostingReversed', 'ZQ-1'), {
          data: {
            balance: 10_000_000_000,
            posting: { kind: 'reversal', reverses: posted?.id, balanceEffect: 2_000_000_000 },
          },
        });
        const twice = await post(
          app,
          'ZQ-1',
          'reversals',
          { posting: posted?.id, reason: '再次冲正' },
          'rev-2',
        );
        t.equal(twice.statusCode, 409, 'a posting is reversed once');
        const opening = await post(
          app,
          'ZQ-1',
          'reversals',
          { posting: 'ZQ-1-opening', reason: '开户有误' },
          'rev-3',
        );
        t.equal(opening.statusCode, 409, 'the opening is not reversed');
        const tooMuch = await post(app, 'ZQ-1', 'repayments', {
          date: '2026-05-21',
          principal: 10_000_000_001,
        });
        t.equal(tooMuch.statusCode, 400, 'no more than the balance');
        const future = await post(app, 'ZQ-1', 'repayments', { date: '2026-06-02', interest: 5 });
        t.equal(future.statusCode, 400, 'no posting in the future');

        // The balance is the sum of the postings: stored, in the view, and in the last event.
        const doc = await stored(service, 'ZQ-1');
        const sum = bond.postings.reduce((s, p) => s + p.balanceEffect, 0);
        t.same([sum, doc?.balance], [bond.balance, bond.balance]);
      },
    );

    await t.test(
      'a replacement (置换) lowers the hidden debt, raises the bond, and links the two both ways',
      async (t) => {
        await register(app, {
          ...bondBody('YX-1'),
          type: 'hidden',
          name: '隐性债务 代建项目回购款',
          creditor: '某建设集团',
          principal: 5_000_000_000,
          start: '2023-01-01',
          maturity: '2028-01-01',
          structure: { kind: 'bullet', frequency: 1, dayCount: 'act-365' },
          opening: { date: '2026-01-05' },
        });
        await register(app, {
          ...bondBody('ZZ-1'),
          type: 'refinancing-bond',
          name: '2026年再融资债券（置换）',
          principal: 5_000_000_000,
          start: '2026-04-01',
          maturity: '2031-04-01',
        });
        t.equal((await read('ZZ-1')).balance, 0, 'a refinancing bond’s balance appears by replacements');
        const notReplaceable = await post(app, 'ZQ-1', 'replacements', {
          bond: 'ZZ-1',
          date: '2026-05-01',
          principal: 1,
        });
        t.equal(notReplaceable.statusCode, 400, 'a special bond is not replaced');
        const replaced = await post(
          app,
          'YX-1',
          'replacements',
          { bond: 'ZZ-1', date: '2026-05-10', principal: 3_000_000_000, note: '置换批复' },
          'rpl-1',
        );
        t.equal(replaced.statusCode, 201);
        const hidden = await read('YX-1');
        const bond = await read('ZZ-1');
        t.same([hidden.balance, bond.balance], [2_000_000_000, 3_000_000_000]);
        t.same(hidden.replacedBy, [{ instrumentId: 'ZZ-1', amount: 3_000_000_000 }]);
        t.same(bond.replaces, [{ instrumentId: 'YX-1', amount: 3_000_000_000 }]);
        const retired = hidden.postings.find((p) => p.kind === 'replacement-retired');
        const issued = bond.postings.find((p) => p.kind === 'replacement-issued');
        t.same(retired?.counterpart, { instrumentId: 'ZZ-1', postingId: issued?.id });
        t.same(issued?.counterpart, { instrumentId: 'YX-1', postingId: retired?.id });
        await events.waitFor('DebtReplacementPosted', 'YX-1');
        t.match(await events.waitFor('DebtReplacementPosted', 'ZZ-1'), {
          data: { balance: 3_000_000_000, replaces: [{ instrumentId: 'YX-1' }] },
        });
        const beyond = await post(app, 'YX-1', 'replacements', {
          bond: 'ZZ-1',
          date: '2026-05-11',
          principal: 2_000_000_001,
        });
        t.equal(beyond.statusCode, 400, 'not more than the balance, nor than the bond has left to place');

        // Reversed on the bond's side, both sides are reversed.
        const reversed = await post(
          app,
          'ZZ-1',
          'reversals',
          { posting: issued?.id, reason: '批复撤回' },
          'rpl-rev-1',
        );
        t.equal(reversed.statusCode, 201);
        t.same([(await read('YX-1')).balance, (await read('ZZ-1')).balance], [5_000_000_000, 0]);
        t.same((await read('YX-1')).replacedBy, []);
        await events.waitFor('DebtPostingReversed', 'YX-1');

        const sameBond = await app.inject({
          method: 'POST',
          url: '/instruments',
          headers: await officer(),
          payload: {
            ...bondBody('ZZ-1'),
            type: 'refinancing-bond',
            name: '2026年再融资债券（置换）',
            principal: 5_000_000_000,
            start: '2026-04-01',
            maturity: '2031-04-01',
          },
        });
        t.equal(
          sameBond.statusCode,
          200,
          'the bond registered again with its terms, after tranches: unchanged',
        );
        const again = await post(
          app,
          'YX-1',
          'replacements',
          { bond: 'ZZ-1', date: '2026-05-12', principal: 1_000_000_000 },
          'rpl-2',
        );
        t.equal(again.statusCode, 201);
      },
    );

    await t.test(
      'a scheduled payment not met by its due date becomes overdue by time alone, once; paying clears it',
      async (t) => {
        // 1,200 万 in four quarterly instalments of 300 万; the first (10 April) met before the register.
        await register(app, {
          ...bondBody('DK-1'),
          debtor: { creditCode: debtorCode(2), name: '经开产业投资有限公司' },
          type: 'bank-loan',
          name: '项目贷款',
          creditor: '某银行南京分行',
          principal: 1_200_000_000,
          rate: { kind: 'floating', reference: 'lpr-1y', fixing: '3.10', spreadBp: 50 },
          start: '2026-01-10',
          maturity: '2027-01-10',
          structure: { kind: 'equal-principal', frequency: 4, dayCount: 'act-360' },
          opening: { date: '2026-04-10', amount: 900_000_000 },
        });
        let loan = await read('DK-1');
        t.same(
          loan.schedule.map((l) => [l.dueDate, l.owedPrincipal]),
          [
            ['2026-04-10', 0],
            ['2026-07-10', 300_000_000],
            ['2026-10-12', 300_000_000],
            ['2027-01-11', 300_000_000],
          ],
        );
        clock.set('2026-07-10T15:00:00Z'); // 23:00 on the due day: not yet
        await app.domain.sweepOnce();
        t.equal((await read('DK-1')).overdue, false, 'not during the due day');
        clock.set('2026-07-10T16:00:01Z');
        await app.domain.sweepOnce();
        const overdue = await events.waitFor('DebtPaymentBecameOverdue', 'DK-1');
        loan = await read('DK-1');
        const line = loan.schedule[1];
        t.match(overdue, {
          data: { payment: 2, dueDate: '2026-07-10', overduePrincipal: 300_000_000, overdue: true },
        });
        t.equal(loan.overdueAmount, (line?.owedPrincipal ?? 0) + (line?.owedInterest ?? 0));
        await app.domain.sweepOnce();
        await register(
          app,
          bondBody('MARK-1', {
            debtor: { creditCode: debtorCode(9), name: '标记公司' },
            opening: { date: '2026-03-16' },
          }),
        );
        await events.waitFor('DebtInstrumentRegistered', 'MARK-1');
        t.equal(events.of('DebtPaymentBecameOverdue', 'DK-1').length, 1, 'published once');
        const level = await indicators();
        t.match(level, { overduePayments: 1, reasons: [{ rule: 'overdue', level: 'significant' }] });
        t.ok(
          ['significant', 'major'].includes(level.level),
          'any overdue payment lifts the level to at least orange',
        );

        const paid = await post(
          app,
          'DK-1',
          'repayments',
          { date: '2026-07-11', principal: line?.owedPrincipal, interest: line?.owedInterest, payment: 2 },
          'pay-2',
        );
        t.equal(paid.statusCode, 201);
        t.match(await events.waitFor('DebtOverdueCleared', 'DK-1'), {
          data: { payment: 2, overdue: false, overdueAmount: 0 },
        });
        t.equal((await indicators()).overduePayments, 0);
      },
    );

    await t.test(
      'the task against time elapsed (序时进度), its forecast and burn-down; the indicators follow',
      async (t) => {
        const cap = await app.inject({
          method: 'PUT',
          url: '/capacities/2025',
          headers: await supervisor(),
          payload: { amount: 10_000_000_000, source: '2025年财政决算' },
        });
        t.equal(cap.statusCode, 201);
        const set = await app.inject({
          method: 'PUT',
          url: '/tasks/2026',
          headers: await supervisor(),
          payload: { target: 4_000_000_000, note: '化债方案' },
        });
        t.equal(set.statusCode, 201);
        // On 11 July (day 192 of 365): expected 4,000 万 × 192 ÷ 365; done: the 1,000 万 replacement.
        const task = json<{
          progress: { done: number; expected: number; aheadFen: number; forecast: number };
        }>(set);
        const expected = Math.round((4_000_000_000 * 192) / 365);
        t.same(
          [task.progress.done, task.progress.expected, task.progress.aheadFen, task.progress.forecast],
          [1_000_000_000, expected, 1_000_000_000 - expected, 1_000_000_000],
          'a replacement counts when done and is not extrapolated; the hidden debt has nothing scheduled this year',
        );
        const burn = json<{
          points: { date: string; expected: number; actual: number | null; forecast: number | null }[];
        }>(await app.inject({ method: 'GET', url: '/tasks/2026/burn-down', headers: await riskOffice() }));
        t.equal(burn.points.length, 365);
        t.same(burn.points.at(-1), {
          date: '2026-12-31',
          expected: 4_000_000_000,
          actual: null,
          forecast: 1_000_000_000,
        });
        t.match(
          burn.points.find((p) => p.date === '2026-07-11'),
          { actual: 1_000_000_000, forecast: 1_000_000_000 },
        );
        t.same(burn.points.find((p) => p.date === '2026-05-12')?.actual, 1_000_000_000);
        t.same(
          burn.points.find((p) => p.date === '2026-05-11')?.actual,
          0,
          'the reversed replacement does not count',
        );

        const now = await indicators();
        // Balances: ZQ-1 100 亿 fen… 1e10 + YX-1 4e9 + ZZ-1 1e9 + DK-1 6e8 + MARK-1 1e10 = 2.56e10 over 1e10.
        t.same([now.balance, now.debtRatioBp], [25_600_000_000, 25_600]);
        t.match(now.reasons, [
          { rule: 'ratio-band', level: 'significant' },
          { rule: 'behind-schedule', level: 'general' },
        ]);
        t.equal(now.level, 'significant');
        t.ok((now.task?.behindBp ?? 0) > 1000, 'behind by more than 10 points');

        const retried = await app.inject({
          method: 'PUT',
          url: '/tasks/2026',
          headers: await supervisor(),
          payload: { target: 4_000_000_000, note: '化债方案' },
        });
        t.equal(retried.statusCode, 200, 'the same task again: unchanged, no reason asked');
        const noReason = await app.inject({
          method: 'PUT',
          url: '/tasks/2026',
          headers: await supervisor(),
          payload: { target: 3_000_000_000 },
        });
        t.equal(noReason.statusCode, 400, 'a revision says why');
        const settings = await app.inject({
          method: 'PUT',
          url: '/indicators/settings',
          headers: await supervisor(),
          payload: {
            reason: '试行更严的区间',
            settings: {
              bands: { general: 10_000, significant: 15_000, major: 25_600 },
              ratioScope: [
                'general-bond',
                'special-bond',
                'refinancing-bond',
                'hidden',
                'trust',
                'leasing',
                'non-standard-other',
                'bank-loan',
              ],
              overdueLevel: 'significant',
              behindPoints: 1_000,
              behindLevel: 'general',
              unfundedWithinDays: 30,
              unfundedLevel: 'general',
            },
          },
        });
        t.equal(settings.statusCode, 200);
        t.equal(json<IndicatorsView>(settings).level, 'major', 'at the band’s edge: 256.00 % ≥ 256.00 %');
        t.match(await events.waitFor('DebtSettingsChanged'), {
          data: { reason: '试行更严的区间', level: 'major' },
        });
        t.ok(events.of('DebtIndicatorsChanged').some((e) => (e.data as { level: string }).level === 'major'));
      },
    );
    await t.test(
      'replaying every posting published gives the stored balances, and the indicators their sum',
      async (t) => {
        const marker = 'MARK-2';
        await register(
          app,
          bondBody(marker, {
            debtor: { creditCode: debtorCode(8), name: '标记公司二' },
            opening: { date: '2026-03-16' },
          }),
        );
        await events.waitFor('DebtInstrumentRegistered', marker);
        const instrumentTypes = new Set<string>(debtInstrumentEvents.map((d) => d.type));
        const replayed = new Map<string, number>();
        for (const event of events.all()) {
          if (!instrumentTypes.has(event.type)) continue;
          const data = event.data as {
            opening?: { balanceEffect: number } | null;
            posting?: { balanceEffect: number };
          };
          const effect = data.opening?.balanceEffect ?? data.posting?.balanceEffect ?? 0;
          replayed.set(event.aggregateid, (replayed.get(event.aggregateid) ?? 0) + effect);
        }
        const ids = [...replayed.keys()].sort();
        t.same(ids, ['DK-1', 'MARK-1', 'MARK-2', 'YX-1', 'ZQ-1', 'ZZ-1']);
        let total = 0;
        for (const id of ids) {
          const doc = await stored(service, id);
          t.equal(doc?.balance, replayed.get(id), `${id}: the stored balance is the sum of its postings`);
          total += Number(doc?.balance);
          const summary = await service.db.connection
            .collection('instrument_figures')
            .findOne({ _id: id as never });
          t.same(
            [summary?.version, summary?.balance],
            [doc?._version, doc?.balance],
            `${id}: its summary is of its latest version`,
          );
        }
        // The registration answered after its recompute was written: its event is on the way.
        const latest = await eventually(() => {
          const seen = events.of('DebtIndicatorsChanged').at(-1)?.data as { balance: number } | undefined;
          if (seen?.balance !== total)
            throw new Error(`last indicators balance ${seen?.balance}, register ${total}`);
          return seen;
        });
        t.equal(latest.balance, total, 'the last indicators published carry the register’s total');
      },
    );
  },
);
