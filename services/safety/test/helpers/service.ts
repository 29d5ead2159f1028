import { type Role, signToken } from '@zone-risk/auth';
import { deadLetterTopic } from '@zone-risk/contracts';
import { type App, loadConfig } from '@zone-risk/platform';
import {
  type EventLog,
  kafkaBrokers,
  type TestDatabase,
  testKafka,
  useTestDatabase,
  useTestTopics,
  watchEvents,
} from '@zone-risk/testkit';
import type { LightMyRequestResponse } from 'fastify';
import type { Test } from 'tap';
import { buildSafetyApp } from '../../src/app.ts';
import { safetyConfigSchema } from '../../src/config.ts';
import { ManualClock } from './clock.ts';

export interface TestService {
  app: App;
  db: TestDatabase;
  topic: string;
  clock: ManualClock;
  events: EventLog;
  env: Record<string, string>;
}

/**
 * The safety app on this test file's own database and topic, with a hand-driven clock, and a
 * consumer reading that topic from the beginning. Closed when the test ends.
 */
export async function startService(
  t: Test,
  options: { clock?: ManualClock; env?: Record<string, string> } = {},
): Promise<TestService> {
  const db = await useTestDatabase(t, 'safety');
  const { safety: topic } = await useTestTopics(t, ['safety']);
  t.teardown(async () => {
    // ensureTopics made the dead-letter topic; useTestTopics only deletes what it made.
    const admin = (await testKafka('safety-test-admin')).admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [deadLetterTopic(topic)] }).catch(() => undefined);
    await admin.disconnect();
  });
  const env = {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    MONGO_URL: db.url,
    MONGO_DB: db.dbName,
    KAFKA_BROKERS: (await kafkaBrokers()).join(','),
    SAFETY_TOPIC: topic,
    // The tests sweep by hand; the timer only runs the pass at start.
    OVERDUE_SWEEP_SECONDS: '3600',
    ...options.env,
  };
  const clock = options.clock ?? new ManualClock();
  const app = await appOn(t, env, db, clock);
  const events = await watchEvents(t, topic);
  return { app, db, topic, clock, events, env };
}

/** Another instance on the same database and topic: a restart, or a second replica. */
export async function appOn(
  t: Test,
  env: Record<string, string>,
  db: TestDatabase,
  clock: ManualClock,
): Promise<App> {
  const config = loadConfig(safetyConfigSchema, env);
  const app = await buildSafetyApp({ config, store: db.connection, clock, closeStore: false });
  t.teardown(() => app.close());
  return app;
}

export async function as(roles: Role[], sub: string, name?: string): Promise<{ authorization: string }> {
  return { authorization: `Bearer ${await signToken({ sub, roles, ...(name ? { name } : {}) })}` };
}

export const inspector = () => as(['inspector'], 'insp-wang', '王磊');
export const inspector2 = () => as(['inspector'], 'insp-liu', '刘芳');
export const supervisor = () => as(['safety-supervisor'], 'sup-chen', '陈静');
export const riskOffice = () => as(['risk-office'], 'risk-zhou');
export const admin = () => as(['admin'], 'admin-1');

export function json<T = Record<string, unknown>>(response: LightMyRequestResponse): T {
  return response.json() as T;
}

/** GET the hazard, then POST the action with its ETag as If-Match. */
export async function act(
  app: App,
  id: string,
  action: string,
  body: Record<string, unknown>,
  headers: Record<string, string>,
): Promise<LightMyRequestResponse> {
  const current = await app.inject({ method: 'GET', url: `/hazards/${id}`, headers: await riskOffice() });
  return app.inject({
    method: 'POST',
    url: `/hazards/${id}/${action}`,
    headers: { ...headers, 'if-match': String(current.headers.etag) },
    payload: body,
  });
}

/** The stored document, as the store has it. */
export async function stored(service: TestService, id: string) {
  const db = service.db.connection.db;
  if (!db) throw new Error('not connected');
  return db.collection('hazards').findOne({ _id: id as never });
}
