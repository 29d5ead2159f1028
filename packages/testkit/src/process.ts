import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from './ports.ts';

// packages/testkit/src → the workspace's services/
const servicesDir = fileURLToPath(new URL('../../../services/', import.meta.url));

export interface ServiceProcess {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** The node process's id (a benchmark reads its memory from /proc). */
  readonly pid: number | undefined;
  /** The service's log lines so far, parsed. */
  readonly logs: Record<string, unknown>[];
  /** SIGTERM, then waits for the exit (SIGKILL after 20 s); the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts another service the way it is deployed — `node src/server.ts` in its own process, its own
 * environment — on a free port, and waits until it answers /health/ready. Services never import
 * each other, so this is how an end-to-end test runs one next to the service under test.
 */
export async function startServiceProcess(
  service: string,
  env: Record<string, string>,
  options: {
    /** Registers the stop, e.g. `(stop) => t.teardown(stop)`; without it the caller stops it. */
    teardown?: (stop: () => Promise<unknown>) => void;
    timeoutMs?: number;
  } = {},
): Promise<ServiceProcess> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['src/server.ts'], {
    cwd: `${servicesDir}${service}`,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  let pending = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
        if (logs.length > 500) logs.shift();
      } catch {
        logs.push({ msg: line });
      }
    }
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });

  let spawnError: Error | undefined;
  child.on('error', (error) => {
    spawnError = error;
  });
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(null));
  });
  const stop = async (): Promise<number | null> => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
  options.teardown?.(stop);

  const failure = (why: string) =>
    new Error(
      `${service}: ${why}\nstderr: ${stderr.slice(-2_000)}\nlast logs: ${JSON.stringify(logs.slice(-5))}`,
    );
  try {
    await waitReady(url, timeoutMs, () => child.exitCode !== null || spawnError !== undefined);
  } catch (error) {
    // Not ready: do not leave it running (a caller without `teardown` has no handle to stop it).
    await stop();
    throw failure(spawnError ? `could not be spawned: ${spawnError.message}` : (error as Error).message);
  }
  return { url, pid: child.pid, logs, stop };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitReady(url: string, timeoutMs: number, gone: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gone()) throw new Error('exited while starting');
    const res = await fetch(`${url}/health/ready`).catch(() => null);
    if (res?.ok) return;
    await delay(100);
  }
  throw new Error(`not ready after ${timeoutMs} ms`);
}
