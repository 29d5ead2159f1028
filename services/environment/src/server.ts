// The environment service's entry: `node src/server.ts` (or `pnpm start`). Reads the environment
// once (a bad variable stops it with a message naming the variable), listens, and on SIGTERM/SIGINT
// closes the app: imports, sweeper, relay, heartbeat, Kafka and the store, within SHUTDOWN_TIMEOUT_MS.
import { runService } from '@zone-risk/platform';
import { connectStore } from '@zone-risk/store';
import { buildEnvironmentApp } from './app.ts';
import { environmentConfigSchema } from './config.ts';

await runService({
  config: environmentConfigSchema,
  build: async (config) => {
    const store = await connectStore({ url: config.MONGO_URL, dbName: config.MONGO_DB });
    return buildEnvironmentApp({ config, store });
  },
});
