import { randomBytes } from 'node:crypto';
import { type App, loadConfig } from '@zone-risk/platform';
import { bearer, type TestService as ServiceUnderTest, serviceHarness } from '@zone-risk/testkit';
import type { LightMyRequestResponse } from 'fastify';
import { buildEnvironmentApp } from '../../src/app.ts';
import { environmentConfigSchema } from '../../src/config.ts';

const harness = serviceHarness({
  name: 'environment',
  topicVariable: 'ENVIRONMENT_TOPIC',
  // The tests sweep by hand; the timer only runs the pass at start.
  env: { SWEEP_SECONDS: '3600' },
  loadConfig: (env) => loadConfig(environmentConfigSchema, env),
  build: buildEnvironmentApp,
});

export type TestService = ServiceUnderTest<App>;

/**
 * The environment app on this test file's own database and topic, with a hand-driven clock, and a
 * consumer reading that topic from the beginning. Closed when the test ends.
 */
export const startService = harness.startService;

/** Another instance on the same database and topic: a restart, or a second replica. */
export const appOn = harness.appOn;

/** Headers with a token for `sub` holding `roles`. */
export const as = bearer;

export const staff = () => bearer(['env-staff'], 'env-li', '李娜');
export const supervisor = () => bearer(['env-supervisor'], 'env-zhou', '周强');
export const riskOffice = () => bearer(['risk-office'], 'risk-wu');
export const inspector = () => bearer(['inspector'], 'insp-wang');

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
