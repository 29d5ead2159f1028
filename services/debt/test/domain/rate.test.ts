import { InvalidInput } from '@zone-risk/domain-service/domain';
import t from 'tap';
import {
  effectiveRate,
  floatingRate,
  formatPercent,
  parsePercent,
  percentText,
  ratePpm,
} from '../../src/domain/rate.ts';

t.test('a percent text is read as exact millionths: 3.25 % is 32,500 ppm', async (t) => {
  t.equal(parsePercent('3.25'), 32_500);
  t.equal(parsePercent('4.1250'), 41_250);
  t.equal(parsePercent('0.0001'), 1);
  t.equal(parsePercent('0'), 0);
  t.equal(parsePercent('100'), 1_000_000);
  t.equal(parsePercent('100.0000'), 1_000_000);
});

t.test('a percent text above 100, with a fifth decimal or not a plain decimal is refused', async (t) => {
  for (const text of ['100.01', '3.12345', '-1', '03.25', '3.', '3,25', ' 3.25', '3.25%', '']) {
    t.throws(() => parsePercent(text), InvalidInput, text);
    t.notOk(percentText.safeParse(text).success, text);
  }
  t.ok(percentText.safeParse('4.1250').success);
});

t.test('a rate is shown with as few decimals as it needs but at least two', async (t) => {
  t.equal(formatPercent(32_500), '3.25');
  t.equal(formatPercent(41_250), '4.125');
  t.equal(formatPercent(30_000), '3.00');
  t.equal(formatPercent(1), '0.0001');
  t.equal(formatPercent(0), '0.00');
  t.equal(formatPercent(1_000_000), '100.00');
  t.equal(parsePercent(formatPercent(41_234)), 41_234);
  t.throws(() => formatPercent(-1), RangeError);
});

t.test('the ppm schema holds 0 to 100 % as whole millionths', async (t) => {
  t.ok(ratePpm.safeParse(0).success);
  t.ok(ratePpm.safeParse(1_000_000).success);
  t.notOk(ratePpm.safeParse(1_000_001).success);
  t.notOk(ratePpm.safeParse(32_500.5).success);
});

t.test('a floating rate is its fixing plus the spread: LPR 3.10 % + 50 bp = 3.60 %', async (t) => {
  // 3.10 % = 31,000 ppm; 50 bp × 100 ppm = 5,000 ppm; 36,000 ppm = 3.60 %.
  const loan = floatingRate.parse({ reference: 'lpr-1y', fixingPpm: 31_000, spreadBp: 50 });
  t.equal(formatPercent(effectiveRate(loan)), '3.60');
  // A spread below the reference: 5年期以上LPR 3.60 % − 20 bp = 3.40 %.
  t.equal(effectiveRate({ fixingPpm: 36_000, spreadBp: -20 }), 34_000);
});

t.test('a spread that would make the rate negative is refused', async (t) => {
  // 0.01 % = 100 ppm; −2 bp = −200 ppm; the sum is −100 ppm.
  t.throws(() => effectiveRate({ fixingPpm: 100, spreadBp: -2 }), InvalidInput);
  t.throws(() => effectiveRate({ fixingPpm: 1_000_000, spreadBp: 1 }), InvalidInput);
  t.throws(() => effectiveRate({ fixingPpm: -1, spreadBp: 0 }), InvalidInput);
  t.throws(() => effectiveRate({ fixingPpm: 31_000, spreadBp: 0.5 }), InvalidInput);
  t.notOk(floatingRate.safeParse({ reference: 'libor', fixingPpm: 31_000, spreadBp: 0 }).success);
});
