// pnpm aggregator:rebuild — rebuild the read model from the topics into a new snapshot, with the
// aggregator stopped. For a running aggregator use POST /admin/rebuild instead.
import { createKafka } from '@zone-risk/messaging';
import { ConfigError, createLogger, loadConfig } from '@zone-risk/platform';
import { connectStore } from '@zone-risk/store';
import { type AggregatorConfig, aggregatorConfigSchema } from '../config.ts';
import { GroupActiveError, rebuildOffline } from '../engine/offline-rebuild.ts';

let config: AggregatorConfig;
try {
  config = loadConfig(aggregatorConfigSchema);
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}

const logger = createLogger({
  level: config.LOG_LEVEL,
  service: 'aggregator-rebuild',
  zoneId: config.ZONE_ID,
});
const store = await connectStore({ url: config.MONGO_URL, dbName: config.MONGO_DB });
const kafka = createKafka({ clientId: 'aggregator-rebuild', brokers: config.KAFKA_BROKERS, logger });
let lastPrint = 0;
try {
  const result = await rebuildOffline({
    config,
    store,
    kafka,
    logger,
    onProgress(done, total) {
      if (Date.now() - lastPrint < 1_000) return;
      lastPrint = Date.now();
      process.stderr.write(
        `rebuild: ${done}/${total} events (${total ? Math.floor((done / total) * 100) : 100}%)\n`,
      );
    },
  });
  const unlisted = Object.entries(result.unlisted).map(([domain, count]) => `${domain} ${count}`);
  process.stdout.write(
    `rebuilt ${result.items} items from ${result.events} events (${result.invalid} skipped as invalid, ${result.skipped - result.invalid} of domains the policy does not list${unlisted.length > 0 ? `: ${unlisted.join(', ')}` : ''}); snapshot generation ${result.snapshot.generation}, ${result.snapshot.chunks} chunk(s), ${result.snapshot.bytes} bytes\n`,
  );
} catch (error) {
  process.stderr.write(`rebuild failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = error instanceof GroupActiveError ? 2 : 1;
} finally {
  await store.close();
}
