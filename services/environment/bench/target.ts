// The environment app for the benchmark, in a child process so that its memory is measured alone:
// `node bench/target.ts` with MONGO_DB / ENVIRONMENT_TOPIC set; prints its port.
import { loadConfig } from '@zone-risk/platform';
import { connectStore } from '@zone-risk/store';
import { buildEnvironmentApp } from '../src/app.ts';
import { environmentConfigSchema } from '../src/config.ts';

const config = loadConfig(environmentConfigSchema, { LOG_LEVEL: 'silent', ...process.env, PORT: '0' });
const store = await connectStore({ url: config.MONGO_URL, dbName: config.MONGO_DB });
const app = await buildEnvironmentApp({ config, store });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
process.once('SIGTERM', () => {
  app.close().finally(() => process.exit(0));
});
