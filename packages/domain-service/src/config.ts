import { baseConfigSchema, clockShiftDays, refuseClockShiftInProduction } from '@zone-risk/platform';
import { z } from 'zod';

const kafkaTopic = z.string().regex(/^[A-Za-z0-9._-]{1,249}$/, 'must be a Kafka topic name');

export interface DomainConfigSpec<TopicVariable extends string> {
  /** The service, as the descriptions name it: "The safety service's own database". */
  service: string;
  port: number;
  /** The default of MONGO_DB. */
  database: string;
  /** The variable naming the domain's topic, e.g. SAFETY_TOPIC; `<it>_PARTITIONS` comes with it. */
  topicVariable: TopicVariable;
  /** The contract's topic (`topics.<domain>`). */
  topic: string;
}

type DomainShape<TopicVariable extends string> = Omit<typeof baseConfigSchema.shape, 'MONGO_DB' | 'PORT'> & {
  PORT: z.ZodDefault<z.ZodCoercedNumber>;
  MONGO_DB: z.ZodDefault<z.ZodString>;
  HEARTBEAT_SECONDS: z.ZodDefault<z.ZodCoercedNumber>;
  CLOCK_SHIFT_DAYS: typeof clockShiftDays;
} & Record<TopicVariable, z.ZodDefault<z.ZodString>> &
  Record<`${TopicVariable}_PARTITIONS`, z.ZodDefault<z.ZodCoercedNumber>>;

/**
 * A domain service's environment: the platform's variables, the ones every domain service reads
 * (its database, topic and partitions, heartbeat, CLOCK_SHIFT_DAYS — refused in production) and
 * the service's own, each described. Parsed once at start by `loadConfig`; a bad variable stops
 * the process with a message naming it.
 */
export function domainConfigSchema<const TopicVariable extends string, Own extends z.ZodRawShape>(
  spec: DomainConfigSpec<TopicVariable>,
  own: Own,
) {
  const shape = {
    ...baseConfigSchema.shape,
    PORT: z.coerce
      .number()
      .int()
      .min(0)
      .max(65535)
      .default(spec.port)
      .describe('TCP port the HTTP server listens on'),
    MONGO_DB: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,63}$/, 'must be 1-63 letters, digits, _ or -')
      .default(spec.database)
      .describe(`The ${spec.service} service's own database`),
    [spec.topicVariable]: kafkaTopic
      .default(spec.topic)
      .describe(`Topic the ${spec.service} events and heartbeats are published on (tests use their own)`),
    [`${spec.topicVariable}_PARTITIONS`]: z.coerce
      .number()
      .int()
      .min(1)
      .max(64)
      .default(3)
      .describe('Partitions of the topic when this service creates it (an existing topic is kept)'),
    HEARTBEAT_SECONDS: z.coerce
      .number()
      .positive()
      .default(10)
      .describe(
        'How often a ServiceHeartbeat is published, so the aggregator tells a quiet domain from a dead one',
      ),
    CLOCK_SHIFT_DAYS: clockShiftDays,
    ...own,
  } as DomainShape<TopicVariable> & Own;
  return z
    .object(shape)
    .superRefine((config, ctx) =>
      refuseClockShiftInProduction(config as { NODE_ENV: string; CLOCK_SHIFT_DAYS: number }, ctx),
    );
}

/** The variables every domain service reads beyond the platform's. */
export interface DomainConfig extends z.infer<typeof baseConfigSchema> {
  CLOCK_SHIFT_DAYS: number;
  HEARTBEAT_SECONDS: number;
}
