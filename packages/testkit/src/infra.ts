// Where the tests find the real Kafka and the real store, each resolved on its own:
// 1. KAFKA_BROKERS / MONGO_URL, which the README's test command sets to the local ones;
// 2. otherwise a container from testcontainers, when a container engine answers;
// 3. otherwise a failure that says how to start the local ones.
// Nothing of ours is ever replaced by a fake.

export interface Infra {
  kafkaBrokers: string[];
  mongoUrl: string;
}

const HOW_TO_START =
  'Start the local ones with `./infra/platform test` (it sets KAFKA_BROKERS and MONGO_URL), or run ' +
  '`bash infra/kafka/kafka.sh start && bash infra/store/store.sh start` and export ' +
  'KAFKA_BROKERS=127.0.0.1:9092 MONGO_URL=mongodb://127.0.0.1:27017, or make a container engine available ' +
  'for testcontainers.';

let brokers: Promise<string[]> | undefined;
let store: Promise<string> | undefined;

/** The Kafka brokers for this test process (resolved once per process). */
export function kafkaBrokers(): Promise<string[]> {
  brokers ??= resolveKafka();
  return brokers;
}

/** The store's connection string for this test process (resolved once per process). */
export function mongoUrl(): Promise<string> {
  store ??= resolveStore();
  return store;
}

/** Both, for tests that need Kafka and the store. */
export async function infra(): Promise<Infra> {
  const [kafka, url] = await Promise.all([kafkaBrokers(), mongoUrl()]);
  return { kafkaBrokers: kafka, mongoUrl: url };
}

async function resolveKafka(): Promise<string[]> {
  const fromEnv = process.env.KAFKA_BROKERS?.trim();
  if (fromEnv) return fromEnv.split(',').map((b) => b.trim());
  await requireContainerEngine('KAFKA_BROKERS');
  const { KafkaContainer } = await import('@testcontainers/kafka');
  // The testcontainers Kafka module drives Confluent's image; its plaintext host port is 9093.
  const kafka = await new KafkaContainer('confluentinc/cp-kafka:7.9.0').withKraft().start();
  return [`${kafka.getHost()}:${kafka.getMappedPort(9093)}`];
}

async function resolveStore(): Promise<string> {
  const fromEnv = process.env.MONGO_URL?.trim();
  if (fromEnv) return fromEnv;
  await requireContainerEngine('MONGO_URL');
  const { MongoDBContainer } = await import('@testcontainers/mongodb');
  const mongo = await new MongoDBContainer('mongo:8').start();
  return `${mongo.getConnectionString()}?directConnection=true`;
}

// Containers are removed by testcontainers' reaper when this process exits.
async function requireContainerEngine(variable: string): Promise<void> {
  const { getContainerRuntimeClient } = await import('testcontainers');
  try {
    await getContainerRuntimeClient();
  } catch {
    throw new Error(`${variable} is not set and no container engine answers. ${HOW_TO_START}`);
  }
}
