import { ManualClock } from '@zone-risk/calendar';
import { deadLetterTopic } from '@zone-risk/contracts';
import type { Connection, mongo } from 'mongoose';
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
  /**
   * The service's main aggregate, for `act` and `stored`: its path (`/hazards`), its collection,
   * and the headers of a caller who may read it.
   */
  resource?: { path: string; collection: string; reader: () => Promise<Record<string, string>> };
}

/** What an injected request answers, as far as the helpers need it. */
interface Injected {
  statusCode: number;
  headers: Record<string, unknown>;
  json(): unknown;
}

/** An app that answers injected requests. */
interface Injectable {
  inject(request: {
    method: 'GET' | 'POST';
    url: string;
    headers?: Record<string, string>;
    payload?: object;
  }): Promise<Injected>;
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
  /** GET the aggregate, then POST the action with its ETag as If-Match (needs `resource`). */
  act(
    app: Injectable,
    id: string,
    action: string,
    body: Record<string, unknown>,
    headers: Record<string, string>,
  ): Promise<Injected>;
  /** The aggregate's document as the store has it (needs `resource`). */
  stored(service: { db: TestDatabase }, id: string): Promise<mongo.WithId<mongo.Document> | null>;
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

  function resource() {
    if (!service.resource) throw new Error(`the ${service.name} harness names no resource`);
    return service.resource;
  }

  async function act(
    app: Injectable,
    id: string,
    action: string,
    body: Record<string, unknown>,
    headers: Record<string, string>,
  ): Promise<Injected> {
    const { path, reader } = resource();
    const current = await app.inject({ method: 'GET', url: `${path}/${id}`, headers: await reader() });
    return app.inject({
      method: 'POST',
      url: `${path}/${id}/${action}`,
      headers: { ...headers, 'if-match': String(current.headers.etag) },
      payload: body,
    });
  }

  async function stored(under: { db: TestDatabase }, id: string) {
    const db = under.db.connection.db;
    if (!db) throw new Error('not connected');
    return db.collection(resource().collection).findOne({ _id: id as never });
  }

  return { startService, appOn, act, stored };
}

// The publisher creates the dead-letter topic beside the service's own; useTestTopics only deletes
// what it made.
async function deleteTopics(clientId: string, topics: string[]): Promise<void> {
  const admin = (await testKafka(clientId)).admin();
  await admin.connect();
  await admin.deleteTopics({ topics }).catch(() => undefined);
  await admin.disconnect();
}
