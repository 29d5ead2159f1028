import { addDays, endOfZoneDay } from '@zone-risk/calendar';
import type { AttributeValue } from './item.ts';
import type { Where } from './policy.ts';

/**
 * An item as a where clause sees it: its kept attributes, the built-in `open` and the instant
 * (epoch ms) that `withinDays` windows are measured at. Without `now` (−∞) every window is open:
 * the read model closes them as its clock advances.
 */
export type Predicate = (
  attributes: Readonly<Record<string, AttributeValue>>,
  open: boolean,
  now?: number,
) => boolean;

export interface CompiledWhere {
  test: Predicate;
  /**
   * For a clause with a `withinDays` condition: the instant (epoch ms) the item stops matching by
   * time alone (−∞ when the attribute is no day or instant). Undefined when nothing depends on time.
   */
  expiresAt: ((attributes: Readonly<Record<string, AttributeValue>>) => number) | undefined;
}

const DAY_MS = 86_400_000;
const ZONE_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The end of a `withinDays: days` window: a zone day `YYYY-MM-DD` stays within while it is one of
 * the last `days` zone days, today counted as the first; an instant, for `days` × 24 h.
 */
export function windowEnd(value: AttributeValue | undefined, days: number): number {
  if (typeof value !== 'string') return Number.NEGATIVE_INFINITY;
  if (ZONE_DAY.test(value)) {
    // The last of the `days` zone days is over at the end of that day in the zone.
    const end = endOfZoneDay(addDays(value, days - 1)).getTime();
    return Number.isNaN(end) ? Number.NEGATIVE_INFINITY : end;
  }
  const start = Date.parse(value);
  return Number.isNaN(start) ? Number.NEGATIVE_INFINITY : start + days * DAY_MS;
}

function includesOne(value: AttributeValue, wanted: readonly unknown[]): boolean {
  return Array.isArray(value) && value.some((entry) => wanted.includes(entry));
}

/**
 * Compiles a where clause once, so applying an event costs a few comparisons: a value (equals), a
 * list (equals one of), `{ includes }` (a list attribute holds one of the values) or
 * `{ withinDays }` (a day or instant no older than the window).
 */
export function compileWhere(where: Where): CompiledWhere {
  const tests: ((attributes: Readonly<Record<string, AttributeValue>>, open: boolean) => boolean)[] = [];
  const windows: { attribute: string; days: number }[] = [];
  for (const [attribute, expected] of Object.entries(where)) {
    const read = (attributes: Readonly<Record<string, AttributeValue>>, open: boolean) =>
      attribute === 'open' ? open : (attributes[attribute] ?? null);
    if (Array.isArray(expected)) {
      tests.push((attributes, open) => expected.includes(read(attributes, open) as never));
    } else if (expected !== null && typeof expected === 'object') {
      if ('withinDays' in expected) {
        windows.push({ attribute, days: expected.withinDays });
      } else {
        const wanted = Array.isArray(expected.includes) ? expected.includes : [expected.includes];
        tests.push((attributes, open) => includesOne(read(attributes, open), wanted));
      }
    } else {
      tests.push((attributes, open) => read(attributes, open) === expected);
    }
  }
  const expiresAt =
    windows.length === 0
      ? undefined
      : (attributes: Readonly<Record<string, AttributeValue>>) =>
          Math.min(...windows.map(({ attribute, days }) => windowEnd(attributes[attribute], days)));
  return {
    expiresAt,
    test: (attributes, open, now = Number.NEGATIVE_INFINITY) =>
      tests.every((test) => test(attributes, open)) &&
      (expiresAt === undefined || now < expiresAt(attributes)),
  };
}
