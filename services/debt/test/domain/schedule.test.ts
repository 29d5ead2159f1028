import { InvalidInput } from '@zone-risk/domain-service/domain';
import t from 'tap';
import {
  generateSchedule,
  type ScheduledPayment,
  type ScheduleTerms,
  validateCustomSchedule,
} from '../../src/domain/schedule.ts';
import { addMonthsClamped } from '../../src/domain/schedule-dates.ts';

// Every expected figure below is worked out by hand in the comment beside it. The calendar knows
// weekends only, so "following" moves Saturdays and Sundays and nothing else.

const total = (lines: ScheduledPayment[], field: 'principal' | 'interest') =>
  lines.reduce((sum, line) => sum + line[field], 0);

function refusal(run: () => unknown): InvalidInput {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidInput) return error;
    throw error;
  }
  throw new Error('expected an InvalidInput');
}

t.test('a five-year annual bullet bond pays five equal coupons, the principal with the last', async (t) => {
  // 100,000,000.00 yuan = 10,000,000,000 fen × 3.25 % ÷ 1 = 325,000,000 fen (3,250,000.00 yuan).
  // 15 March 2025 is a Saturday → Monday 17th; 15 March 2026 a Sunday → Monday 16th.
  const lines = generateSchedule({
    principal: 10_000_000_000,
    ratePpm: 32_500,
    start: '2024-03-15',
    maturity: '2029-03-15',
    structure: { kind: 'bullet', interestFrequency: 1 },
    dayCount: 'period',
  });
  const coupon = 325_000_000;
  t.same(lines, [
    {
      seq: 1,
      periodStart: '2024-03-15',
      periodEnd: '2025-03-15',
      dueDate: '2025-03-17',
      principal: 0,
      interest: coupon,
    },
    {
      seq: 2,
      periodStart: '2025-03-15',
      periodEnd: '2026-03-15',
      dueDate: '2026-03-16',
      principal: 0,
      interest: coupon,
    },
    {
      seq: 3,
      periodStart: '2026-03-15',
      periodEnd: '2027-03-15',
      dueDate: '2027-03-15',
      principal: 0,
      interest: coupon,
    },
    {
      seq: 4,
      periodStart: '2027-03-15',
      periodEnd: '2028-03-15',
      dueDate: '2028-03-15',
      principal: 0,
      interest: coupon,
    },
    {
      seq: 5,
      periodStart: '2028-03-15',
      periodEnd: '2029-03-15',
      dueDate: '2029-03-15',
      principal: 10_000_000_000,
      interest: coupon,
    },
  ]);
});

t.test('a semi-annual bond pays half the annual coupon each half year, whatever the days', async (t) => {
  // 50,000,000.00 yuan = 5,000,000,000 fen × 2.85 % ÷ 2 = 71,250,000 fen (712,500.00 yuan), the
  // 184-day and the 181-day halves alike. 30 June + 6 months is 30 December (no month-end rule).
  // 30 November 2024 would be a Saturday, but the grid is on the 30th of June and December.
  const lines = generateSchedule({
    principal: 5_000_000_000,
    ratePpm: 28_500,
    start: '2024-06-30',
    maturity: '2026-06-30',
    structure: { kind: 'bullet', interestFrequency: 2 },
    dayCount: 'period',
  });
  t.same(
    lines.map((line) => [line.periodEnd, line.dueDate, line.interest, line.principal]),
    [
      ['2024-12-30', '2024-12-30', 71_250_000, 0],
      ['2025-06-30', '2025-06-30', 71_250_000, 0],
      ['2025-12-30', '2025-12-30', 71_250_000, 0],
      ['2026-06-30', '2026-06-30', 71_250_000, 5_000_000_000],
    ],
  );
});

