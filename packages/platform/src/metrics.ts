import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

const DURATION = 'http_request_duration_seconds';

function durationHistogram(registry: Registry): Histogram<'method' | 'route' | 'status'> {
  // A registry shared by two apps (tests, or a service with an admin app) keeps one histogram.
  const existing = registry.getSingleMetric(DURATION);
  if (existing) return existing as Histogram<'method' | 'route' | 'status'>;
  return new Histogram({
    name: DURATION,
    help: 'HTTP request duration by method, route template and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
}

/**
 * Times every request into the histogram and serves the registry at /metrics. The route label is
 * the template (`/hazards/:id`), never the raw URL, so label cardinality stays bounded.
 */
export function installMetrics(app: FastifyInstance, registry: Registry = new Registry()): Registry {
  if (!registry.getSingleMetric('process_cpu_user_seconds_total'))
    collectDefaultMetrics({ register: registry });
  const histogram = durationHistogram(registry);
  app.addHook('onResponse', async (request, reply) => {
    const route = request.is404 ? 'unmatched' : (request.routeOptions.url ?? 'unmatched');
    histogram.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  app.get('/metrics', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => {
    reply.type(registry.contentType);
    return registry.metrics();
  });
  return registry;
}
