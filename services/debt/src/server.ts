// The debt service's entry: `node src/server.ts` (or `pnpm start`). Reads the environment
// once (a bad variable stops it with a message naming the variable), listens, and on SIGTERM/SIGINT
// closes the app: imports, indicators, sweepers, relay, heartbeat, Kafka and the store.
import { runService } from '@zone-risk/platform';
import { connectStore } from '@zone-risk/store';
import { buildDebtApp } from './app.ts';
import { debtConfigSchema } from './config.ts';

await runService({
  config: debtConfigSchema,
  build: async (config) => {
    const store = await connectStore({ url: config.MONGO_URL, dbName: config.MONGO_DB });
    return buildDebtApp({ config, store });
  },
});
