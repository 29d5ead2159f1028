import { ManualClock } from '@zone-risk/calendar';
import { eventually } from '@zone-risk/testkit';
import t from 'tap';
import { bondBody, debtorCode, post, register } from '../helpers/fixtures.ts';
import { json, riskOffice, startService, supervisor } from '../helpers/service.ts';

interface Indicators {
  level: string;
  reasons: { rule: string; level: string }[];
  unfundedAlerts: number;
  maturities: { withinDays: number; payments: number; due: number; funded: number; unfunded: number }[];
  debtRatioBp: number | null;
}
interface Maturity {
  instrumentId: string;
  seq: number;
  dueDate: string;
  owed: number;
  funded: number;
  unfunded: number;
  alert: boolean;
}

t.test(
  'maturities ahead against their funds: an unfunded one is an alert until funds are assigned',
  async (t) => {
    // 20 June 2026; the loan's second instalment is due 10 July (20 days ahead).
    const clock = new ManualClock('2026-06-20T02:00:00Z');
    const { app, events } = await startService(t, { clock });
    const read = async () =>
      json<Indicators>(await app.inject({ method: 'GET', url: '/indicators', headers: await riskOffice() }));
    await register(app, {
      ...bondBody('DK-7'),
      debtor: { creditCode: debtorCode(3), name: '经开产业投资有限公司' },
      type: 'bank-loan',
      principal: 1_200_000_000,
      rate: { kind: 'fixed', percent: '4.00' },
      start: '2026-01-10',
      maturity: '2027-01-10',
      structure: { kind: 'equal-principal', frequency: 4, dayCount: 'act-360' },
      opening: { date: '2026-04-10', amount: 900_000_000 },
    });
    const before = await read();
    t.equal(before.debtRatioBp, null, 'no fiscal capacity entered: no ratio');
    t.match(before, {
      level: 'general',
      unfundedAlerts: 1,
      reasons: [{ rule: 'unfunded-maturity', level: 'general' }],
    });
    const [in30, in90] = before.maturities;
    t.match(in30, { withinDays: 30, payments: 1, funded: 0 });
    t.equal(in30?.unfunded, in30?.due);
    t.match(in90, { withinDays: 90, payments: 1 }, 'the next one (12 October) is beyond 90 days');

    const due = json<{ items: Maturity[] }>(
      await app.inject({ method: 'GET', url: '/maturities?withinDays=120', headers: await riskOffice() }),
    ).items;
    t.same(
      due.map((m) => [m.instrumentId, m.seq, m.dueDate, m.alert]),
      [
        ['DK-7', 2, '2026-07-10', true],
        ['DK-7', 3, '2026-10-12', false],
      ],
    );
    const owed = due[0]?.owed ?? 0;
    const tooMuch = await post(app, 'DK-7', 'funding', {
      payment: 2,
      funding: [{ source: 'budget', amount: owed + 1 }],
    });
    t.equal(tooMuch.statusCode, 400, 'not more than the payment owes');
    const funded = await post(app, 'DK-7', 'funding', {
      payment: 2,
      funding: [
        { source: 'budget', amount: owed - 100_000_000 },
        { source: 'asset-disposal', amount: 100_000_000 },
      ],
    });
    t.equal(funded.statusCode, 201);
    t.match(await events.waitFor('DebtFundingAssigned', 'DK-7'), {
      data: { payment: 2, nextPayment: { seq: 2, funded: owed } },
    });
    const after = await read();
    t.match(after, {
      level: 'low',
      unfundedAlerts: 0,
      maturities: [{ withinDays: 30, funded: owed, unfunded: 0 }],
    });
    t.same(after.reasons, [], 'nothing lifts the level');
    // Published in order: yellow while unfunded, then blue once funded (what came before, e.g. the
    // empty register's figures at start, may precede them).
    const published = await eventually(() => {
      const levels = events.of('DebtIndicatorsChanged').map((e) => (e.data as { level: string }).level);
      if (levels.at(-1) !== 'low' || !levels.includes('general')) throw new Error(`levels so far: ${levels}`);
      return levels;
    });
    t.ok(published.lastIndexOf('general') < published.length - 1, 'yellow, then blue');

    const cap = await app.inject({
      method: 'PUT',
      url: '/capacities/2025',
      headers: await supervisor(),
      payload: { amount: 600_000_000, source: '2025年财政决算' },
    });
    t.equal(cap.statusCode, 201);
    t.equal((await read()).debtRatioBp, 15_000, '900 万 ÷ 600 万: 150.00 %');
    const revised = await app.inject({
      method: 'PUT',
      url: '/capacities/2025',
      headers: await supervisor(),
      payload: { amount: 300_000_000, source: '2025年财政决算（调整）' },
    });
    t.equal(revised.statusCode, 400, 'a revision says why');
    const withReason = await app.inject({
      method: 'PUT',
      url: '/capacities/2025',
      headers: await supervisor(),
      payload: { amount: 300_000_000, source: '2025年财政决算（调整）', reason: '决算调整' },
    });
    t.equal(withReason.statusCode, 200);
    t.match(await read(), { debtRatioBp: 30_000, level: 'major' }, '300.00 %: red at the band’s edge');
    const history = json<{
      entries: { event: string; by: { id: string }; details: Record<string, unknown> }[];
    }>(await app.inject({ method: 'GET', url: '/capacities/2025/history', headers: await riskOffice() }));
    t.match(history.entries, [
      { event: 'FiscalCapacityEntered', by: { id: 'debt-qian' } },
      {
        event: 'FiscalCapacityRevised',
        by: { id: 'debt-qian' },
        details: { previousAmount: 600_000_000, reason: '决算调整' },
      },
    ]);
  },
);
