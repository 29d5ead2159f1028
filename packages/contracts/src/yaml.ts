// Plain scalars that YAML 1.1 or 1.2 would read as something other than a string.
const reserved = /^(?:null|~|true|false|yes|no|on|off|y|n)$/i;
const plain = /^[A-Za-z_$][A-Za-z0-9_$./-]*$/;

function scalar(value: string): string {
  if (plain.test(value) && !reserved.test(value)) return value;
  // A JSON string is a valid YAML double-quoted scalar; escape the line breaks YAML 1.1 would fold.
  return JSON.stringify(value).replace(
    /[\u0085\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function isCollection(value: unknown): value is object {
  return value !== null && typeof value === 'object';
}

function isEmpty(value: object): boolean {
  return Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
}

function inline(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return scalar(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`cannot write ${value} as YAML`);
    return String(value);
  }
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return '[]';
  if (isCollection(value)) return '{}';
  throw new TypeError(`cannot write a ${typeof value} as YAML`);
}

function lines(value: unknown, indent: string): string[] {
  if (Array.isArray(value)) {
    return value.flatMap((item) => {
      if (!isCollection(item) || isEmpty(item)) return [`${indent}- ${inline(item)}`];
      // The first line of a nested block sits after the dash; the rest keep the block's indent.
      const [first = '', ...rest] = lines(item, `${indent}  `);
      return [`${indent}- ${first.slice(indent.length + 2)}`, ...rest];
    });
  }
  return Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .flatMap(([key, item]) => {
      if (!isCollection(item) || isEmpty(item)) return [`${indent}${scalar(key)}: ${inline(item)}`];
      return [`${indent}${scalar(key)}:`, ...lines(item, `${indent}  `)];
    });
}

/** Block-style YAML for a JSON value, e.g. `toYaml(asyncApiDocument())` (objects, arrays, strings, finite numbers, booleans, null). */
export function toYaml(value: unknown): string {
  if (!isCollection(value) || isEmpty(value)) return `${inline(value)}\n`;
  return `${lines(value, '').join('\n')}\n`;
}
