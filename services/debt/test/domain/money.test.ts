import { InvalidInput } from '@zone-risk/domain-service/domain';
import t from 'tap';
import {
  fen,
  fenHalfUp,
  formatWan,
  formatYuan,
  parseAmount,
  signedFen,
  sumFen,
} from '../../src/domain/money.ts';

const MAX = Number.MAX_SAFE_INTEGER;

t.test('a yuan amount with thousands separators and two decimals is read as exact fen', async (t) => {
  t.same(parseAmount('1,234.56', 'yuan'), { ok: true, fen: 123_456 });
  t.same(parseAmount('1234', 'yuan'), { ok: true, fen: 123_400 });
  t.same(parseAmount('0.5', 'yuan'), { ok: true, fen: 50 });
  t.same(parseAmount('  1,000,000.00 元 ', 'yuan'), { ok: true, fen: 100_000_000 });
});

t.test(
  'full-width digits, separators and a full-width point from a Chinese sheet are read too',
  async (t) => {
    t.same(parseAmount('１，２３４．５６元', 'yuan'), { ok: true, fen: 123_456 });
    t.same(parseAmount('\u3000１２.５万元\u3000', 'wan'), { ok: true, fen: 12_500_000 });
  },
);

t.test('an amount in 万元 is exact to six decimals: 12.5 万元 is 12,500,000 fen', async (t) => {
  // 12.5 万元 = 125,000 yuan = 12,500,000 fen.
  t.same(parseAmount('12.5万元', 'wan'), { ok: true, fen: 12_500_000 });
  t.same(parseAmount('12.5', 'wan'), { ok: true, fen: 12_500_000 });
  t.same(parseAmount('0.000001', 'wan'), { ok: true, fen: 1 });
  t.match(parseAmount('0.0000001', 'wan'), {
    ok: false,
    reason: /has 7 decimals; an amount in 万元 has at most 6/,
  });
});

t.test('more decimals than the unit holds are refused, never rounded', async (t) => {
  t.same(parseAmount('0.001', 'yuan'), {
    ok: false,
    reason: 'has 3 decimals; an amount in 元 has at most 2',
  });
  t.match(parseAmount('1,234.567元', 'yuan'), { ok: false });
});

t.test('a unit that is not the field’s is refused rather than converted by guess', async (t) => {
  t.same(parseAmount('12万元', 'yuan'), { ok: false, reason: 'is in 万元, but this field is in 元' });
  t.same(parseAmount('12元', 'wan'), { ok: false, reason: 'is in 元, but this field is in 万元' });
});

t.test('empty, negative and malformed texts are refused with a reason', async (t) => {
  t.same(parseAmount('   ', 'yuan'), { ok: false, reason: 'is empty' });
  t.same(parseAmount('元', 'yuan'), { ok: false, reason: 'is empty' });
  t.match(parseAmount('-5', 'yuan'), { ok: false, reason: /negative/ });
  for (const text of ['1,23', '12,3456', '1.', '.5', '1 234', 'abc', '1e6', '¥12']) {
    t.match(parseAmount(text, 'yuan'), { ok: false, reason: /is not an amount in 元/ }, text);
  }
});

t.test('the largest amount kept exactly is accepted and one fen more is refused', async (t) => {
  // Number.MAX_SAFE_INTEGER = 9,007,199,254,740,991 fen = 90,071,992,547,409.91 yuan.
  t.same(parseAmount('90,071,992,547,409.91', 'yuan'), { ok: true, fen: MAX });
  t.match(parseAmount('90071992547409.92', 'yuan'), { ok: false, reason: /above the largest amount/ });
  t.match(parseAmount('9007199254.740992', 'wan'), { ok: false, reason: /above the largest amount/ });
});

t.test('yuan are shown with thousands separators, two decimals and a minus for a difference', async (t) => {
  t.equal(formatYuan(123_456_789), '1,234,567.89');
  t.equal(formatYuan(0), '0.00');
  t.equal(formatYuan(5), '0.05');
  t.equal(formatYuan(100_000), '1,000.00');
  t.equal(formatYuan(-123_456), '-1,234.56');
  t.equal(formatYuan(MAX), '90,071,992,547,409.91');
  t.equal(formatYuan(10n ** 17n), '1,000,000,000,000,000.00');
  t.throws(() => formatYuan(1.5), RangeError);
});

t.test('万元 are shown to two decimals, a half rounded up on the magnitude', async (t) => {
  // 1,234,567,000 fen = 12,345,670.00 yuan = 1,234.567 万元 → 1,234.57.
  t.equal(formatWan(1_234_567_000), '1,234.57');
  t.equal(formatWan(1_234_565_000), '1,234.57');
  t.equal(formatWan(1_234_564_999), '1,234.56');
  t.equal(formatWan(125_000_000), '125.00');
  t.equal(formatWan(-5_000), '-0.01');
  t.equal(formatWan(-4_999), '0.00');
});

t.test('a sum is exact, and refused once it leaves the safe range', async (t) => {
  t.equal(sumFen([123_456, 1, 99]), 123_556);
  t.equal(sumFen([]), 0);
  t.equal(sumFen([MAX, 1, -1]), MAX);
  t.throws(() => sumFen([MAX, 1]), InvalidInput);
  t.throws(() => sumFen([0.5]), RangeError);
});

t.test('a ratio of fen rounds half-up, away from zero on a tie', async (t) => {
  t.equal(fenHalfUp(5n, 10n), 1);
  t.equal(fenHalfUp(149n, 100n), 1);
  t.equal(fenHalfUp(150n, 100n), 2);
  t.equal(fenHalfUp(-5n, 10n), -1);
  t.throws(() => fenHalfUp(1n, 0n), RangeError);
});

t.test('the fen schema takes whole non-negative safe amounts; the signed one differences', async (t) => {
  t.ok(fen.safeParse(0).success);
  t.ok(fen.safeParse(MAX).success);
  t.notOk(fen.safeParse(-1).success);
  t.notOk(fen.safeParse(1.5).success);
  t.notOk(fen.safeParse(MAX + 1).success);
  t.ok(signedFen.safeParse(-1).success);
  t.notOk(signedFen.safeParse(0.1).success);
});
