import { ManualClock } from '@zone-risk/calendar';
import { deadLetterTopic } from '@zone-risk/contracts';
import type { Connection } from 'mongoose';
import type { Test } from 'tap';
import { type TestDatabase, useTestDatabase } from './database.ts';
import { type EventLog, watchEvents } from './events.ts';
import { kafkaBrokers } from './infra.ts';
import { testKafka, useTestTopics } from './kafka.ts';

/** What a service's app builder is given by the harness. */
export interface HarnessBuildOptions<C> {
  config: C;
  /** The test database's connection; the harness drops and closes it, so the app must not. */
  store: Connection;
  /** Absent when a test wants the app's own clock (the system clock, shifted by its config). */
  clock?: ManualClock;
  closeStore: false;
}

/** The parts of a service that differ from one to the next. */
export interface ServiceDefinition<C, A extends { close(): PromiseLike<unknown> }, N extends string> {
  /** Short name: the prefix of the test database, the base of the topic name, the Kafka client id. */
  name: N;
  /** The variable the service reads its topic from, e.g. `SAFETY_TOPIC`. */
  topicVariable: string;
  /** The service's own variables for tests, under what a test passes itself. */
  env?: Record<string, string>;
  /** Parses the environment: the service's config schema through the platform's `loadConfig`. */
  loadConfig(env: Record<string, string>): C;
  build(options: HarnessBuildOptions<C>): Promise<A>;
}

/** A running service under test and what the test reaches through. */
export interface TestService<A> {
  app: A;
  db: TestDatabase;
  topic: string;
  clock: ManualClock;
  events: EventLog;
  env: Record<string, string>;
}

export interface ServiceHarness<A> {
  /**
   * The app on this test's own database and topic, with a hand-driven clock (default: now), and
   * a consumer reading that topic from the beginning. Everything is closed or deleted when the
   * test ends.
   */
  startService(
    t: Test,
    options?: { clock?: ManualClock; env?: Record<string, string> },
  ): Promise<TestService<A>>;
  /**
   * Another instance on the same database and topic: a restart, or a second replica. Without a
   * clock the app uses its own.
   */
  appOn(t: Test, env: Record<string, string>, db: TestDatabase, clock?: ManualClock): Promise<A>;
}

/** The test harness of one service, from what makes it differ from the others. */
export function serviceHarness<C, A extends { close(): PromiseLike<unknown> }, const N extends string>(
  service: ServiceDefinition<C, A, N>,
): ServiceHarness<A> {
  async function appOn(t: Test, env: Record<string, string>, db: TestDatabase, clock?: ManualClock) {
    const config = service.loadConfig(env);
    const app = await service.build({
      config,
      store: db.connection,
      ...(clock ? { clock } : {}),
      closeStore: false,
    });
    t.teardown(() => app.close());
    return app;
  }

  async function startService(
    t: Test,
    options: { clock?: ManualClock; env?: Record<string, string> } = {},
  ): Promise<TestService<A>> {
    const db = await useTestDatabase(t, service.name);
    const topic = (await useTestTopics(t, [service.name]))[service.name];
    t.teardown(() => deleteTopics(`${service.name}-test-admin`, [deadLetterTopic(topic)]));
    const env = {
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
      MONGO_URL: db.url,
      MONGO_DB: db.dbName,
      KAFKA_BROKERS: (await kafkaBrokers()).join(','),
      [service.topicVariable]: topic,
      ...service.env,
      ...options.env,
    };
    const clock = options.clock ?? new ManualClock();
    const app = await appOn(t, env, db, clock);
    const events = await watchEvents(t, topic);
    return { app, db, topic, clock, events, env };
  }

  return { startService, appOn };
}

// The publisher creates the dead-letter topic beside the service's own; useTestTopics only deletes
// what it made.
async function deleteTopics(clientId: string, topics: string[]): Promise<void> {
  const admin = (await testKafka(clientId)).admin();
  await admin.connect();
  await admin.deleteTopics({ topics }).catch(() => undefined);
  await admin.disconnect();
}
