import { sortKeys } from './json-schema.ts';

// Helpers of compat.ts: paths, values, and the limits (length, count, bounds, pattern, format) a
// current schema may loosen but not tighten.

export type SchemaObject = { [keyword: string]: unknown };

export function canonical(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

export function show(value: unknown): string {
  return JSON.stringify(value);
}

export function child(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

export function where(path: string): string {
  return path === '' ? '(root)' : path;
}

interface Bound {
  value: number;
  exclusive: boolean;
}

// The tighter of an inclusive and an exclusive bound; for integers `> n` is `>= n + 1`.
function bound(schema: SchemaObject, side: 'min' | 'max'): Bound | undefined {
  const inclusive = schema[side === 'min' ? 'minimum' : 'maximum'];
  const exclusive = schema[side === 'min' ? 'exclusiveMinimum' : 'exclusiveMaximum'];
  const candidates: Bound[] = [];
  if (typeof inclusive === 'number') candidates.push({ value: inclusive, exclusive: false });
  if (typeof exclusive === 'number') candidates.push({ value: exclusive, exclusive: true });
  const integer = schema.type === 'integer';
  const normal = candidates.map((b) =>
    integer && b.exclusive
      ? { value: side === 'min' ? Math.floor(b.value) + 1 : Math.ceil(b.value) - 1, exclusive: false }
      : b,
  );
  let tightest: Bound | undefined;
  for (const b of normal) {
    if (tightest === undefined || tighter(b, tightest, side)) tightest = b;
  }
  return tightest;
}

function tighter(a: Bound, b: Bound, side: 'min' | 'max'): boolean {
  if (a.value !== b.value) return side === 'min' ? a.value > b.value : a.value < b.value;
  return a.exclusive && !b.exclusive;
}

function showBound(b: Bound | undefined, side: 'min' | 'max'): string {
  if (b === undefined) return 'none';
  return `${side === 'min' ? '>' : '<'}${b.exclusive ? '' : '='} ${b.value}`;
}

export function compareCounts(
  published: SchemaObject,
  current: SchemaObject,
  min: string,
  max: string,
  path: string,
  out: string[],
): void {
  const oldMin = typeof published[min] === 'number' ? published[min] : 0;
  const newMin = current[min];
  if (typeof newMin === 'number' && newMin > oldMin) {
    out.push(`${where(path)}: ${min} raised from ${oldMin} to ${newMin}`);
  }
  const oldMax = published[max];
  const newMax = current[max];
  if (typeof newMax === 'number' && (typeof oldMax !== 'number' || newMax < oldMax)) {
    out.push(
      `${where(path)}: ${max} lowered from ${typeof oldMax === 'number' ? oldMax : 'none'} to ${newMax}`,
    );
  }
}

export function compareStrings(
  published: SchemaObject,
  current: SchemaObject,
  path: string,
  out: string[],
): void {
  compareCounts(published, current, 'minLength', 'maxLength', path, out);
  for (const keyword of ['pattern', 'format']) {
    const before = published[keyword];
    const after = current[keyword];
    if (after !== undefined && after !== before) {
      out.push(
        before === undefined
          ? `${where(path)}: ${keyword} ${show(after)} added`
          : `${where(path)}: ${keyword} changed from ${show(before)} to ${show(after)}`,
      );
    }
  }
}

export function compareNumbers(
  published: SchemaObject,
  current: SchemaObject,
  path: string,
  out: string[],
): void {
  for (const side of ['min', 'max'] as const) {
    const before = bound(published, side);
    const after = bound(current, side);
    if (after !== undefined && (before === undefined || tighter(after, before, side))) {
      const name = side === 'min' ? 'minimum raised' : 'maximum lowered';
      out.push(`${where(path)}: ${name} from ${showBound(before, side)} to ${showBound(after, side)}`);
    }
  }
  const before = published.multipleOf;
  const after = current.multipleOf;
  if (typeof after === 'number' && !(typeof before === 'number' && Number.isInteger(before / after))) {
    out.push(`${where(path)}: multipleOf changed from ${show(before ?? 'none')} to ${after}`);
  }
}
