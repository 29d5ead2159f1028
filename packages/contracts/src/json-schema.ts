import { z } from 'zod';
import type { AnyEventDefinition } from './define-event.ts';

/** A JSON Schema document or subschema, as plain JSON. */
export type JSONSchema = { [keyword: string]: unknown } | boolean;

/** A copy of `value` with every object's keys sorted, so the written file does not depend on declaration order. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort())
      sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
    return sorted;
  }
  return value;
}

/**
 * The JSON Schema of one event's whole envelope. `io: 'input'` describes what a consumer
 * accepts: objects stay open to unknown properties (zod strips them), which is what lets a
 * producer add an optional field without breaking anyone.
 */
export function eventJsonSchema(
  definition: AnyEventDefinition,
  target: 'draft-2020-12' | 'draft-07' = 'draft-2020-12',
): { [keyword: string]: unknown } {
  const schema = z.toJSONSchema(definition.schema, { target, io: 'input', unrepresentable: 'throw' });
  return sortKeys({ ...schema, title: definition.type, description: definition.description }) as {
    [keyword: string]: unknown;
  };
}