t.test('a maturity off the grid ends in a stub earning its share of the period it cuts short', async (t) => {
  // 10,000,000.00 yuan at 3 % annual, 2024-03-15 → 2026-09-15: two whole years of
  // 1,000,000,000 × 3 % = 30,000,000 fen, then a stub 2026-03-15 → 2026-09-15 of 184 days in a
  // period to 2027-03-15 of 365 days: 30,000,000 × 184 ÷ 365 = 15,123,287.67 → 15,123,288 fen.
  const lines = generateSchedule({
    principal: 1_000_000_000,
    ratePpm: 30_000,
    start: '2024-03-15',
    maturity: '2026-09-15',
    structure: { kind: 'bullet', interestFrequency: 1 },
    dayCount: 'period',
  });
  t.same(
    lines.map((line) => [line.periodStart, line.periodEnd, line.dueDate, line.interest]),
    [
      ['2024-03-15', '2025-03-15', '2025-03-17', 30_000_000],
      ['2025-03-15', '2026-03-15', '2026-03-16', 30_000_000],
      ['2026-03-15', '2026-09-15', '2026-09-15', 15_123_288],
    ],
  );
  t.equal(lines.at(-1)?.principal, 1_000_000_000);
});

t.test('a half fen of interest is paid as a whole fen', async (t) => {
  // 10,000 fen × 0.0050 % (50 ppm) = 0.5 fen → 1 fen.
  const [line] = generateSchedule({
    principal: 10_000,
    ratePpm: 50,
    start: '2024-01-02',
    maturity: '2025-01-02',
    structure: { kind: 'bullet', interestFrequency: 1 },
    dayCount: 'period',
  });
  t.equal(line?.interest, 1);
});

t.test('equal principal quarterly repays principal ÷ 8 a line and the remainder fen last', async (t) => {
  // 100,000,000.01 yuan = 10,000,000,001 fen ÷ 8 = 1,250,000,000 r 1 → the last line 1,250,000,001.
  // Interest = outstanding × 4.35 % ÷ 4 = outstanding × 0.010875:
  // 10,000,000,001 → 108,750,000.01 → 108,750,000; 8,750,000,001 → 95,156,250.01 → 95,156,250; …
  // each step 1,250,000,000 × 0.010875 = 13,593,750 less.
  const lines = generateSchedule({
    principal: 10_000_000_001,
    ratePpm: 43_500,
    start: '2024-05-20',
    maturity: '2026-05-20',
    structure: { kind: 'equal-principal', frequency: 4 },
    dayCount: 'period',
  });
  t.same(
    lines.map((line) => line.principal),
    [...Array(7).fill(1_250_000_000), 1_250_000_001],
  );
  t.same(
    lines.map((line) => line.interest),
    [108_750_000, 95_156_250, 81_562_500, 67_968_750, 54_375_000, 40_781_250, 27_187_500, 13_593_750],
  );
  t.same(
    lines.map((line) => line.periodEnd),
    [
      '2024-08-20',
      '2024-11-20',
      '2025-02-20',
      '2025-05-20',
      '2025-08-20',
      '2025-11-20',
      '2026-02-20',
      '2026-05-20',
    ],
  );
  t.equal(total(lines, 'principal'), 10_000_000_001);
});

t.test('a 31 January start falls due on each month’s last day, without drifting to the 29th', async (t) => {
  // 4,000,000.00 yuan, equal principal monthly, 3.65 % act-365: interest = outstanding × days × 0.0001.
  // 31 Jan → 29 Feb (leap) 29 days: 400,000,000 × 29 × 0.0001 = 1,160,000; 29 Feb → 31 Mar 31 days:
  // 300,000,000 → 930,000; 31 Mar → 30 Apr 30 days: 200,000,000 → 600,000; 30 Apr → 31 May 31 days:
  // 100,000,000 → 310,000. 31 March 2024 is a Sunday → due Monday 1 April.
  const lines = generateSchedule({
    principal: 400_000_000,
    ratePpm: 36_500,
    start: '2024-01-31',
    maturity: '2024-05-31',
    structure: { kind: 'equal-principal', frequency: 12 },
    dayCount: 'act-365',
  });
  t.same(
    lines.map((line) => [line.periodEnd, line.dueDate, line.principal, line.interest]),
    [
      ['2024-02-29', '2024-02-29', 100_000_000, 1_160_000],
      ['2024-03-31', '2024-04-01', 100_000_000, 930_000],
      ['2024-04-30', '2024-04-30', 100_000_000, 600_000],
      ['2024-05-31', '2024-05-31', 100_000_000, 310_000],
    ],
  );
});

