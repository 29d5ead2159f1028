// The aggregator for the GET /status load test, in a process of its own so that autocannon does
// not share its event loop: started from the bench's snapshot, it prints its port on stdout.
import { loadConfig } from '@zone-risk/platform';
import { buildAggregatorApp } from '../src/app.ts';
import { aggregatorConfigSchema } from '../src/config.ts';

const app = await buildAggregatorApp({ config: loadConfig(aggregatorConfigSchema) });
const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${new URL(address).port}\n`);
process.once('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
