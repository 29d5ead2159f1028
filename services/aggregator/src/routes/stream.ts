import { AuthenticationError, type TokenVerifier } from '@zone-risk/auth';
import type { ServiceRoutes } from '@zone-risk/platform';
import { z } from 'zod';
import type { StatusRecord } from '../data/history.ts';
import type { Aggregator, CurrentStatus } from '../engine/aggregator.ts';

const BEARER = /^Bearer[ ]+(\S+)$/i;

/** One SSE event: `id` is the status sequence, so a reconnecting client resumes after it. */
function frame(
  event: 'status' | 'reset',
  data: CurrentStatus & Partial<Pick<StatusRecord, 'trigger' | 'causes'>>,
): string {
  return `id: ${data.sequence}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

function fromRecord(record: StatusRecord): CurrentStatus & Pick<StatusRecord, 'trigger' | 'causes'> {
  return {
    ...record.status,
    sequence: record.sequence,
    catchingUp: false,
    trigger: record.trigger,
    causes: record.causes,
  };
}

function lastEventId(header: string | string[] | undefined, query: string | undefined): number | undefined {
  const raw = (Array.isArray(header) ? header[0] : header) ?? query;
  if (raw === undefined || !/^\d{1,15}$/.test(raw.trim())) return undefined;
  return Number(raw.trim());
}

/**
 * GET /stream: Server-Sent Events of every status change. EventSource cannot set headers, so
 * besides `Authorization: Bearer`, this route (and only this one) takes `?access_token=`. The
 * route logs at warn level, so the URL with the token never reaches the request log.
 */
export function streamRoutes(
  aggregator: Aggregator,
  verifier: TokenVerifier,
  heartbeatMs: number,
): ServiceRoutes {
  return async (app) => {
    const open = new Set<() => void>();
    app.addHook('preClose', async () => {
      for (const end of open) end();
    });

    app.get(
      '/stream',
      {
        // Authenticated below: the platform's hook only reads the Authorization header.
        config: { public: true },
        logLevel: 'warn',
        schema: {
          tags: ['status'],
          summary: 'Live status changes (Server-Sent Events)',
          description:
            'Every role may subscribe. Send `Authorization: Bearer <token>`, or, from a browser EventSource, `?access_token=<token>` (accepted on this route only). Each `status` event carries the status with its `trigger` and `causes`; its `id` is the status sequence. The first event is the current status; reconnecting with `Last-Event-ID` (or `?lastEventId=`) replays every change after it instead, or sends one `reset` event with the current status when too many were missed. Comment lines every 15 s keep proxies from closing an idle stream.',
          querystring: z.object({
            access_token: z.string().optional().describe('Bearer token, for clients that cannot set headers'),
            lastEventId: z.string().optional().describe('Same as the Last-Event-ID header'),
          }),
          response: {
            200: z.string().describe('text/event-stream'),
          },
        },
      },
      async (request, reply) => {
        const header = request.headers.authorization;
        const token = header ? BEARER.exec(header.trim())?.[1] : request.query.access_token;
        if (!token) {
          throw new AuthenticationError(
            'A bearer token is required (header, or access_token for EventSource)',
            {
              tokenPresent: header !== undefined,
            },
          );
        }
        request.principal = await verifier(token);
        const resumeAfter = lastEventId(request.headers['last-event-id'], request.query.lastEventId);

        reply.hijack();
        const raw = reply.raw;
        raw.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
          'x-request-id': request.id,
        });
        raw.write('retry: 3000\n\n');

        let lastSent = resumeAfter ?? -1;
        let replaying = true;
        const held: StatusRecord[] = [];
        const send = (record: StatusRecord) => {
          if (record.sequence <= lastSent) return;
          lastSent = record.sequence;
          raw.write(frame('status', fromRecord(record)));
        };
        let closed = false;
        const end = () => {
          if (closed) return;
          closed = true;
          clearInterval(keepAlive);
          unsubscribe();
          open.delete(end);
          // The socket goes too: a stream's connection is never reused (EventSource reconnects
          // on a new one), and left in keep-alive it would hold server.close() on shutdown.
          raw.end(() => raw.socket?.destroy());
        };
        // Subscribe before reading the backlog, holding live changes until it is sent: no gap.
        const unsubscribe = aggregator.subscribe({
          status: (record) => (replaying ? held.push(record) : send(record)),
          close: end,
        });
        const keepAlive = setInterval(() => raw.write(': keep-alive\n\n'), heartbeatMs);
        open.add(end);
        request.raw.on('close', end);

        if (resumeAfter === undefined) {
          const current = aggregator.current();
          lastSent = current.sequence;
          raw.write(frame('status', current));
        } else {
          const missed = await aggregator.changesAfter(resumeAfter);
          if (missed === 'reset') {
            const current = aggregator.current();
            lastSent = current.sequence;
            raw.write(frame('reset', current));
          } else {
            for (const record of missed) send(record);
          }
        }
        replaying = false;
        for (const record of held) send(record);
      },
    );
  };
}