t.test('month arithmetic clamps to the month’s end and carries into the next year', async (t) => {
  t.equal(addMonthsClamped('2023-01-31', 1), '2023-02-28');
  t.equal(addMonthsClamped('2024-01-31', 1), '2024-02-29');
  t.equal(addMonthsClamped('2024-11-30', 3), '2025-02-28');
  t.equal(addMonthsClamped('2024-08-31', 6), '2025-02-28');
  t.equal(addMonthsClamped('2024-03-15', 60), '2029-03-15');
});

t.test(
  'a bank loan at act-360 earns by actual days and falls due on the following working day',
  async (t) => {
    // 20,000,000.00 yuan at LPR 3.10 % + 50 bp = 3.60 %, equal principal quarterly, act-360:
    // interest = outstanding × 3.6 % × days ÷ 360 = outstanding × days × 0.0001.
    // 10 Feb → 10 May 90 days: 2,000,000,000 → 18,000,000; → 10 Aug 92: 1,500,000,000 → 13,800,000;
    // → 10 Nov 92: 1,000,000,000 → 9,200,000; → 10 Feb 2025 92: 500,000,000 → 4,600,000.
    // 10 Aug 2024 is a Saturday → Monday 12th; 10 Nov 2024 a Sunday → Monday 11th.
    const lines = generateSchedule({
      principal: 2_000_000_000,
      ratePpm: 36_000,
      start: '2024-02-10',
      maturity: '2025-02-10',
      structure: { kind: 'equal-principal', frequency: 4 },
      dayCount: 'act-360',
    });
    t.same(
      lines.map((line) => [line.periodEnd, line.dueDate, line.principal, line.interest]),
      [
        ['2024-05-10', '2024-05-10', 500_000_000, 18_000_000],
        ['2024-08-10', '2024-08-12', 500_000_000, 13_800_000],
        ['2024-11-10', '2024-11-11', 500_000_000, 9_200_000],
        ['2025-02-10', '2025-02-10', 500_000_000, 4_600_000],
      ],
    );
  },
);

t.test('a monthly annuity pays a level 102,673.99 yuan, principal summing exactly', async (t) => {
  // 1,200,000.00 yuan = 120,000,000 fen, 4.9 % ÷ 12: r = 0.0040833…, (1 + r)^12 = 1.05011557…,
  // A = 120,000,000 × r × 1.05011557 ÷ 0.05011557 = 10,267,399.48 → 10,267,399 fen.
  // Interest = outstanding × r rounded: 120,000,000 × r = 490,000; principal 10,267,399 − 490,000
  // = 9,777,399; then 110,222,601 × r = 450,075.62 → 450,076, principal 9,817,323; and so on.
  // The last line repays the 10,225,650 fen left (interest 41,754.74 → 41,755).
  // 15 June 2024 is a Saturday, 15 September and 15 December Sundays.
  const lines = generateSchedule({
    principal: 120_000_000,
    ratePpm: 49_000,
    start: '2024-01-15',
    maturity: '2025-01-15',
    structure: { kind: 'annuity', frequency: 12 },
    dayCount: 'period',
  });
  t.same(
    lines.map((line) => [line.dueDate, line.principal, line.interest]),
    [
      ['2024-02-15', 9_777_399, 490_000],
      ['2024-03-15', 9_817_323, 450_076],
      ['2024-04-15', 9_857_411, 409_988],
      ['2024-05-15', 9_897_662, 369_737],
      ['2024-06-17', 9_938_077, 329_322],
      ['2024-07-15', 9_978_658, 288_741],
      ['2024-08-15', 10_019_404, 247_995],
      ['2024-09-16', 10_060_317, 207_082],
      ['2024-10-15', 10_101_396, 166_003],
      ['2024-11-15', 10_142_644, 124_755],
      ['2024-12-16', 10_184_059, 83_340],
      ['2025-01-15', 10_225_650, 41_755],
    ],
  );
  t.equal(total(lines, 'principal'), 120_000_000);
  t.equal(total(lines, 'interest'), 3_208_794);
  t.ok(lines.slice(0, -1).every((line) => line.principal + line.interest === 10_267_399));
});

