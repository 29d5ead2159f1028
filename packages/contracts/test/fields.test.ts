import t from 'tap';
import {
  compareRiskLevels,
  isoDate,
  knownRiskLevel,
  money,
  personRef,
  type RiskLevel,
  riskLevel,
  riskLevelOrder,
  zoneId,
} from '../src/index.ts';

t.test('risk levels order by severity, with unknown below low as no level at all', async (t) => {
  const levels: RiskLevel[] = ['major', 'unknown', 'low', 'significant', 'general'];
  t.strictSame(levels.sort(compareRiskLevels), ['unknown', 'low', 'general', 'significant', 'major']);
  t.strictSame(riskLevel.options.map(riskLevelOrder), [1, 2, 3, 4, 0]);
});

t.test('a known risk level excludes unknown', async (t) => {
  t.ok(knownRiskLevel.safeParse('major').success);
  t.notOk(knownRiskLevel.safeParse('unknown').success);
  t.notOk(riskLevel.safeParse('red').success, 'colours are not levels');
});

t.test('money is a non-negative whole number of fen', async (t) => {
  t.ok(money.safeParse(12_345_678_900).success, '123,456,789.00 yuan');
  t.ok(money.safeParse(0).success);
  t.notOk(money.safeParse(10.5).success, 'no fractions of a fen');
  t.notOk(money.safeParse(-1).success);
  t.notOk(money.safeParse('100.00').success, 'not a decimal string');
  t.notOk(money.safeParse(2 ** 53).success, 'beyond exact integers');
});

t.test('zone ids are lower-case letters, digits and dashes', async (t) => {
  t.ok(zoneId.safeParse('demo-zone').success);
  t.ok(zoneId.safeParse('suzhou-sip-2').success);
  t.strictSame(
    zoneId.safeParse('Demo Zone').error?.issues.map((i) => i.message),
    ['zone id must be 1-64 lower-case letters, digits and dashes'],
  );
  t.notOk(zoneId.safeParse('').success);
  t.notOk(zoneId.safeParse('z'.repeat(65)).success);
});

t.test('dates are real calendar dates without a time', async (t) => {
  t.ok(isoDate.safeParse('2024-02-29').success);
  t.notOk(isoDate.safeParse('2023-02-29').success);
  t.notOk(isoDate.safeParse('2024-05-06T00:00:00Z').success);
});

t.test('a person reference needs an id and may carry a name', async (t) => {
  t.ok(personRef.safeParse({ id: 'u-17' }).success);
  t.ok(personRef.safeParse({ id: 'u-17', name: '王检查' }).success);
  t.notOk(personRef.safeParse({ name: '王检查' }).success);
  t.notOk(personRef.safeParse({ id: '' }).success);
});
