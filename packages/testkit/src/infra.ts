// Where the tests find the real Kafka and the real store.
// 1. KAFKA_BROKERS and MONGO_URL, which the README's test command sets to the local ones;
// 2. otherwise containers from testcontainers, when a container engine answers;
// 3. otherwise a failure that says how to start the local ones.
// Nothing of ours is ever replaced by a fake.

export interface Infra {
  kafkaBrokers: string[];
  mongoUrl: string;
  source: 'environment' | 'testcontainers';
}

const HOW_TO_START =
  'Start the local ones with `./infra/platform test` (it sets KAFKA_BROKERS and MONGO_URL), or run ' +
  '`bash infra/kafka/kafka.sh start && bash infra/store/store.sh start` and export ' +
  'KAFKA_BROKERS=127.0.0.1:9092 MONGO_URL=mongodb://127.0.0.1:27017, or make a container engine available ' +
  'for testcontainers.';

let pending: Promise<Infra> | undefined;

/** The Kafka brokers and store URL for this test process (resolved once per process). */
export function infra(): Promise<Infra> {
  pending ??= resolveInfra();
  return pending;
}

async function resolveInfra(): Promise<Infra> {
  const brokers = process.env.KAFKA_BROKERS?.trim();
  const mongoUrl = process.env.MONGO_URL?.trim();
  if (brokers && mongoUrl) {
    return { kafkaBrokers: brokers.split(',').map((b) => b.trim()), mongoUrl, source: 'environment' };
  }
  const started = await startContainers(brokers, mongoUrl);
  if (!started) {
    const missing = [brokers ? undefined : 'KAFKA_BROKERS', mongoUrl ? undefined : 'MONGO_URL'].filter(
      Boolean,
    );
    throw new Error(`${missing.join(' and ')} not set and no container engine answers. ${HOW_TO_START}`);
  }
  return started;
}

async function startContainers(
  brokers: string | undefined,
  mongoUrl: string | undefined,
): Promise<Infra | undefined> {
  const { getContainerRuntimeClient } = await import('testcontainers');
  try {
    await getContainerRuntimeClient();
  } catch {
    return undefined;
  }
  let kafkaBrokers = brokers?.split(',').map((b) => b.trim());
  let url = mongoUrl;
  if (!kafkaBrokers) {
    const { KafkaContainer } = await import('@testcontainers/kafka');
    const kafka = await new KafkaContainer('confluentinc/cp-kafka:7.9.0').withKraft().start();
    kafkaBrokers = [`${kafka.getHost()}:${kafka.getMappedPort(9093)}`];
  }
  if (!url) {
    const { MongoDBContainer } = await import('@testcontainers/mongodb');
    const mongo = await new MongoDBContainer('mongo:8').start();
    url = `${mongo.getConnectionString()}?directConnection=true`;
  }
  // Containers are removed by testcontainers' reaper when this process exits.
  return { kafkaBrokers, mongoUrl: url, source: 'testcontainers' };
}
