import type { Scalar } from './item.ts';
import type { Where } from './policy.ts';

/** An item as a where clause sees it: its kept attributes and the built-in `open`. */
export type Predicate = (attributes: Readonly<Record<string, Scalar>>, open: boolean) => boolean;

/** Compiles `{ attribute: value | [values] }` once, so applying an event costs a few comparisons. */
export function compileWhere(where: Where): Predicate {
  const tests = Object.entries(where).map(([attribute, expected]) => {
    const allowed = Array.isArray(expected) ? expected : [expected];
    return { attribute, allowed };
  });
  return (attributes, open) =>
    tests.every(({ attribute, allowed }) => {
      const value = attribute === 'open' ? open : (attributes[attribute] ?? null);
      return allowed.includes(value);
    });
}
