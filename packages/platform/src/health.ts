import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

/** A readiness check: returns or resolves `false`, throws, or takes too long when its dependency is down. */
export type ReadinessCheck = () => unknown;

const checkResult = z.object({
  status: z.enum(['up', 'down']),
  durationMs: z.number(),
});
const readyResponse = z.object({
  status: z.enum(['up', 'down']),
  checks: z.record(z.string(), checkResult),
});

async function run(check: ReadinessCheck, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    const ok = await Promise.race([Promise.resolve().then(check), timeout]);
    return ok !== false;
  } finally {
    clearTimeout(timer);
  }
}

/** /health/live (the process answers) and /health/ready (every dependency answers); both public. */
export function installHealth(
  app: FastifyInstance,
  checks: Record<string, ReadinessCheck>,
  timeoutMs = 2_000,
): void {
  app.get(
    '/health/live',
    {
      config: { public: true },
      schema: { tags: ['health'], response: { 200: z.object({ status: z.literal('up') }) } },
    },
    async () => ({ status: 'up' as const }),
  );
  app.get(
    '/health/ready',
    {
      config: { public: true },
      schema: { tags: ['health'], response: { 200: readyResponse, 503: readyResponse } },
    },
    async (request, reply) => {
      const results = await Promise.all(
        Object.entries(checks).map(async ([name, check]) => {
          const started = performance.now();
          const up = await run(check, timeoutMs).catch((error: unknown) => {
            // The reason stays in the log: this route is public and errors can name hosts.
            request.log.warn({ err: error, check: name }, 'readiness check failed');
            return false;
          });
          const durationMs = Math.round(performance.now() - started);
          return [name, { status: up ? 'up' : 'down', durationMs }] as const;
        }),
      );
      const allUp = results.every(([, result]) => result.status === 'up');
      reply.code(allUp ? 200 : 503);
      return { status: allUp ? 'up' : 'down', checks: Object.fromEntries(results) };
    },
  );
}
