import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

export interface HttpFigures {
  target: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
}

const target = fileURLToPath(new URL('./http-target.ts', import.meta.url));

export const hazardPayload = JSON.stringify({
  enterprise: '91320100MA1XXXXX0Y',
  location: 'Workshop 3, line 2',
  description: 'Guard rail missing on the mezzanine stairs',
  category: 'equipment',
  grade: 'general',
  deadline: '2026-12-31',
});

/** Starts `http-target.ts <kind>` in a child process and drives it with autocannon. */
export async function loadTest(
  kind: 'platform' | 'bare',
  seconds: number,
  connections: number,
): Promise<HttpFigures> {
  const child = spawn(process.execPath, [target, kind], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`http target ${kind} exited with ${code}`)));
      createInterface({ input: child.stdout }).once('line', (line) => resolve(Number(line)));
    });
    const options = {
      url: `http://127.0.0.1:${port}/hazards`,
      method: 'POST' as const,
      headers: { 'content-type': 'application/json' },
      body: hazardPayload,
      connections,
    };
    await autocannon({ ...options, duration: 2 }); // warm-up: JIT, connection setup
    const result = await autocannon({ ...options, duration: seconds });
    return {
      target: kind,
      requestsPerSecond: result.requests.average,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      non2xx: result.non2xx,
    };
  } finally {
    child.kill('SIGTERM');
  }
}
