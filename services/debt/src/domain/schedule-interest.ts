import { type Fen, fenHalfUp } from './money.ts';
import { type AccrualPeriod, daysBetween } from './schedule-dates.ts';

// Interest is a BigInt ratio of integers (fen × ppm × days over the divisors), rounded half-up to
// the fen once per line. `period` is a bond's fixed coupon — a whole period earns rate ÷ frequency
// whatever its days, a final stub the share of its actual days in the whole period it cuts short;
// `act-360` / `act-365` are a bank loan's: rate × actual days ÷ 360 (365), period by period.

export type DayCount = 'period' | 'act-360' | 'act-365';

const PPM = 1_000_000n;

/** Interest of `period` on `outstanding` fen at `ratePpm` a year, paid `frequency` times a year. */
export function periodInterest(
  outstanding: bigint,
  ratePpm: number,
  frequency: number,
  dayCount: DayCount,
  period: AccrualPeriod,
): Fen {
  const accrued = outstanding * BigInt(ratePpm);
  const days = BigInt(daysBetween(period.start, period.end));
  switch (dayCount) {
    case 'period': {
      const perPeriod = PPM * BigInt(frequency);
      if (period.end === period.fullEnd) return fenHalfUp(accrued, perPeriod);
      return fenHalfUp(accrued * days, perPeriod * BigInt(daysBetween(period.start, period.fullEnd)));
    }
    case 'act-360':
      return fenHalfUp(accrued * days, PPM * 360n);
    case 'act-365':
      return fenHalfUp(accrued * days, PPM * 365n);
  }
}

/**
 * The level payment (等额本息) A = P·r ÷ (1 − (1 + r)^−n), r = rate ÷ frequency, rounded half-up to
 * the fen. With r = R ÷ D (R the rate in ppm, D = 10^6 × frequency), (1 + r)^n is exactly
 * (D + R)^n ÷ D^n, so A = P·R·(D + R)^n ÷ (D·((D + R)^n − D^n)) is one exact BigInt ratio: no
 * fixed-point scale to choose and no truncation before the single rounding. `ratePpm` > 0.
 */
export function levelPayment(principal: bigint, ratePpm: number, frequency: number, count: number): Fen {
  const rate = BigInt(ratePpm);
  const perPeriod = PPM * BigInt(frequency);
  const grown = (perPeriod + rate) ** BigInt(count);
  const base = perPeriod ** BigInt(count);
  return fenHalfUp(principal * rate * grown, perPeriod * (grown - base));
}
