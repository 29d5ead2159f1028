import { isoDateTime } from '@zone-risk/contracts';
import { NotFoundError, type ServiceRoutes, ValidationError } from '@zone-risk/platform';
import { z } from 'zod';
import type { Aggregator } from '../engine/aggregator.ts';
import { READERS, seriesPointSchema, statusSchema } from './schemas.ts';

const DAY_MS = 86_400_000;
const MAX_RANGE_DAYS = 366;
const MAX_POINTS = 10_000;

/** GET /status (every role), GET /status/history (risk office). */
export function statusRoutes(aggregator: Aggregator): ServiceRoutes {
  const serialized = new WeakMap<object, string>();
  return async (app) => {
    app.get(
      '/status',
      {
        schema: {
          tags: ['status'],
          summary: 'The zone-wide risk status now, or as it stood at `at`',
          description:
            'Every role may read it. Each domain has a level, a score, its contributions (rule, items, points) and its freshness; a stale domain is `unknown`, never blue. The zone level is the worst domain level raised by the overrides that fired.',
          querystring: z.object({
            at: isoDateTime
              .optional()
              .describe('Answer with the status recorded last at or before this instant'),
          }),
          response: { 200: statusSchema },
        },
      },
      async (request, reply) => {
        const { at } = request.query;
        if (at === undefined) {
          // The hot path: the status changes at most once per batch or tick, while it may be read
          // thousands of times a second. A string skips the per-response zod encoding.
          const current = aggregator.current();
          let json = serialized.get(current);
          if (json === undefined) {
            json = JSON.stringify(statusSchema.parse(current));
            serialized.set(current, json);
          }
          return reply.type('application/json; charset=utf-8').send(json as never);
        }
        const point = await aggregator.history.pointAt(new Date(at));
        const record = point ? await aggregator.history.get(point.sequence) : null;
        if (!record) throw new NotFoundError(`No status was recorded at or before ${at}`);
        return { ...record.status, sequence: record.sequence, catchingUp: false };
      },
    );

    app.get(
      '/status/history',
      {
        config: { roles: READERS },
        schema: {
          tags: ['status'],
          summary: 'The recorded changes between two instants, for a trend chart',
          description: `Every recorded change of a level or score, oldest first, plus \`initial\`: the status as it stood at \`from\`. Defaults to the last 7 days; at most ${MAX_RANGE_DAYS} days and ${MAX_POINTS} points.`,
          querystring: z.object({
            from: isoDateTime.optional().describe('Start, inclusive (default: 7 days before `to`)'),
            to: isoDateTime.optional().describe('End, inclusive (default: now)'),
          }),
          response: {
            200: z.object({
              from: z.string(),
              to: z.string(),
              initial: seriesPointSchema.nullable().describe('The last change before `from`, if any'),
              points: z.array(seriesPointSchema),
              truncated: z.boolean().describe(`More than ${MAX_POINTS} changes: the newest are left out`),
            }),
          },
        },
      },
      async (request) => {
        const to = request.query.to ? new Date(request.query.to) : new Date();
        const from = request.query.from ? new Date(request.query.from) : new Date(to.getTime() - 7 * DAY_MS);
        if (from > to) {
          throw new ValidationError('`from` is after `to`', [
            { location: 'querystring', pointer: '/from', message: 'must not be after to' },
          ]);
        }
        if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) {
          throw new ValidationError(`Ask for at most ${MAX_RANGE_DAYS} days at a time`, [
            { location: 'querystring', pointer: '/from', message: `range exceeds ${MAX_RANGE_DAYS} days` },
          ]);
        }
        const points = await aggregator.history.series(from, to);
        const initial = await aggregator.history.pointAt(new Date(from.getTime() - 1));
        return {
          from: from.toISOString(),
          to: to.toISOString(),
          initial,
          points: points.slice(0, MAX_POINTS),
          truncated: points.length > MAX_POINTS,
        };
      },
    );
  };
}
