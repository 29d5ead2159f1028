import { topics } from '@zone-risk/contracts';
import { domainConfigSchema } from '@zone-risk/domain-service';
import { z } from 'zod';

/** The safety service's environment: the platform's and the kit's variables plus its own, each described. */
export const safetyConfigSchema = domainConfigSchema(
  { service: 'safety', port: 3001, database: 'safety', topicVariable: 'SAFETY_TOPIC', topic: topics.safety },
  {
    OVERDUE_SWEEP_SECONDS: z.coerce
      .number()
      .positive()
      .default(30)
      .describe(
        'How often open hazards are checked for a passed deadline (no event arrives when one passes)',
      ),
    PHOTO_MAX_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(10 * 1024 * 1024)
      .describe('Largest evidence photo accepted, in bytes (larger uploads get 413)'),
  },
);

export type SafetyConfig = z.infer<typeof safetyConfigSchema>;
