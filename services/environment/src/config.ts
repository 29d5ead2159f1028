import { topics } from '@zone-risk/contracts';
import { domainConfigSchema } from '@zone-risk/domain-service';
import { z } from 'zod';

/** The environment service's variables: the platform's and the kit's plus its own, each described. */
export const environmentConfigSchema = domainConfigSchema(
  {
    service: 'environment',
    port: 3002,
    database: 'environment',
    topicVariable: 'ENVIRONMENT_TOPIC',
    topic: topics.environment,
  },
  {
    SWEEP_SECONDS: z.coerce
      .number()
      .positive()
      .default(30)
      .describe('How often deadlines and notice windows are checked (no event arrives when one passes)'),
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
  },
);

export type EnvironmentConfig = z.infer<typeof environmentConfigSchema>;
