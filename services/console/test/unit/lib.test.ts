// The app's own logic, outside the browser: the credit code as typed, money in 元 and 万元 from
// fen, and the level colours (a stale domain is never blue).
import { creditCodeCheckChar } from '@zone-risk/contracts/credit-code';
import t from 'tap';
import { checkCreditCode } from '../../app/src/lib/credit-code.ts';
import { levelStyle } from '../../app/src/lib/levels.ts';
import { formatWan, formatYuan } from '../../app/src/lib/money.ts';

const first17 = '91320115MA1MXXYB8';
const valid = `${first17}${creditCodeCheckChar(first17)}`;

t.test('credit code as typed', async (t) => {
  t.same(checkCreditCode(''), { state: 'empty' });
  t.same(checkCreditCode('913201'), { state: 'typing', remaining: 12 });
  t.same(
    checkCreditCode('91320O'),
    { state: 'bad-character', position: 6, character: 'O' },
    'O is not in the alphabet',
  );
  t.same(checkCreditCode(valid), { state: 'valid' });
  t.same(checkCreditCode(valid.toLowerCase()), { state: 'valid' }, 'lower case reads as upper');
  const wrong = valid.endsWith('0') ? `${first17}1` : `${first17}0`;
  t.same(checkCreditCode(wrong), { state: 'bad-check', expected: valid.charAt(17) });
  t.same(checkCreditCode(`${valid}0`), { state: 'too-long' });
});

t.test('money from fen', async (t) => {
  t.equal(formatYuan(0), '0.00');
  t.equal(formatYuan(5), '0.05');
  t.equal(formatYuan(123_456_789), '1,234,567.89');
  t.equal(formatYuan(-100), '-1.00');
  t.equal(formatWan(1_000_000), '1.00', '1 万元');
  t.equal(formatWan(123_456_789), '123.46', 'rounded half up');
  t.equal(formatWan(123_449_999), '123.45');
  t.equal(formatWan(6_000_000_000), '6,000.00');
  t.throws(() => formatYuan(1.5), RangeError, 'a fraction of a fen is a bug, not a figure');
});

t.test('level colours', async (t) => {
  t.equal(levelStyle('low').label, 'level.low');
  t.equal(levelStyle('major').color, '#d9281e');
  t.equal(levelStyle('low', true).label, 'level.unknown', 'a stale domain is unknown, whatever it last had');
  t.not(levelStyle('low', true).color, levelStyle('low').color, 'and never blue');
  t.equal(levelStyle('purple').label, 'level.unknown', 'a level the console does not know is unknown');
});
