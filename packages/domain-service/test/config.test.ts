import { ConfigError, loadConfig } from '@zone-risk/platform';
import t from 'tap';
import { gadgetConfigSchema } from './helpers/service.ts';

t.test('a domain service’s config has the kit’s variables with their defaults, and its own', async (t) => {
  const config = loadConfig(gadgetConfigSchema, { NODE_ENV: 'test' });
  t.match(config, {
    PORT: 3999,
    MONGO_DB: 'gadgets',
    GADGET_TOPIC: 'zone.test.events',
    GADGET_TOPIC_PARTITIONS: 3,
    HEARTBEAT_SECONDS: 10,
    CLOCK_SHIFT_DAYS: 0,
    CHECK_SWEEP_SECONDS: 3600,
  });
});

t.test('a bad variable stops the service with a message that names it and what it is for', async (t) => {
  const error = (() => {
    try {
      loadConfig(gadgetConfigSchema, { GADGET_TOPIC: 'no spaces allowed', GADGET_TOPIC_PARTITIONS: '0' });
    } catch (e) {
      return e;
    }
  })();
  t.type(error, ConfigError);
  t.match((error as Error).message, /GADGET_TOPIC: must be a Kafka topic name \(Topic the gadgets events/);
  t.match((error as Error).message, /GADGET_TOPIC_PARTITIONS: .*Partitions of the topic/);
});

t.test('a shifted clock is refused in production', async (t) => {
  t.throws(
    () =>
      loadConfig(gadgetConfigSchema, {
        NODE_ENV: 'production',
        CLOCK_SHIFT_DAYS: '2',
        AUTH_JWT_SECRET: 'x'.repeat(40),
      }),
    {
      message: /CLOCK_SHIFT_DAYS: must be 0 when NODE_ENV=production/,
    },
  );
  t.match(loadConfig(gadgetConfigSchema, { NODE_ENV: 'development', CLOCK_SHIFT_DAYS: '2' }), {
    CLOCK_SHIFT_DAYS: 2,
  });
});
