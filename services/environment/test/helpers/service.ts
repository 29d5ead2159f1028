import { randomBytes } from 'node:crypto';
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
import { buildEnvironmentApp } from '../../src/app.ts';
import { environmentConfigSchema } from '../../src/config.ts';
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
 * The environment app on this test file's own database and topic, with a hand-driven clock, and a
 * consumer reading that topic from the beginning. Closed when the test ends.
 */
export async function startService(
  t: Test,
  options: { clock?: ManualClock; env?: Record<string, string> } = {},
): Promise<TestService> {
  const db = await useTestDatabase(t, 'environment');
  const { environment: topic } = await useTestTopics(t, ['environment']);
  t.teardown(async () => {
    // ensureTopics made the dead-letter topic; useTestTopics only deletes what it made.
    const admin = (await testKafka('environment-test-admin')).admin();
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
    ENVIRONMENT_TOPIC: topic,
    // The tests sweep by hand; the timer only runs the pass at start.
    SWEEP_SECONDS: '3600',
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
  const config = loadConfig(environmentConfigSchema, env);
  const app = await buildEnvironmentApp({ config, store: db.connection, clock, closeStore: false });
  t.teardown(() => app.close());
  return app;
}

export async function as(roles: Role[], sub: string, name?: string): Promise<{ authorization: string }> {
  return { authorization: `Bearer ${await signToken({ sub, roles, ...(name ? { name } : {}) })}` };
}

export const staff = () => as(['env-staff'], 'env-li', '李娜');
export const supervisor = () => as(['env-supervisor'], 'env-zhou', '周强');
export const riskOffice = () => as(['risk-office'], 'risk-wu');
export const inspector = () => as(['inspector'], 'insp-wang');

export function json<T = Record<string, unknown>>(response: LightMyRequestResponse): T {
  return response.json() as T;
}

/** GET the item, then POST the action with its ETag as If-Match. */
export async function act(
  app: App,
  id: string,
  action: string,
  body: Record<string, unknown>,
  headers: Record<string, string>,
): Promise<LightMyRequestResponse> {
  const current = await app.inject({ method: 'GET', url: `/items/${id}`, headers: await riskOffice() });
  return app.inject({
    method: 'POST',
    url: `/items/${id}/${action}`,
    headers: { ...headers, 'if-match': String(current.headers.etag) },
    payload: body,
  });
}

/** The stored document, as the store has it. */
export async function stored(service: TestService, id: string) {
  const db = service.db.connection.db;
  if (!db) throw new Error('not connected');
  return db.collection('items').findOne({ _id: id as never });
}

/** A multipart/form-data body: text fields and files. */
export function multipart(
  fields: Record<string, string>,
  files: { name?: string; filename: string; contentType: string; content: Buffer }[],
) {
  const boundary = `----env${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  for (const file of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.name ?? 'file'}"; filename="${file.filename}"\r\nContent-Type: ${file.contentType}\r\n\r\n`,
      ),
      file.content,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
