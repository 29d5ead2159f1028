import type { z } from 'zod';

// Whether `path` names a value in `root`; a key holding `undefined` counts as missing, as in JSON.
function isPresent(root: unknown, path: readonly PropertyKey[]): boolean {
  let current: unknown = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return false;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current !== undefined;
}

function expectation(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') return ` (expected ${issue.expected})`;
  if (issue.code === 'invalid_value')
    return ` (expected ${issue.values.map((v) => JSON.stringify(v)).join(' | ')})`;
  return '';
}

/** `data.overrides[0].rule` for the path `['data', 'overrides', 0, 'rule']`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text === '' ? '(event)' : text;
}

/**
 * One line per issue, `path: message`. A missing key is reported as missing rather than with
 * zod's "expected string, received undefined", which reads as if a value had been sent.
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[], input: unknown): string[] {
  return issues.map((issue) => {
    const where = formatPath(issue.path);
    if ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && !isPresent(input, issue.path)) {
      return `${where}: is required${expectation(issue)}`;
    }
    return `${where}: ${issue.message}`;
  });
}
