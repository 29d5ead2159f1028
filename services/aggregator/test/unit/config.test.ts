import { topics } from '@zone-risk/contracts';
import { ConfigError, loadConfig } from '@zone-risk/platform';
import t from 'tap';
import { aggregatorConfigSchema } from '../../src/config.ts';

t.test('by default every domain topic is consumed, never the status topic', async (t) => {
  const config = loadConfig(aggregatorConfigSchema, {});
  t.same(config.AGGREGATOR_TOPICS, [topics.safety, topics.environment, topics.foodDrug, topics.debt]);
  t.equal(config.AGGREGATOR_STATUS_TOPIC, topics.riskStatus);
  t.equal(config.PORT, 3005);
  t.equal(config.MONGO_DB, 'aggregator');
  t.same(config.AGGREGATOR_DOMAIN_URLS, {
    safety: 'http://localhost:3001',
    environment: 'http://localhost:3002',
    'food-drug': 'http://localhost:3003',
    debt: 'http://localhost:3004',
  });
});

t.test('a new domain joins by configuration: topics and link base URLs', async (t) => {
  const config = loadConfig(aggregatorConfigSchema, {
    AGGREGATOR_TOPICS: 'zone.safety.events, zone.epidemic.events',
    AGGREGATOR_DOMAIN_URLS: 'safety=http://safety:3001,epidemic=https://epidemic.zone.local',
  });
  t.same(config.AGGREGATOR_TOPICS, ['zone.safety.events', 'zone.epidemic.events']);
  t.same(config.AGGREGATOR_DOMAIN_URLS, {
    safety: 'http://safety:3001',
    epidemic: 'https://epidemic.zone.local',
  });
});

t.test('a bad variable stops the service with a message naming it', async (t) => {
  const error = t.throws(() =>
    loadConfig(aggregatorConfigSchema, {
      AGGREGATOR_TOPICS: 'bad topic!',
      AGGREGATOR_SNAPSHOT_INTERVAL_MS: '5',
      AGGREGATOR_DOMAIN_URLS: 'safety=not-a-url',
    }),
  ) as ConfigError;
  t.ok(error instanceof ConfigError);
  t.same(error.issues.map((issue) => issue.variable).sort(), [
    'AGGREGATOR_DOMAIN_URLS',
    'AGGREGATOR_SNAPSHOT_INTERVAL_MS',
    'AGGREGATOR_TOPICS',
  ]);
  t.notMatch(error.message, /not-a-url/, 'never the value');
});

t.test('every variable of the service is described', async (t) => {
  for (const [name, schema] of Object.entries(aggregatorConfigSchema.shape)) {
    t.ok((schema as { description?: string }).description, `${name} has a description`);
  }
});
