import { InvalidInput, NotAllowed } from '@zone-risk/domain-service/domain';
import t from 'tap';
import { verify } from '../../src/domain/draw.ts';
import { commitDraw, type Draw, drawWithSeed, publishDraw } from '../../src/domain/draw-aggregate.ts';
import { caught, NOW, officer, supervisor } from './fixtures.ts';

const lists = {
  businesses: Array.from({ length: 6 }, (_, i) => ({
    id: `B${i}`,
    name: `企业${i}`,
    avoid: i === 0 ? ['i1'] : [],
  })),
  inspectors: [1, 2, 3, 4].map((i) => ({ id: `i${i}`, name: `检查员${i}` })),
  count: 3,
  perBusiness: 2,
};
const commit = (seedPlan: Draw['seedPlan']) =>
  commitDraw(
    { id: 'draw-1', zoneId: 'z', title: 't', filter: { kinds: [], grades: [], areas: [] }, lists, seedPlan },
    officer,
    NOW,
  ).state;

t.test('every state × action: commit → draw → publish, nothing else', async (t) => {
  const committed = commit({ kind: 'server', source: null, drawDate: null });
  t.equal(committed.status, 'committed');
  const drawn = drawWithSeed(committed, { value: 'a'.repeat(64) }, officer, NOW).state;
  t.equal(drawn.status, 'drawn');
  const published = publishDraw(drawn, { channel: '门户网站' }, supervisor, NOW).state;
  t.equal(published.status, 'published');
  t.type(
    caught(() => publishDraw(committed, {}, supervisor, NOW)),
    NotAllowed,
    'committed cannot publish',
  );
  t.type(
    caught(() => drawWithSeed(drawn, { value: 'b'.repeat(64) }, officer, NOW)),
    NotAllowed,
    'drawn cannot draw again',
  );
  t.type(
    caught(() => drawWithSeed(published, { value: 'b'.repeat(64) }, officer, NOW)),
    NotAllowed,
    'published cannot draw',
  );
  t.type(
    caught(() => publishDraw(published, {}, supervisor, NOW)),
    NotAllowed,
    'published cannot publish again',
  );
});

t.test(
  'the pick is the documented function of the committed lists and the seed, so it verifies',
  async (t) => {
    const drawn = drawWithSeed(
      commit({ kind: 'server', source: null, drawDate: null }),
      { value: 'c'.repeat(64) },
      officer,
      NOW,
    ).state;
    t.equal(drawn.picks?.length, 3);
    const b0 = drawn.picks?.find((p) => p.business.creditCode === 'B0');
    if (b0)
      t.notOk(
        b0.inspectors.some((i) => i.id === 'i1'),
        '回避',
      );
    const result = {
      picks: (drawn.picks ?? []).map((p) => ({
        business: p.business.creditCode,
        rank: p.rank,
        inspectors: p.inspectors.map((i) => i.id),
      })),
    };
    t.match(
      verify({ lists: drawn.lists, commitment: drawn.commitment, seed: drawn.seed?.value ?? '', result }),
      { matches: true },
    );
  },
);

t.test('a public seed is planned for a day not past and entered on or after it', async (t) => {
  t.type(
    caught(() => commit({ kind: 'public', source: '双色球', drawDate: '2026-03-01' })),
    InvalidInput,
  );
  t.type(
    caught(() => commit({ kind: 'public', source: null, drawDate: '2026-03-12' })),
    InvalidInput,
    'the source is named',
  );
  const planned = commit({ kind: 'public', source: '双色球', drawDate: '2026-03-12' });
  t.type(
    caught(() => drawWithSeed(planned, { value: '01 02 03 04 05 06 + 07' }, officer, NOW)),
    InvalidInput,
    'not before its day',
  );
  const drawn = drawWithSeed(
    planned,
    { value: '01 02 03 04 05 06 + 07' },
    officer,
    new Date('2026-03-12T13:00:00Z'),
  );
  t.match(drawn.state.seed, { kind: 'public', source: '双色球', drawDate: '2026-03-12' });
  const spaced = drawWithSeed(
    planned,
    { value: '1,2,3,4,5,6 / 7' },
    officer,
    new Date('2026-03-12T13:00:00Z'),
  );
  t.equal(spaced.state.seed?.value, drawn.state.seed?.value, 'the same numbers however they were typed');
});
