import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { type Envelope, envelopeAttributes, eventTypePattern } from './envelope.ts';
import { describeIssues } from './issues.ts';
import type { TopicName } from './topics.ts';

/** `zone.<domain>.<name>.v<version>`, computed from a definition's parts. */
export type EventTypeOf<
  Domain extends string,
  Name extends string,
  Version extends number,
> = `zone.${Domain}.${Name}.v${Version}`;

/** One event as it travels: the envelope with its own `type` literal and payload. */
export type EventOf<Type extends string, Data> = Omit<Envelope, 'type' | 'data'> & { type: Type; data: Data };

/** What a producer supplies to build an event; the rest of the envelope comes from the definition. */
export interface CreateEventInput<Data> {
  /** Defaults to a random UUID. Pass the id stored in the outbox so a re-send keeps it. */
  id?: string;
  /** Defaults to now. */
  time?: Date | string;
  source: string;
  zoneid: string;
  aggregateid: string;
  aggregateversion: number;
  correlationid: string;
  causationid?: string;
  /** Defaults to `aggregateid`. */
  subject?: string;
  data: Data;
}

export interface EventDefinitionInput<
  Domain extends string,
  Name extends string,
  Version extends number,
  Data extends z.ZodObject,
> {
  /** The business domain that owns the event (`safety`, `environment`, `food-drug`, `debt`, `risk`…). */
  domain: Domain;
  /** Past-tense PascalCase fact, e.g. `HazardReported`. */
  name: Name;
  /** 1, 2…: bump for any breaking change to the schema, see the package README. */
  version: Version;
  aggregateType: string;
  /** The topic it is published on, or every topic it may appear on. */
  topic: TopicName | readonly TopicName[];
  description: string;
  data: Data;
}

export interface EventDefinition<Type extends string = string, Data extends z.ZodObject = z.ZodObject> {
  readonly type: Type;
  readonly domain: string;
  readonly name: string;
  readonly version: number;
  readonly aggregateType: string;
  readonly topics: readonly TopicName[];
  readonly description: string;
  /** The payload schema. */
  readonly data: Data;
  /** The whole envelope with `type` fixed to this event's type and `data` to its payload. */
  readonly schema: z.ZodType<EventOf<Type, z.output<Data>>>;
  /** Builds and validates an event; throws {@link InvalidEventError} when anything is wrong. */
  create(input: CreateEventInput<z.input<Data>>): EventOf<Type, z.output<Data>>;
}

/** Any definition, for registries and generators that handle every event alike. */
export type AnyEventDefinition = EventDefinition<string, z.ZodObject>;

/** The event type a definition validates, e.g. `EventFor<typeof hazardReported>`. */
export type EventFor<Definition> =
  Definition extends EventDefinition<infer Type, infer Data> ? EventOf<Type, z.output<Data>> : never;

/** The event name inside an event type: `HazardReported` for `zone.safety.HazardReported.v1`. */
export type EventNameOf<Type extends string> = Type extends `zone.${string}.${infer Name}.v${number}`
  ? Name
  : never;

/**
 * What a producer decides for each of `Definition` (a union of definitions gives a union of facts):
 * the event's name and its payload without `StateKey`, the fields every event of the aggregate
 * carries — the producer adds those from the aggregate's new state, so a decision cannot state them.
 */
export type FactOf<
  Definition extends AnyEventDefinition,
  StateKey extends PropertyKey = never,
> = Definition extends AnyEventDefinition
  ? { name: EventNameOf<Definition['type']>; facts: Omit<z.input<Definition['data']>, StateKey> }
  : never;

/** Thrown by `create()` when the event it would build is not valid. */
export class InvalidEventError extends Error {
  readonly issues: readonly string[];

  constructor(type: string, issues: readonly string[]) {
    super(`invalid ${type} event: ${issues.join('; ')}`);
    this.name = 'InvalidEventError';
    this.issues = issues;
  }
}

const domainPattern = /^[a-z][a-z-]*$/;
const namePattern = /^[A-Z][A-Za-z]+$/;

/** Declares one version of one event: its type string, envelope schema and a typed builder. */
export function defineEvent<
  const Domain extends string,
  const Name extends string,
  const Version extends number,
  Data extends z.ZodObject,
>(
  input: EventDefinitionInput<Domain, Name, Version, Data>,
): EventDefinition<EventTypeOf<Domain, Name, Version>, Data> {
  const type: EventTypeOf<Domain, Name, Version> = `zone.${input.domain}.${input.name}.v${input.version}`;
  if (!domainPattern.test(input.domain) || !namePattern.test(input.name) || !eventTypePattern.test(type)) {
    throw new TypeError(
      `event type ${type} must look like zone.<domain>.<EventName>.v<version>, version >= 1`,
    );
  }
  const topics: readonly TopicName[] = typeof input.topic === 'string' ? [input.topic] : [...input.topic];
  if (topics.length === 0) throw new TypeError(`event type ${type} must name at least one topic`);

  const schema = z
    .object({ ...envelopeAttributes, type: z.literal(type), data: input.data })
    .describe(input.description);

  return {
    type,
    domain: input.domain,
    name: input.name,
    version: input.version,
    aggregateType: input.aggregateType,
    topics,
    description: input.description,
    data: input.data,
    schema: schema as unknown as z.ZodType<EventOf<EventTypeOf<Domain, Name, Version>, z.output<Data>>>,
    create(fields) {
      const time = fields.time ?? new Date();
      const raw = {
        specversion: '1.0',
        id: fields.id ?? randomUUID(),
        source: fields.source,
        type,
        time: time instanceof Date ? time.toISOString() : time,
        subject: fields.subject ?? fields.aggregateid,
        datacontenttype: 'application/json',
        zoneid: fields.zoneid,
        aggregatetype: input.aggregateType,
        aggregateid: fields.aggregateid,
        aggregateversion: fields.aggregateversion,
        correlationid: fields.correlationid,
        ...(fields.causationid === undefined ? {} : { causationid: fields.causationid }),
        data: fields.data,
      };
      const result = schema.safeParse(raw);
      if (!result.success) throw new InvalidEventError(type, describeIssues(result.error.issues, raw));
      return result.data as EventOf<EventTypeOf<Domain, Name, Version>, z.output<Data>>;
    },
  };
}

/**
 * The event factory of one aggregate of a domain: every event it defines carries `state` (the
 * aggregate's state after it) and its own facts, at version 1, on the domain's topic.
 */
export const stateEvents =
  <const Domain extends string>(domain: Domain, topic: TopicName) =>
  <State extends z.ZodRawShape>(aggregateType: string, state: State) =>
  <const Name extends string, Facts extends z.ZodRawShape>(name: Name, description: string, facts: Facts) =>
    defineEvent({
      domain,
      name,
      version: 1,
      aggregateType,
      topic,
      description,
      data: z.object({ ...state, ...facts }),
    });