t.test('an annuity at act-365 repays the level payment less the actual-day interest', async (t) => {
  // 10,000.00 yuan = 1,000,000 fen at 3.65 %, semi-annual: r = 0.01825, (1 + r)^2 = 1.0368330625,
  // A = 1,000,000 × 0.01825 × 1.0368330625 ÷ 0.0368330625 = 513,728.76 → 513,729.
  // 1 Jan → 1 Jul 2024, 182 days: 1,000,000 × 182 × 0.0001 = 18,200, principal 495,529;
  // 1 Jul → 1 Jan 2025, 184 days: 504,471 × 184 × 0.0001 = 9,282.27 → 9,282, principal 504,471.
  // 1 January 2025 (元旦) is a Wednesday and no holiday list is kept: due that day.
  const lines = generateSchedule({
    principal: 1_000_000,
    ratePpm: 36_500,
    start: '2024-01-01',
    maturity: '2025-01-01',
    structure: { kind: 'annuity', frequency: 2 },
    dayCount: 'act-365',
  });
  t.same(
    lines.map((line) => [line.dueDate, line.principal, line.interest]),
    [
      ['2024-07-01', 495_529, 18_200],
      ['2025-01-01', 504_471, 9_282],
    ],
  );
});

t.test('an annuity at a zero rate is equal principal with no interest', async (t) => {
  // 100 fen ÷ 3 = 33 r 1 → 33, 33, 34.
  const lines = generateSchedule({
    principal: 100,
    ratePpm: 0,
    start: '2024-01-15',
    maturity: '2024-04-15',
    structure: { kind: 'annuity', frequency: 12 },
    dayCount: 'period',
  });
  t.same(
    lines.map((line) => [line.principal, line.interest]),
    [
      [33, 0],
      [33, 0],
      [34, 0],
    ],
  );
});

const TERMS: ScheduleTerms = {
  principal: 100_000_000,
  ratePpm: 30_000,
  start: '2024-01-01',
  maturity: '2034-01-01',
  structure: { kind: 'annuity', frequency: 12 },
  dayCount: 'period',
};

t.test('terms that cannot make a schedule are refused with every problem pointed at', async (t) => {
  const error = refusal(() =>
    generateSchedule({
      ...TERMS,
      principal: 0,
      ratePpm: 1_000_001,
      maturity: '2024-01-01',
      dayCount: 'act-1' as never,
    }),
  );
  t.same(
    error.fields.map((field) => field.pointer),
    ['/principal', '/maturity', '/rate', '/dayCount'],
  );
  t.match(error.fields[1], { reason: 'is not after the value date (起息日) 2024-01-01' });
  const frequency = refusal(() =>
    generateSchedule({ ...TERMS, structure: { kind: 'bullet', interestFrequency: 4 as never } }),
  );
  t.same(frequency.fields, [
    {
      pointer: '/structure/interestFrequency',
      reason: 'must be 1 (annual) or 2 (semi-annual) coupons a year',
    },
  ]);
  const kind = refusal(() => generateSchedule({ ...TERMS, structure: { kind: 'balloon' } as never }));
  t.same(
    kind.fields.map((field) => field.pointer),
    ['/structure/kind'],
  );
  t.throws(() => generateSchedule({ ...TERMS, start: '2024-02-30' }), InvalidInput);
});

