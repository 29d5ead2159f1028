// Money arrives from the services in integer fen (分); people read yuan (元) or 万元. Formatting
// stays on integers until the last step, so 0.1 + 0.2 never shows up in a ledger.

function grouped(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** 123456789 fen → "1,234,567.89" (元), negative amounts with a leading minus. */
export function formatYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not a whole number of fen: ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}${grouped(String(yuan))}.${cents}`;
}

/** 123456789 fen → "123.46" (万元), rounded half up to two places. */
export function formatWan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not a whole number of fen: ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  // 1 万元 = 1,000,000 fen; hundredths of 万元 are 10,000 fen.
  const hundredths = Math.floor((abs + 5_000) / 10_000);
  const whole = Math.floor(hundredths / 100);
  return `${sign}${grouped(String(whole))}.${String(hundredths % 100).padStart(2, '0')}`;
}
