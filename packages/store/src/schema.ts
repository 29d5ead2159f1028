import { type Connection, type Model, Schema, type SchemaDefinition, type SchemaOptions } from 'mongoose';
import type { z } from 'zod';

/**
 * Options every model of ours is built with. `strict: 'throw'`: a write naming a field the schema
 * does not declare fails loudly instead of losing it; `minimize: false`: an empty object stays an
 * object (a timeline entry's `details: {}`); no `__v`: our documents carry their own `_version`;
 * `autoIndex: false`: indexes are built at start with `createIndexes`, so a failure is seen.
 */
export const MODEL_OPTIONS = {
  versionKey: false,
  strict: 'throw',
  minimize: false,
  autoIndex: false,
  autoCreate: false,
} as const;

const NESTED_OPTIONS = { _id: false, strict: 'throw', minimize: false } as const;

interface ZodDef {
  type: string;
  innerType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  entries?: Record<string, string | number>;
  values?: readonly unknown[];
  options?: readonly z.ZodType[];
  in?: z.ZodType;
  out?: z.ZodType;
}

const defOf = (schema: z.ZodType): ZodDef => (schema as unknown as { _zod: { def: ZodDef } })._zod.def;

// The wrappers that do not change what is stored.
const TRANSPARENT = new Set([
  'optional',
  'nullable',
  'default',
  'prefault',
  'readonly',
  'catch',
  'nonoptional',
]);

function unwrap(schema: z.ZodType): ZodDef {
  let def = defOf(schema);
  while (TRANSPARENT.has(def.type) && def.innerType) def = defOf(def.innerType);
  // A pipe stores what comes out of it (a coercion, a transform into another schema).
  if (def.type === 'pipe' && def.out) return unwrap(def.out);
  return def;
}

function scalarOf(values: readonly unknown[]): typeof String | typeof Number | typeof Boolean | undefined {
  const kinds = new Set(values.map((value) => typeof value));
  if (kinds.size !== 1) return undefined;
  const [kind] = kinds;
  if (kind === 'string') return String;
  if (kind === 'number') return Number;
  if (kind === 'boolean') return Boolean;
  return undefined;
}

/** The mongoose type of one zod schema: what the store keeps, not what a request may send. */
function pathOf(schema: z.ZodType): unknown {
  const def = unwrap(schema);
  switch (def.type) {
    case 'string':
      return { type: String };
    case 'number':
    case 'int':
      return { type: Number };
    case 'boolean':
      return { type: Boolean };
    case 'date':
      return { type: Date };
    case 'enum': {
      const values = Object.values(def.entries ?? {});
      const type = scalarOf(values);
      return type ? { type, enum: values } : { type: Schema.Types.Mixed };
    }
    case 'literal': {
      const type = scalarOf(def.values ?? []);
      return type ? { type } : { type: Schema.Types.Mixed };
    }
    case 'object':
      // A nested schema rather than a nested path: it may be null (a plan not made yet).
      return { type: new Schema(fieldsOf(def.shape ?? {}), NESTED_OPTIONS) };
    case 'array': {
      if (!def.element) return [Schema.Types.Mixed];
      const element = pathOf(def.element) as { type?: unknown };
      return [element.type instanceof Schema ? element.type : element];
    }
    case 'union': {
      const options = (def.options ?? []).map(unwrap);
      const simple = options.every(
        (o) => o.type === options[0]?.type && ['string', 'number', 'boolean'].includes(o.type),
      );
      return simple && options[0] ? pathOf(def.options?.[0] as z.ZodType) : { type: Schema.Types.Mixed };
    }
    default:
      // Records, unknown, any, unions of shapes: stored as they are, validated by their zod schema.
      return { type: Schema.Types.Mixed };
  }
}

function fieldsOf(shape: Record<string, z.ZodType>): SchemaDefinition {
  return Object.fromEntries(
    Object.entries(shape).map(([name, schema]) => [name, pathOf(schema)]),
  ) as SchemaDefinition;
}

/**
 * The mongoose fields for a zod object: one zod schema is the source of truth for a stored shape,
 * and the model declares the same fields and types. Nested objects become nested schemas (which
 * may be null), arrays of objects document arrays without `_id`s, enums strings with their
 * values, records and unions of shapes Mixed. Validation stays with zod: no `required` here
 * (mongoose's would refuse an empty string).
 */
export function mongooseFields(object: z.ZodObject): SchemaDefinition {
  return fieldsOf(object.shape as Record<string, z.ZodType>);
}

export interface ModelSpec {
  /** The model's name, unique per connection, e.g. `Template`. */
  name: string;
  collection: string;
  /** The stored fields besides `_id` (and those in `extra`). */
  fields: z.ZodObject;
  /** The type of `_id`. Default String. */
  id?: typeof String | typeof Number;
  /** Mongoose paths added as they are, e.g. the outbox fields. */
  extra?: SchemaDefinition;
  /** Mongoose schema options beside MODEL_OPTIONS (e.g. a reserved path name the document needs). */
  options?: SchemaOptions;
  /**
   * Top-level fields a hot query filters on by equality: on FerretDB only those are pushed down
   * to PostgreSQL (and the store's GIN twins serve them). One ascending index each.
   */
  indexes?: readonly string[];
}

/**
 * The model of one collection on `connection`, built once per connection. Build its indexes with
 * `await model.createIndexes()` at start.
 */
// biome-ignore lint/suspicious/noExplicitAny: documents of any shape; reads are typed by their repositories
export function storeModel(connection: Connection, spec: ModelSpec): Model<any> {
  const known = connection.models[spec.name];
  if (known) return known;
  const schema = new Schema(
    { _id: spec.id ?? String, ...mongooseFields(spec.fields), ...spec.extra },
    { ...MODEL_OPTIONS, ...spec.options },
  );
  for (const field of spec.indexes ?? []) schema.index({ [field]: 1 });
  return connection.model(spec.name, schema, spec.collection);
}
