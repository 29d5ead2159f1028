import { topics } from '@zone-risk/contracts';
import { baseConfigSchema, clockShiftDays, refuseClockShiftInProduction } from '@zone-risk/platform';
import { z } from 'zod';

const variables = baseConfigSchema.extend({
  PORT: z.coerce
    .number()
    .int()
    .min(0)
    .max(65535)
    .default(3001)
    .describe('TCP port the HTTP server listens on'),
  MONGO_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,63}$/, 'must be 1-63 letters, digits, _ or -')
    .default('safety')
    .describe("The safety service's own database"),
  SAFETY_TOPIC: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,249}$/, 'must be a Kafka topic name')
    .default(topics.safety)
    .describe('Topic the safety events and heartbeats are published on (tests use their own)'),
  SAFETY_TOPIC_PARTITIONS: z.coerce
    .number()
    .int()
    .min(1)
    .max(64)
    .default(3)
    .describe('Partitions of the safety topic when this service creates it (an existing topic is kept)'),
  OVERDUE_SWEEP_SECONDS: z.coerce
    .number()
    .positive()
    .default(30)
    .describe('How often open hazards are checked for a passed deadline (no event arrives when one passes)'),
  HEARTBEAT_SECONDS: z.coerce
    .number()
    .positive()
    .default(10)
    .describe(
      'How often a ServiceHeartbeat is published, so the aggregator tells a quiet domain from a dead one',
    ),
  PHOTO_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024)
    .describe('Largest evidence photo accepted, in bytes (larger uploads get 413)'),
  CLOCK_SHIFT_DAYS: clockShiftDays,
});

/** The safety service's environment: the platform's variables plus its own, each described. */
export const safetyConfigSchema = variables.superRefine(refuseClockShiftInProduction);

export type SafetyConfig = z.infer<typeof safetyConfigSchema>;
