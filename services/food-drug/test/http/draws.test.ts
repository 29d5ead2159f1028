import { ManualClock } from '@zone-risk/calendar';
import t from 'tap';
import { checkBody, register } from '../helpers/fixtures.ts';
import { act, json, officer, riskOffice, startService, supervisor } from '../helpers/service.ts';

interface DrawView {
  id: string;
  status: string;
  commitment: string;
  candidates: number;
  pool: number;
  seed: { value: string } | null;
  picks: { business: { creditCode: string }; rank: string; inspectors: { id: string }[] }[] | null;
  allowedActions: string[];
}
interface Verification {
  matches: boolean;
  commitmentMatches: boolean;
  resultMatches: boolean;
  differences: string[];
}

const POOL = [
  { id: 'fd-liu', name: '刘洋' },
  { id: 'fd-sun', name: '孙敏' },
  { id: 'fd-zhao', name: '赵磊' },
  { id: 'fd-qian', name: '钱芳' },
];

t.test('random draws (双随机一公开), verifiable by anyone', async (t) => {
  const clock = new ManualClock('2026-03-10T02:00:00Z');
  const service = await startService(t, { clock });
  const { app, events, db } = service;
  const codes: string[] = [];
  for (let i = 1; i <= 12; i++)
    codes.push(
      (
        await register(app, 300 + i, {
          kind: i % 3 === 0 ? 'food-sale' : 'catering',
          area: i % 2 ? '东区' : '西区',
        })
      ).creditCode,
    );
  // The last check of the first business was by 刘洋 and 孙敏: they are not paired with it again.
  await app.inject({
    method: 'POST',
    url: '/checks',
    headers: await officer(),
    payload: checkBody(codes[0] ?? '', { date: '2026-03-09' }),
  });

  const commit = async (seed: Record<string, unknown>, body: Record<string, unknown> = {}) =>
    app.inject({
      method: 'POST',
      url: '/draws',
      headers: await officer(),
      payload: {
        title: '2026年餐饮双随机',
        filter: { kinds: ['catering'] },
        count: 4,
        perBusiness: 2,
        inspectors: POOL,
        seed,
        ...body,
      },
    });

  t.test(
    'a public-seed draw: commit, then the seed after its date, then publish; verification matches',
    async (t) => {
      const committed = await commit({
        kind: 'public',
        source: '中国福利彩票双色球',
        drawDate: '2026-03-12',
      });
      t.equal(committed.statusCode, 201);
      const draw = json<DrawView>(committed);
      t.match(draw, {
        status: 'committed',
        candidates: 8,
        pool: 4,
        seed: null,
        picks: null,
        allowedActions: ['draw'],
      });
      t.match(draw.commitment, /^[0-9a-f]{64}$/);
      t.match(await events.waitFor('DrawCommitted', draw.id), {
        data: { commitment: draw.commitment, candidates: 8 },
      });

      const lists = json<{ text: string; commitment: string }>(
        await app.inject({ method: 'GET', url: `/draws/${draw.id}/lists`, headers: await riskOffice() }),
      );
      const { createHash } = await import('node:crypto');
      t.equal(
        createHash('sha256').update(lists.text, 'utf8').digest('hex'),
        draw.commitment,
        'anyone can hash the published text',
      );

      const early = await act(
        app,
        '/draws',
        draw.id,
        'draw',
        { value: '03 11 17 22 28 31 + 09' },
        await officer(),
      );
      t.equal(early.statusCode, 400, 'the public value is not entered before its draw day');
      clock.set('2026-03-12T13:00:00Z');
      const drawn = await act(
        app,
        '/draws',
        draw.id,
        'draw',
        { value: '03 11 17 22 28 31 + 09' },
        await officer(),
      );
      t.equal(drawn.statusCode, 200);
      const result = json<DrawView>(drawn);
      t.equal(result.picks?.length, 4);
      for (const pick of result.picks ?? []) {
        t.equal(pick.inspectors.length, 2);
        if (pick.business.creditCode === codes[0]) {
          t.notOk(
            pick.inspectors.some((i) => i.id === 'fd-liu' || i.id === 'fd-sun'),
            '回避: not the inspectors of its last check',
          );
        }
      }
      const again = await act(
        app,
        '/draws',
        draw.id,
        'draw',
        { value: '01 02 03 04 05 06 + 07' },
        await officer(),
      );
      t.equal(again.statusCode, 409, 'never drawn again with another seed');

      const verification = json<Verification>(
        await app.inject({
          method: 'GET',
          url: `/draws/${draw.id}/verification`,
          headers: await riskOffice(),
        }),
      );
      t.match(verification, { matches: true, commitmentMatches: true, resultMatches: true, differences: [] });

      const published = await act(
        app,
        '/draws',
        draw.id,
        'publish',
        { channel: '开发区管委会门户网站' },
        await supervisor(),
      );
      t.match(json(published), { status: 'published', allowedActions: [] });
      t.match(await events.waitFor('DrawPublished', draw.id), {
        data: { picks: result.picks, channel: '开发区管委会门户网站' },
      });
      clock.set('2026-03-10T02:00:00Z');
    },
  );

  t.test('a tampered list or result is caught by the verification', async (t) => {
    const draw = json<DrawView>(await commit({ kind: 'server' }));
    const drawn = json<DrawView>(await act(app, '/draws', draw.id, 'draw', {}, await officer()));
    t.match(drawn.seed?.value, /^[0-9a-f]{64}$/, 'a server seed from the CSPRNG');
    const collection = db.connection.collection('draws');
    // Someone swaps one candidate in the stored list.
    const doc = await collection.findOne({ _id: draw.id as never });
    const businesses = doc?.lists.businesses as { id: string }[];
    const swapped = structuredClone(businesses);
    if (swapped[0]) swapped[0].id = codes[2] ?? 'x';
    await collection.updateOne({ _id: draw.id as never }, { $set: { 'lists.businesses': swapped } });
    const tampered = json<Verification>(
      await app.inject({ method: 'GET', url: `/draws/${draw.id}/verification`, headers: await riskOffice() }),
    );
    t.match(tampered, { matches: false, commitmentMatches: false });
    t.ok(tampered.differences.length > 0, 'the differences are named');
    // Restored lists, but a pick changed after the fact.
    const picks = structuredClone(doc?.picks) as { business: { creditCode: string } }[];
    if (picks[0]) picks[0].business.creditCode = codes[5] ?? 'x';
    await collection.updateOne(
      { _id: draw.id as never },
      { $set: { 'lists.businesses': businesses, picks } },
    );
    const forged = json<Verification>(
      await app.inject({ method: 'GET', url: `/draws/${draw.id}/verification`, headers: await riskOffice() }),
    );
    t.match(forged, { matches: false, commitmentMatches: true, resultMatches: false });
  });

  t.test(
    'a public seed must be planned for a day not yet past; too few candidates or inspectors is refused',
    async (t) => {
      const past = await commit({ kind: 'public', source: '双色球', drawDate: '2026-03-01' });
      t.equal(past.statusCode, 400);
      t.match(json(past), { errors: [{ pointer: '/seed/drawDate' }] });
      t.equal((await commit({ kind: 'server' }, { count: 50 })).statusCode, 400, 'more than the candidates');
      t.equal(
        (await commit({ kind: 'server' }, { perBusiness: 1 })).statusCode,
        400,
        'official checks need two inspectors',
      );
    },
  );
});
