import { topics } from '@zone-risk/contracts';
import { domainConfigSchema } from '@zone-risk/domain-service';
import { z } from 'zod';

/** The food-drug service's variables: the platform's and the kit's plus its own, each described. */
export const foodDrugConfigSchema = domainConfigSchema(
  {
    service: 'food-drug',
    port: 3003,
    database: 'food_drug',
    topicVariable: 'FOOD_DRUG_TOPIC',
    topic: topics.foodDrug,
  },
  {
    SWEEP_SECONDS: z.coerce
      .number()
      .positive()
      .default(30)
      .describe(
        'How often check periods, follow-up and case deadlines are checked (no event arrives when one passes)',
      ),
    EVIDENCE_MAX_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(20 * 1024 * 1024)
      .describe('Largest evidence file accepted on a disposal case, in bytes (413 beyond)'),
    EVIDENCE_MAX_FILES: z.coerce
      .number()
      .int()
      .min(1)
      .max(50)
      .default(10)
      .describe('Most evidence files one upload may carry'),
    IMPORT_MAX_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(32 * 1024 * 1024)
      .describe('Largest register file accepted by POST /businesses/import, in bytes (413 beyond)'),
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
    DRAW_MAX_CANDIDATES: z.coerce
      .number()
      .int()
      .min(1)
      .max(100_000)
      .default(100_000)
      .describe('Most businesses one random draw may commit to'),
  },
);

export type FoodDrugConfig = z.infer<typeof foodDrugConfigSchema>;
