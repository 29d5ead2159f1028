// The safety service's entry: `node src/server.ts` (or `pnpm start`). Reads the environment once
// (a bad variable stops it with a message naming the variable), listens, and on SIGTERM/SIGINT
// closes the app: sweeper, relay, heartbeat, Kafka and the store, within SHUTDOWN_TIMEOUT_MS.
import { runService } from '@zone-risk/platform';
import { connectStore } from '@zone-risk/store';
import { buildSafetyApp } from './app.ts';
import { safetyConfigSchema } from './config.ts';

await runService({
  config: safetyConfigSchema,
  build: async (config) => {
    const store = await connectStore({ url: config.MONGO_URL, dbName: config.MONGO_DB });
    return buildSafetyApp({ config, store });
  },
});
