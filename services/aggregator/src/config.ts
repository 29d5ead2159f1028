import { topics } from '@zone-risk/contracts';
import { baseConfigSchema } from '@zone-risk/platform';
import { z } from 'zod';

const topicName = z.string().regex(/^[A-Za-z0-9._-]{1,249}$/, 'must be a Kafka topic name');

const domainTopics = Object.values(topics).filter((topic) => topic !== topics.riskStatus);

function pairs(value: string): [string, string][] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
    .map((entry) => {
      const at = entry.indexOf('=');
      return [entry.slice(0, at).trim(), entry.slice(at + 1).trim()] as [string, string];
    });
}

/** The aggregator's environment: the platform's variables plus its own, each described. */
export const aggregatorConfigSchema = baseConfigSchema.extend({
  PORT: z.coerce
    .number()
    .int()
    .min(0)
    .max(65535)
    .default(3005)
    .describe('TCP port the HTTP server listens on'),
  MONGO_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,63}$/, 'must be 1-63 letters, digits, _ or -')
    .default('aggregator')
    .describe("The aggregator's own database (policies, snapshots, status history)"),
  AGGREGATOR_TOPICS: z
    .string()
    .default(domainTopics.join(','))
    .transform((value) =>
      value
        .split(',')
        .map((topic) => topic.trim())
        .filter((topic) => topic.length > 0),
    )
    .pipe(z.array(topicName).min(1, 'name at least one topic'))
    .describe(
      'Comma-separated domain topics to consume (default: every domain topic of the contracts). A new domain joins by being added here and in the policy',
    ),
  AGGREGATOR_STATUS_TOPIC: topicName
    .default(topics.riskStatus)
    .describe('Topic ZoneRiskStatusChanged is published on; created at start'),
  AGGREGATOR_GROUP_ID: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,200}$/, 'must be letters, digits, dots, dashes or underscores')
    .default('aggregator')
    .describe('Kafka consumer group of the domain topics; run one replica per group'),
  AGGREGATOR_TOPIC_PARTITIONS: z.coerce
    .number()
    .int()
    .min(1)
    .max(64)
    .default(3)
    .describe('Partitions of the topics this service creates when they are missing (existing ones are kept)'),
  AGGREGATOR_SNAPSHOT_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(100)
    .default(30_000)
    .describe('How often the read model and its offsets are saved, when something changed; also on shutdown'),
  AGGREGATOR_TICK_MS: z.coerce
    .number()
    .int()
    .min(50)
    .default(1_000)
    .describe('How often the status is re-evaluated without an event (staleness windows passing)'),
  AGGREGATOR_CLOSED_RETENTION_DAYS: z.coerce
    .number()
    .positive()
    .default(30)
    .describe('How long closed items stay in the read model for the drill-down'),
  AGGREGATOR_SAMPLE_SIZE: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(10)
    .describe(
      'Items listed per contribution and override in a status; the drill-down pages through the rest',
    ),
  AGGREGATOR_DOMAIN_URLS: z
    .string()
    .default(
      'safety=http://localhost:3001,environment=http://localhost:3002,food-drug=http://localhost:3003,debt=http://localhost:3004',
    )
    .transform(pairs)
    .pipe(
      z.array(
        z.tuple([
          z.string().regex(/^[a-z][a-z-]*$/, 'each entry must be domain=url'),
          z.url({ protocol: /^https?$/ }),
        ]),
      ),
    )
    .transform((entries) => Object.fromEntries(entries) as Record<string, string>)
    .describe(
      'Base URL of the service owning each domain, domain=url comma-separated; drill-down links are this plus the item type’s path',
    ),
  AGGREGATOR_SSE_HEARTBEAT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .default(15_000)
    .describe('Interval of the comment lines that keep idle /stream connections open through proxies'),
  AGGREGATOR_REPLAY_LIMIT: z.coerce
    .number()
    .int()
    .min(1)
    .default(1_000)
    .describe(
      'Most status changes replayed to a /stream client resuming with Last-Event-ID; beyond it, a reset',
    ),
});

export type AggregatorConfig = z.infer<typeof aggregatorConfigSchema>;
