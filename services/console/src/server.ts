import { runService } from '@zone-risk/platform';
import { buildConsoleApp } from './app.ts';
import { consoleConfigSchema } from './config.ts';

await runService({
  config: consoleConfigSchema,
  build: (config) => buildConsoleApp({ config }),
});
