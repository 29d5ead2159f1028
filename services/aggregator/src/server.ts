import { runService } from '@zone-risk/platform';
import { buildAggregatorApp } from './app.ts';
import { aggregatorConfigSchema } from './config.ts';

await runService({
  config: aggregatorConfigSchema,
  build: (config) => buildAggregatorApp({ config }),
});
