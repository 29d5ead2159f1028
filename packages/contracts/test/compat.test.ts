import t from 'tap';
import { z } from 'zod';
import { breakingChanges, type JSONSchema } from '../src/index.ts';

const str = { type: 'string' };
const obj = (properties: Record<string, unknown>, required: string[] = [], extra: object = {}) => ({
  type: 'object',
  properties,
  required,
  ...extra,
});

function fromZod(schema: z.ZodType): JSONSchema {
  return z.toJSONSchema(schema, { io: 'input' }) as JSONSchema;
}

t.test('an unchanged schema has no breaking change', async (t) => {
  const schema = obj({ a: str, b: { type: 'integer', minimum: 1 } }, ['a']);
  t.strictSame(breakingChanges(schema, structuredClone(schema)), []);
});

t.test('an added optional property is not breaking', async (t) => {
  t.strictSame(breakingChanges(obj({ a: str }, ['a']), obj({ a: str, b: str }, ['a'])), []);
  t.strictSame(
    breakingChanges(
      obj({ a: str }, ['a'], { additionalProperties: false }),
      obj({ a: str, b: str }, ['a'], { additionalProperties: false }),
    ),
    [],
  );
});

t.test('documentation changes are not breaking', async (t) => {
  t.strictSame(
    breakingChanges(
      obj({ a: { ...str, description: 'old' } }, ['a'], { title: 'x' }),
      obj({ a: { ...str, description: 'new', examples: ['e'] } }, ['a'], { title: 'y' }),
    ),
    [],
  );
});

t.test('a removed property is breaking, required or not', async (t) => {
  t.strictSame(breakingChanges(obj({ a: str, b: str }, ['a']), obj({ a: str }, ['a'])), [
    'b: property removed',
  ]);
  t.strictSame(breakingChanges(obj({ a: str, b: str }, ['a']), obj({ b: str })), ['a: property removed']);
});

t.test('an optional property made required is breaking', async (t) => {
  t.strictSame(breakingChanges(obj({ a: str }), obj({ a: str }, ['a'])), [
    'a: optional property became required',
  ]);
});

t.test('a required property made optional is not breaking', async (t) => {
  t.strictSame(breakingChanges(obj({ a: str }, ['a']), obj({ a: str })), []);
});

t.test('an added required property is breaking', async (t) => {
  t.strictSame(breakingChanges(obj({ a: str }, ['a']), obj({ a: str, b: str }, ['a', 'b'])), [
    'b: required property added',
  ]);
});

t.test('a changed type is breaking; integer to number widens and is not', async (t) => {
  t.strictSame(breakingChanges(obj({ a: str }), obj({ a: { type: 'number' } })), [
    'a: type changed from string to number',
  ]);
  t.strictSame(breakingChanges({ type: 'integer' }, { type: 'number' }), []);
  t.strictSame(breakingChanges({ type: 'number' }, { type: 'integer' }), [
    '(root): type changed from number to integer',
  ]);
  t.strictSame(breakingChanges({}, { type: 'string' }), ['(root): type changed from any to string']);
});

t.test('a removed enum value is breaking; an added one is not', async (t) => {
  const levels = { type: 'string', enum: ['low', 'general', 'major'] };
  t.strictSame(breakingChanges(levels, { type: 'string', enum: ['low', 'major'] }), [
    '(root): enum value "general" removed',
  ]);
  t.strictSame(
    breakingChanges(levels, { type: 'string', enum: ['low', 'general', 'significant', 'major'] }),
    [],
  );
  t.strictSame(breakingChanges(str, { type: 'string', enum: ['low'] }), ['(root): now restricted to "low"']);
});

t.test('a changed const is breaking', async (t) => {
  t.strictSame(breakingChanges({ type: 'string', const: '1.0' }, { type: 'string', const: '2.0' }), [
    '(root): const changed from "1.0" to "2.0"',
  ]);
});

t.test('a pattern or format added or changed is breaking; one removed is not', async (t) => {
  t.strictSame(breakingChanges(str, { ...str, pattern: '^[a-z]+$' }), ['(root): pattern "^[a-z]+$" added']);
  t.strictSame(breakingChanges({ ...str, pattern: '^[a-z]+$' }, { ...str, pattern: '^[a-z]*$' }), [
    '(root): pattern changed from "^[a-z]+$" to "^[a-z]*$"',
  ]);
  t.strictSame(breakingChanges(str, { ...str, format: 'uuid' }), ['(root): format "uuid" added']);
  t.strictSame(breakingChanges({ ...str, pattern: '^x$', format: 'uuid' }, str), []);
});

t.test('a tightened length or count is breaking; a loosened one is not', async (t) => {
  t.strictSame(breakingChanges({ ...str, minLength: 1 }, { ...str, minLength: 2 }), [
    '(root): minLength raised from 1 to 2',
  ]);
  t.strictSame(breakingChanges({ ...str, maxLength: 10 }, { ...str, maxLength: 9 }), [
    '(root): maxLength lowered from 10 to 9',
  ]);
  t.strictSame(breakingChanges(str, { ...str, maxLength: 100 }), [
    '(root): maxLength lowered from none to 100',
  ]);
  t.strictSame(
    breakingChanges({ ...str, minLength: 2, maxLength: 9 }, { ...str, minLength: 1, maxLength: 10 }),
    [],
  );
  t.strictSame(
    breakingChanges(
      { type: 'array', items: str },
      { type: 'array', items: str, minItems: 1, uniqueItems: true },
    ),
    ['(root): minItems raised from 0 to 1', '(root): items must now be unique'],
  );
});

