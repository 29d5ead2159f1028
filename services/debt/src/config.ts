import { topics } from '@zone-risk/contracts';
import { domainConfigSchema } from '@zone-risk/domain-service';
import { z } from 'zod';

/** The debt service's variables: the platform's and the kit's plus its own, each described. */
export const debtConfigSchema = domainConfigSchema(
  { service: 'debt', port: 3004, database: 'debt', topicVariable: 'DEBT_TOPIC', topic: topics.debt },
  {
    SWEEP_SECONDS: z.coerce
      .number()
      .positive()
      .default(30)
      .describe(
        'How often due dates are checked for overdue payments (the indicators for the new day every max(this, 900) seconds)',
      ),
    IMPORT_MAX_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(32 * 1024 * 1024)
      .describe('Largest register file accepted by POST /instruments/import, in bytes (413 beyond)'),
    IMPORT_MAX_ROWS: z.coerce
      .number()
      .int()
      .positive()
      .default(50_000)
      .describe('Most data rows one register file may have (the import fails beyond)'),
    IMPORT_CHUNK_ROWS: z.coerce
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(100)
      .describe('Rows written between two progress updates of an import'),
  },
);

export type DebtConfig = z.infer<typeof debtConfigSchema>;
