import { topics } from '@zone-risk/contracts';
import { baseConfigSchema, clockShiftDays, refuseClockShiftInProduction } from '@zone-risk/platform';
import { z } from 'zod';

const variables = baseConfigSchema.extend({
  PORT: z.coerce
    .number()
    .int()
    .min(0)
    .max(65535)
    .default(3002)
    .describe('TCP port the HTTP server listens on'),
  MONGO_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,63}$/, 'must be 1-63 letters, digits, _ or -')
    .default('environment')
    .describe("The environment service's own database"),
  ENVIRONMENT_TOPIC: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,249}$/, 'must be a Kafka topic name')
    .default(topics.environment)
    .describe('Topic the environment events and heartbeats are published on (tests use their own)'),
  ENVIRONMENT_TOPIC_PARTITIONS: z.coerce
    .number()
    .int()
    .min(1)
    .max(64)
    .default(3)
    .describe('Partitions of the topic when this service creates it (an existing topic is kept)'),
  SWEEP_SECONDS: z.coerce
    .number()
    .positive()
    .default(30)
    .describe('How often deadlines and notice windows are checked (no event arrives when one passes)'),
  HEARTBEAT_SECONDS: z.coerce
    .number()
    .positive()
    .default(10)
    .describe('How often a ServiceHeartbeat is published'),
  NOTICE_WORKING_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .max(60)
    .default(7)
    .describe('Length of the public notice (公示) in working days, Mon-Fri; public holidays are not known'),
  EVIDENCE_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(20 * 1024 * 1024)
    .describe('Largest evidence file accepted, in bytes (413 beyond)'),
  EVIDENCE_MAX_FILES: z.coerce
    .number()
    .int()
    .min(1)
    .max(50)
    .default(10)
    .describe('Most evidence files one progress report may carry'),
  IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(32 * 1024 * 1024)
    .describe('Largest ledger file accepted by POST /items/import, in bytes (413 beyond)'),
  IMPORT_MAX_ROWS: z.coerce
    .number()
    .int()
    .positive()
    .default(50_000)
    .describe('Most data rows one ledger file may have (the import fails beyond)'),
  IMPORT_CHUNK_ROWS: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(100)
    .describe(
      'Rows written between two progress updates of an import (the event loop is yielded between chunks)',
    ),
  CLOCK_SHIFT_DAYS: clockShiftDays,
});

/** The environment service's variables: the platform's plus its own, each described. */
export const environmentConfigSchema = variables.superRefine(refuseClockShiftInProduction);

export type EnvironmentConfig = z.infer<typeof environmentConfigSchema>;
