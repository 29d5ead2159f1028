import { type Role, signToken } from '@zone-risk/auth';
import type { Test } from 'tap';
import { type App, type BuildAppOptions, buildApp } from '../../src/app.ts';
import { type BaseConfig, baseConfigSchema, loadConfig } from '../../src/config.ts';

export function testConfig(env: Record<string, string> = {}): BaseConfig {
  return loadConfig(baseConfigSchema, { NODE_ENV: 'test', LOG_LEVEL: 'silent', MONGO_DB: 'unused', ...env });
}

/** An app with the platform around it, closed when the test ends. The store stays open for the testkit. */
export async function testApp(t: Test, options: Partial<BuildAppOptions> = {}): Promise<App> {
  const app = await buildApp({ name: 'platform-test', config: testConfig(), closeStore: false, ...options });
  t.teardown(() => app.close());
  return app;
}

/** Authorization headers for a dev token with these roles. */
export async function as(roles: Role[], sub = 'demo-user'): Promise<{ authorization: string }> {
  return { authorization: `Bearer ${await signToken({ sub, roles })}` };
}
