import type { AnyEventDefinition, EventFor } from './define-event.ts';
import { envelopeSchema } from './envelope.ts';
import { describeIssues, formatPath } from './issues.ts';

/** The outcome of reading one raw message: a valid event with its definition, or why not. */
export type ParseEventResult<Definition extends AnyEventDefinition> =
  | { ok: true; event: EventFor<Definition>; definition: Definition }
  | {
      ok: false;
      /** Every problem on one line, `path: message; path: message` — fit for a dead-letter header. */
      error: string;
      issues: readonly string[];
    };

export interface EventRegistry<Definition extends AnyEventDefinition> {
  /** The definition of a registered type. */
  get<Type extends Definition['type']>(type: Type): Extract<Definition, { type: Type }>;
  /** The definition of `type`, or `undefined` when no such type is registered. */
  get(type: string): Definition | undefined;
  /** Every definition, in registration order. */
  all(): readonly Definition[];
  /** The definitions of the events that may appear on `topic`. */
  onTopic(topic: string): readonly Definition[];
  /**
   * Validates an untrusted message: the envelope, then the payload by its type. Unknown types
   * are an error too; consumers send every failure to the dead-letter topic.
   */
  parseEvent(raw: unknown): ParseEventResult<Definition>;
}

function failure(issues: string[]): { ok: false; error: string; issues: readonly string[] } {
  return { ok: false, error: issues.join('; '), issues };
}

/** A registry over `definitions`; throws when two definitions share a type. */
export function createEventRegistry<const Definition extends AnyEventDefinition>(
  definitions: readonly Definition[],
): EventRegistry<Definition> {
  const byType = new Map<string, Definition>();
  for (const definition of definitions) {
    if (byType.has(definition.type)) throw new Error(`event type ${definition.type} is defined twice`);
    byType.set(definition.type, definition);
  }

  function unknownType(type: string): string {
    const base = type.replace(/\.v[0-9]+$/, '.v');
    const versions = definitions.filter((d) => d.type.startsWith(base)).map((d) => `v${d.version}`);
    const known = versions.length > 0 ? ` (known versions: ${versions.join(', ')})` : '';
    return `${formatPath(['type'])}: unknown event type ${JSON.stringify(type)}${known}`;
  }

  function parseEvent(raw: unknown): ParseEventResult<Definition> {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      return failure(['(event): must be a JSON object']);
    }
    const type = (raw as { type?: unknown }).type;
    const definition = typeof type === 'string' ? byType.get(type) : undefined;
    if (definition === undefined) {
      const envelope = envelopeSchema.safeParse(raw);
      const issues = envelope.success ? [] : describeIssues(envelope.error.issues, raw);
      // A malformed or missing type is already reported by the envelope schema.
      if (typeof type === 'string' && !issues.some((issue) => issue.startsWith('type:'))) {
        issues.push(unknownType(type));
      }
      return failure(issues);
    }
    const result = definition.schema.safeParse(raw);
    if (!result.success) return failure(describeIssues(result.error.issues, raw));
    return { ok: true, event: result.data as EventFor<Definition>, definition };
  }

  const registry = {
    get: (type: string) => byType.get(type),
    all: () => definitions,
    onTopic: (topic: string) => definitions.filter((d) => d.topics.includes(topic as never)),
    parseEvent,
  };
  return registry as unknown as EventRegistry<Definition>;
}
