import type { z } from 'zod';
import type { App } from './app.ts';
import { ConfigError, type HttpConfig, loadConfig } from './config.ts';

export interface RunServiceOptions<C extends HttpConfig> {
  /** The service's config schema (baseConfigSchema extended). */
  config: z.ZodType<C>;
  /** Builds the app from the parsed config (connect the store, buildApp, register routes). */
  build: (config: C) => Promise<App>;
  env?: NodeJS.ProcessEnv;
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/**
 * A service's entry: parse config (a bad variable → message on stderr, exit 1), build, listen,
 * and on SIGTERM/SIGINT close the app (its onClose hooks stop relays, consumers and the store)
 * within SHUTDOWN_TIMEOUT_MS, then exit 0.
 */
export async function runService<C extends HttpConfig>(options: RunServiceOptions<C>): Promise<App> {
  let config: C;
  try {
    config = loadConfig(options.config, options.env ?? process.env);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }

  let app: App;
  try {
    app = await options.build(config);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    fail(`Could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'service stopping');
    const timer = setTimeout(() => {
      app.log.error({ timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, 'graceful shutdown timed out');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    try {
      await app.close();
      app.log.info('service stopped');
      process.exit(0);
    } catch (error) {
      app.log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);

  try {
    const address = await app.listen({ port: config.PORT, host: config.HOST });
    app.log.info({ address }, 'service started');
  } catch (error) {
    app.log.error({ err: error }, 'could not listen');
    await app.close().catch(() => undefined);
    process.exit(1);
  }
  return app;
}