t.test('a schedule is at most 600 lines: 50 years monthly, not a day more', async (t) => {
  // 2024-01-01 + 600 months = 2074-01-01: 600 whole months; to 2074-01-02 a 601st one-day stub.
  t.equal(generateSchedule({ ...TERMS, maturity: '2074-01-01' }).length, 600);
  const error = refusal(() => generateSchedule({ ...TERMS, maturity: '2074-01-02' }));
  t.same(error.fields, [
    { pointer: '/structure/frequency', reason: 'gives more than 600 lines from 2024-01-01 to 2074-01-02' },
  ]);
});

const DEBT = { principal: 100_000_000, start: '2024-01-01', maturity: '2026-01-01' };

t.test('a custom schedule is numbered, each period running from the previous due date', async (t) => {
  const lines = validateCustomSchedule(
    [
      { dueDate: '2024-06-20', principal: 30_000_000, interest: 1_500_000 },
      { dueDate: '2025-06-21', principal: 30_000_000, interest: 2_100_000 },
      { dueDate: '2026-01-01', principal: 40_000_000, interest: 900_000 },
    ],
    DEBT,
  );
  t.same(lines, [
    {
      seq: 1,
      periodStart: '2024-01-01',
      periodEnd: '2024-06-20',
      dueDate: '2024-06-20',
      principal: 30_000_000,
      interest: 1_500_000,
    },
    {
      seq: 2,
      periodStart: '2024-06-20',
      periodEnd: '2025-06-21',
      dueDate: '2025-06-21',
      principal: 30_000_000,
      interest: 2_100_000,
    },
    {
      seq: 3,
      periodStart: '2025-06-21',
      periodEnd: '2026-01-01',
      dueDate: '2026-01-01',
      principal: 40_000_000,
      interest: 900_000,
    },
  ]);
});

t.test('a custom schedule with bad lines is refused with every problem listed by pointer', async (t) => {
  const error = refusal(() =>
    validateCustomSchedule(
      [
        { dueDate: '2024-01-01', principal: 30_000_000, interest: 1_000_000 },
        { dueDate: '2025-01-01', principal: -1, interest: 0.5 },
        { dueDate: '2024-12-31', principal: 40_000_000, interest: 0 },
        { dueDate: '2026-01-02', principal: 30_000_001, interest: 0 },
        { dueDate: '2026-02-30', principal: 0, interest: 0 },
      ],
      DEBT,
    ),
  );
  t.same(error.fields, [
    { pointer: '/schedule/0/dueDate', reason: 'is not after the value date (起息日) 2024-01-01' },
    { pointer: '/schedule/1/principal', reason: 'must be a whole number of fen, zero or more' },
    { pointer: '/schedule/1/interest', reason: 'must be a whole number of fen, zero or more' },
    { pointer: '/schedule/2/dueDate', reason: 'is not after the previous due date 2025-01-01' },
    { pointer: '/schedule/3/dueDate', reason: 'is after the maturity (到期日) 2026-01-01' },
    { pointer: '/schedule/4/dueDate', reason: 'must be a date YYYY-MM-DD' },
  ]);
});

t.test('custom principal lines that miss the principal say by how much, in yuan', async (t) => {
  const short = refusal(() =>
    validateCustomSchedule(
      [
        { dueDate: '2025-01-01', principal: 50_000_000, interest: 0 },
        { dueDate: '2026-01-01', principal: 49_999_999, interest: 0 },
      ],
      DEBT,
    ),
  );
  t.same(short.fields, [
    {
      pointer: '/schedule',
      reason: 'principal lines sum to 999,999.99 yuan, 0.01 yuan short of the principal 1,000,000.00 yuan',
    },
  ]);
  const over = refusal(() =>
    validateCustomSchedule([{ dueDate: '2026-01-01', principal: 100_012_345, interest: 0 }], DEBT),
  );
  t.match(over.fields[0], { reason: /123\.45 yuan over the principal/ });
  const none = refusal(() => validateCustomSchedule([], DEBT));
  t.same(none.fields, [{ pointer: '/schedule', reason: 'has no lines' }]);
});
