import { topics } from '@zone-risk/contracts';
import { ConfigError, loadConfig } from '@zone-risk/platform';
import t from 'tap';
import { foodDrugConfigSchema } from '../src/config.ts';

t.test('the defaults: port 3003, its own database and topic', async (t) => {
  const config = loadConfig(foodDrugConfigSchema, {});
  t.equal(config.PORT, 3003);
  t.equal(config.MONGO_DB, 'food_drug');
  t.equal(config.FOOD_DRUG_TOPIC, topics.foodDrug);
  t.equal(config.SWEEP_SECONDS, 30);
  t.equal(config.DRAW_MAX_CANDIDATES, 100_000);
});

t.test('a bad variable stops the service with a message naming it', async (t) => {
  for (const [variable, value] of [
    ['SWEEP_SECONDS', '0'],
    ['DRAW_MAX_CANDIDATES', '200000'],
    ['IMPORT_CHUNK_ROWS', 'many'],
  ] as const) {
    const error = t.throws(() => loadConfig(foodDrugConfigSchema, { [variable]: value })) as ConfigError;
    t.ok(error instanceof ConfigError, variable);
    t.match(error.message, new RegExp(variable));
  }
});
