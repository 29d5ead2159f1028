import {
  canonical,
  child,
  compareCounts,
  compareNumbers,
  compareStrings,
  type SchemaObject,
  show,
  where,
} from './compat-limits.ts';
import type { JSONSchema } from './json-schema.ts';

// Keywords that document but do not constrain; changing them never breaks a reader.
const annotations = new Set([
  '$schema',
  '$id',
  '$comment',
  '$defs',
  'definitions',
  'title',
  'description',
  'examples',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
  'contentMediaType',
]);

// Keywords this checker understands; any other constraint that changes is reported as unjudgeable.
const understood = new Set([
  '$ref',
  'type',
  'enum',
  'const',
  'anyOf',
  'oneOf',
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  'minProperties',
  'maxProperties',
  'items',
  'prefixItems',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
]);

interface Context {
  publishedRoot: JSONSchema;
  currentRoot: JSONSchema;
  /** Whether both documents define the same `$defs`, so equal `$ref`s mean equal schemas. */
  sameDefinitions: boolean;
  seen: Set<string>;
}

function asObject(schema: unknown): SchemaObject {
  if (schema === true || schema === undefined) return {};
  if (schema === false) return { not: {} };
  return schema as SchemaObject;
}

function resolve(schema: SchemaObject, root: JSONSchema): SchemaObject {
  const ref = schema.$ref;
  if (typeof ref !== 'string') return schema;
  if (!ref.startsWith('#')) throw new Error(`cannot resolve external $ref ${ref}`);
  let target: unknown = root;
  const tokens = ref
    .slice(1)
    .split('/')
    .filter((t) => t !== '');
  for (const token of tokens) {
    const key = decodeURIComponent(token).replaceAll('~1', '/').replaceAll('~0', '~');
    target = (asObject(target) as Record<string, unknown>)[key];
  }
  if (target === undefined) throw new Error(`$ref ${ref} points nowhere`);
  const { $ref: _ref, ...siblings } = schema;
  return { ...asObject(target), ...siblings };
}

function typesOf(schema: SchemaObject): string[] | undefined {
  if (typeof schema.type === 'string') return [schema.type];
  if (Array.isArray(schema.type)) return schema.type as string[];
  const values = 'const' in schema ? [schema.const] : Array.isArray(schema.enum) ? schema.enum : undefined;
  if (values === undefined) return undefined;
  return [
    ...new Set(
      values.map((v) => {
        if (v === null) return 'null';
        if (Array.isArray(v)) return 'array';
        if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
        return typeof v;
      }),
    ),
  ];
}

function allowedValues(schema: SchemaObject): unknown[] | undefined {
  if ('const' in schema) return [schema.const];
  return Array.isArray(schema.enum) ? schema.enum : undefined;
}

function typeAccepted(type: string, accepted: readonly string[]): boolean {
  return accepted.includes(type) || (type === 'integer' && accepted.includes('number'));
}

function without(schema: SchemaObject, keyword: string): SchemaObject {
  const { [keyword]: _removed, ...rest } = schema;
  return rest;
}

function unionOf(schema: SchemaObject): { keyword: string; branches: unknown[] } | undefined {
  for (const keyword of ['anyOf', 'oneOf']) {
    const branches = schema[keyword];
    if (Array.isArray(branches)) return { keyword, branches };
  }
  return undefined;
}

function compare(publishedIn: unknown, currentIn: unknown, path: string, ctx: Context, out: string[]): void {
  if (currentIn === true || publishedIn === false) return;
  const text = canonical(publishedIn);
  if (text === canonical(currentIn) && (ctx.sameDefinitions || !text.includes('"$ref"'))) return;
  const publishedRaw = asObject(publishedIn);
  const currentRaw = asObject(currentIn);
  if (typeof publishedRaw.$ref === 'string' || typeof currentRaw.$ref === 'string') {
    const key = `${String(publishedRaw.$ref)}|${String(currentRaw.$ref)}`;
    if (ctx.seen.has(key)) return; // compared already, or further up a recursive schema
    ctx.seen.add(key);
  }
  const published = resolve(publishedRaw, ctx.publishedRoot);
  const current = resolve(currentRaw, ctx.currentRoot);

  // Every alternative a published event may have taken must still be accepted.
  const publishedUnion = unionOf(published);
  if (publishedUnion !== undefined) {
    const rest = without(published, publishedUnion.keyword);
    for (const branch of publishedUnion.branches)
      compare({ ...rest, ...asObject(branch) }, current, path, ctx, out);
    return;
  }
  const currentUnion = unionOf(current);
  if (currentUnion !== undefined) {
    compareToUnion(published, current, currentUnion, path, ctx, out);
    return;
  }

  for (const keyword of new Set([...Object.keys(published), ...Object.keys(current)])) {
    if (annotations.has(keyword) || understood.has(keyword)) continue;
    if (canonical(published[keyword]) !== canonical(current[keyword])) {
      out.push(`${where(path)}: keyword ${keyword} changed, which this checker cannot judge`);
    }
  }
  if (current.not !== undefined && Object.keys(asObject(current.not)).length === 0) {
    out.push(`${where(path)}: no longer accepts any value`);
    return;
  }

  const oldTypes = typesOf(published);
  const newTypes = typesOf(current);
  if (newTypes !== undefined) {
    const lost = oldTypes === undefined ? ['any'] : oldTypes.filter((t) => !typeAccepted(t, newTypes));
    if (lost.length > 0) {
      out.push(
        `${where(path)}: type changed from ${(oldTypes ?? ['any']).join(' | ')} to ${newTypes.join(' | ')}`,
      );
      if (oldTypes !== undefined && lost.length === oldTypes.length) return; // nothing left in common
    }
  }

  const oldValues = allowedValues(published);
  const newValues = allowedValues(current);
  if (newValues !== undefined) {
    const newSet = new Set(newValues.map(canonical));
    if (oldValues === undefined) {
      out.push(`${where(path)}: now restricted to ${newValues.map(show).join(', ')}`);
    } else if ('const' in published && 'const' in current) {
      if (canonical(published.const) !== canonical(current.const)) {
        out.push(`${where(path)}: const changed from ${show(published.const)} to ${show(current.const)}`);
      }
    } else {
      const removed = oldValues.filter((v) => !newSet.has(canonical(v)));
      if (removed.length > 0) out.push(`${where(path)}: enum value ${removed.map(show).join(', ')} removed`);
    }
  }

  compareStrings(published, current, path, out);
  compareNumbers(published, current, path, out);
  compareArrays(published, current, path, ctx, out);
  compareObjects(published, current, path, ctx, out);
}