t.test('a raised minimum or lowered maximum is breaking, exclusive bounds included', async (t) => {
  const n = { type: 'number' };
  t.strictSame(breakingChanges({ ...n, minimum: 0 }, { ...n, minimum: 1 }), [
    '(root): minimum raised from >= 0 to >= 1',
  ]);
  t.strictSame(breakingChanges({ ...n, minimum: 0 }, { ...n, exclusiveMinimum: 0 }), [
    '(root): minimum raised from >= 0 to > 0',
  ]);
  t.strictSame(breakingChanges({ ...n, maximum: 100 }, { ...n, maximum: 99.5 }), [
    '(root): maximum lowered from <= 100 to <= 99.5',
  ]);
  t.strictSame(breakingChanges(n, { ...n, maximum: 100 }), ['(root): maximum lowered from none to <= 100']);
  t.strictSame(breakingChanges({ ...n, minimum: 1, maximum: 10 }, { ...n, minimum: 0, maximum: 11 }), []);
  t.strictSame(
    breakingChanges({ type: 'integer', exclusiveMinimum: 0 }, { type: 'integer', minimum: 1 }),
    [],
    'for integers > 0 is >= 1',
  );
  t.strictSame(breakingChanges({ ...n, multipleOf: 0.01 }, { ...n, multipleOf: 1 }), [
    '(root): multipleOf changed from 0.01 to 1',
  ]);
});

t.test('changes inside array items and nested objects are reported at their path', async (t) => {
  const before = obj({ list: { type: 'array', items: obj({ x: str, y: str }, ['x']) } });
  const after = obj({ list: { type: 'array', items: obj({ x: { type: 'integer' } }, ['x']) } });
  t.strictSame(breakingChanges(before, after), [
    'list[].x: type changed from string to integer',
    'list[].y: property removed',
  ]);
});

t.test('dropping null from a nullable value is breaking; adding it is not', async (t) => {
  const nullable = { anyOf: [{ type: 'number', maximum: 100 }, { type: 'null' }] };
  t.strictSame(breakingChanges(nullable, { type: 'number', maximum: 100 }), [
    '(root): type changed from null to number',
  ]);
  t.strictSame(breakingChanges({ type: 'number', maximum: 100 }, nullable), []);
  t.strictSame(breakingChanges(nullable, { anyOf: [{ type: 'number', maximum: 50 }, { type: 'null' }] }), [
    '(root): maximum lowered from <= 100 to <= 50',
  ]);
});

t.test('closing an open object or narrowing a map value is breaking', async (t) => {
  t.strictSame(breakingChanges(obj({ a: str }), obj({ a: str }, [], { additionalProperties: false })), [
    '(root): additional properties no longer allowed',
  ]);
  const map = (level: object) => ({
    type: 'object',
    propertyNames: { type: 'string', pattern: '^[a-z]+$' },
    additionalProperties: obj({ level }, ['level']),
  });
  t.strictSame(breakingChanges(map({ enum: ['low', 'major'] }), map({ enum: ['major'] })), [
    '*.level: enum value "low" removed',
  ]);
});

t.test('a keyword the checker does not understand is reported when it changes', async (t) => {
  t.strictSame(breakingChanges({ allOf: [str] }, { allOf: [str, { minLength: 1 }] }), [
    '(root): keyword allOf changed, which this checker cannot judge',
  ]);
});

t.test('$refs are followed, recursive schemas included', async (t) => {
  const tree = (extra: object) => ({
    $ref: '#/$defs/node',
    $defs: {
      node: obj(
        { name: { type: 'string', ...extra }, children: { type: 'array', items: { $ref: '#/$defs/node' } } },
        ['name'],
      ),
    },
  });
  t.strictSame(breakingChanges(tree({}), tree({ description: 'x' })), []);
  t.strictSame(breakingChanges(tree({}), tree({ minLength: 3 })), ['name: minLength raised from 0 to 3']);
});

t.test('schemas zod emits compare as the rules say', async (t) => {
  const v1 = z.object({
    level: z.enum(['low', 'major']),
    note: z.string().optional(),
    score: z.number().min(0),
  });
  t.strictSame(breakingChanges(fromZod(v1), fromZod(v1.extend({ extra: z.string().optional() }))), []);
  t.strictSame(breakingChanges(fromZod(v1), fromZod(v1.extend({ note: z.string() }))), [
    'note: optional property became required',
  ]);
  t.strictSame(breakingChanges(fromZod(v1), fromZod(v1.extend({ score: z.number().positive() }))), [
    'score: minimum raised from >= 0 to > 0',
  ]);
  t.strictSame(breakingChanges(fromZod(v1), fromZod(v1.extend({ level: z.enum(['major']) }))), [
    'level: enum value "low" removed',
  ]);
  t.strictSame(breakingChanges(fromZod(v1), fromZod(v1.extend({ score: z.number().min(0).nullable() }))), []);
});
