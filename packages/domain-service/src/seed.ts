import type { Clock } from '@zone-risk/calendar';
import { type BaseConfig, loadConfig } from '@zone-risk/platform';
import { connectStore, storeModel } from '@zone-risk/store';
import type { Connection } from 'mongoose';
import { z } from 'zod';

const DAY_MS = 86_400_000;

const seedRun = z.object({ at: z.date() });

/** A seed's simulated time: the real now until told otherwise, so histories and deadlines look real. */
export interface SeedClock extends Clock {
  /** Moves to `daysAgo` days before the real now at the start of the run (0: back to it). */
  at(daysAgo: number): void;
}

/** What a seed writes its demo data with. */
export interface SeedRun<Config> {
  config: Config;
  store: Connection;
  clock: SeedClock;
}

export interface SeedOptions<Config extends BaseConfig> {
  /** The service, as the printed lines name it: "safety seed: …". */
  name: string;
  /** Recorded in `seed_runs` once a run has finished: a second run finds it and adds nothing. */
  marker: string;
  /** The service's config schema; the seed writes to the store it names. */
  config: z.ZodType<Config>;
  /** Writes the demo data (through the service's own commands); returns the line to print. */
  seed(run: SeedRun<Config>): Promise<string>;
  env?: NodeJS.ProcessEnv;
}

/**
 * A demo seed's entry: connects to the service's store and runs `seed` once per marker, then
 * records the marker. The seed runs the service's commands, so what it writes reaches Kafka through
 * the running service's relay, and it steps through simulated days in the past.
 */
export async function runSeed<Config extends BaseConfig>(options: SeedOptions<Config>): Promise<void> {
  const config = loadConfig(options.config, options.env ?? process.env);
  const store = await connectStore({ url: config.MONGO_URL, dbName: config.MONGO_DB });
  try {
    const markers = storeModel(store, { name: 'SeedRun', collection: 'seed_runs', fields: seedRun });
    if (await markers.exists({ _id: options.marker })) {
      console.log(`${options.name} seed: already done (${options.marker}); nothing to add`);
      return;
    }
    const summary = await options.seed({ config, store, clock: seedClock(Date.now()) });
    await markers.insertOne({ _id: options.marker, at: new Date() });
    console.log(`${options.name} seed: ${summary}`);
  } finally {
    await store.close();
  }
}

function seedClock(realNow: number): SeedClock {
  let simulated = realNow;
  return {
    now: () => new Date(simulated),
    at(daysAgo) {
      simulated = realNow - daysAgo * DAY_MS;
    },
  };
}