function compareToUnion(
  published: SchemaObject,
  current: SchemaObject,
  union: { keyword: string; branches: unknown[] },
  path: string,
  ctx: Context,
  out: string[],
): void {
  const rest = without(current, union.keyword);
  let best: string[] | undefined;
  for (const branch of union.branches) {
    const issues: string[] = [];
    compare(published, { ...rest, ...asObject(branch) }, path, ctx, issues);
    if (issues.length === 0) return;
    const typeMismatch = issues.some((i) => i.startsWith(`${where(path)}: type changed`));
    if (!typeMismatch && (best === undefined || issues.length < best.length)) best = issues;
  }
  if (best !== undefined) {
    out.push(...best);
    return;
  }
  const types = union.branches.flatMap((b) => typesOf(asObject(b)) ?? ['any']);
  out.push(
    `${where(path)}: type changed from ${(typesOf(published) ?? ['any']).join(' | ')} to ${types.join(' | ')}`,
  );
}

function compareArrays(
  published: SchemaObject,
  current: SchemaObject,
  path: string,
  ctx: Context,
  out: string[],
): void {
  compareCounts(published, current, 'minItems', 'maxItems', path, out);
  if (current.uniqueItems === true && published.uniqueItems !== true) {
    out.push(`${where(path)}: items must now be unique`);
  }
  const oldPrefix = Array.isArray(published.prefixItems) ? published.prefixItems : [];
  const newPrefix = Array.isArray(current.prefixItems) ? current.prefixItems : [];
  const length = Math.max(oldPrefix.length, newPrefix.length);
  for (let i = 0; i < length; i++) {
    const before = i < oldPrefix.length ? oldPrefix[i] : published.items;
    const after = i < newPrefix.length ? newPrefix[i] : current.items;
    compare(before, after, `${path}[${i}]`, ctx, out);
  }
  if (published.items !== undefined || current.items !== undefined) {
    compare(published.items, current.items, `${path}[]`, ctx, out);
  }
}

function compareObjects(
  published: SchemaObject,
  current: SchemaObject,
  path: string,
  ctx: Context,
  out: string[],
): void {
  compareCounts(published, current, 'minProperties', 'maxProperties', path, out);
  const oldProperties = asObject(published.properties);
  const newProperties = asObject(current.properties);
  const oldRequired = new Set(Array.isArray(published.required) ? (published.required as string[]) : []);
  const newRequired = Array.isArray(current.required) ? (current.required as string[]) : [];

  for (const key of Object.keys(oldProperties)) {
    if (!(key in newProperties)) out.push(`${where(child(path, key))}: property removed`);
    else compare(oldProperties[key], newProperties[key], child(path, key), ctx, out);
  }
  for (const key of newRequired) {
    if (oldRequired.has(key)) continue;
    out.push(
      `${where(child(path, key))}: ${key in oldProperties ? 'optional property became required' : 'required property added'}`,
    );
  }
  const oldAdditional = published.additionalProperties;
  const newAdditional = current.additionalProperties;
  // A new property used to fall under the published additionalProperties schema, if it had one.
  if (oldAdditional !== undefined && oldAdditional !== true) {
    for (const key of Object.keys(newProperties)) {
      if (!(key in oldProperties)) compare(oldAdditional, newProperties[key], child(path, key), ctx, out);
    }
  }
  if (oldAdditional !== undefined || newAdditional !== undefined) {
    if (newAdditional === false && oldAdditional !== false) {
      out.push(`${where(path)}: additional properties no longer allowed`);
    } else {
      compare(oldAdditional, newAdditional, child(path, '*'), ctx, out);
    }
  }
  if (published.propertyNames !== undefined || current.propertyNames !== undefined) {
    compare(published.propertyNames, current.propertyNames, `${child(path, '*')} (key)`, ctx, out);
  }
}

/**
 * The ways `current` breaks readers of `published`, one sentence each; empty when it is safe.
 * Safe means: every event valid under the published schema is valid under the current one, and
 * no property a reader may rely on has gone. So adding an optional property, widening a limit,
 * adding an enum value or rewording a description is safe; removing a property, requiring one,
 * changing a type, removing an enum value, changing a const and tightening a limit, pattern or
 * format are breaking. Covers the JSON Schema subset zod emits; keywords outside it (allOf, not…)
 * that change are reported as breaking rather than guessed at.
 */
export function breakingChanges(published: JSONSchema, current: JSONSchema): string[] {
  const out: string[] = [];
  const definitions = (schema: JSONSchema) =>
    canonical([asObject(schema).$defs, asObject(schema).definitions]);
  const sameDefinitions = definitions(published) === definitions(current);
  compare(
    published,
    current,
    '',
    { publishedRoot: published, currentRoot: current, sameDefinitions, seen: new Set() },
    out,
  );
  return [...new Set(out)];
}
