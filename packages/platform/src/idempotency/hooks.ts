import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Connection } from 'mongoose';
import { ConflictError, UnprocessableContentError, ValidationError } from '../errors.ts';
import {
  type IdempotencyRecord,
  idempotencyModel,
  isDuplicateKey,
  type StoredResponse,
  sweepIdempotencyRecords,
} from './records.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set false to ignore Idempotency-Key on a route (e.g. one that streams its answer). */
    idempotency?: boolean;
  }
}

export interface IdempotencyOptions {
  /** Methods that honour the header. Default POST and PATCH. */
  methods?: readonly string[];
  /** How long a stored response is replayed. Default 24 h. */
  retentionMs?: number;
  /** How often expired records are swept. Default 10 min. */
  sweepIntervalMs?: number;
  /** How long a concurrent duplicate waits for the first request before a 409. Default 10 s. */
  waitMs?: number;
  /** A lock older than this is taken to be from a crashed process and may be taken over. Default 60 s. */
  staleLockMs?: number;
  /** Response headers replayed besides the status and body. */
  replayHeaders?: readonly string[];
}

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'idempotent-replayed';
const POLL_MS = 50;
const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;

function sha256(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}

function readKey(request: FastifyRequest): string | undefined {
  const value = request.headers[IDEMPOTENCY_HEADER];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !KEY_FORMAT.test(value)) {
    throw new ValidationError('Idempotency-Key must be one value of 1-255 visible ASCII characters', [
      { location: 'headers', pointer: `/${IDEMPOTENCY_HEADER}`, message: 'is not a valid key' },
    ]);
  }
  return value;
}

function replay(reply: FastifyReply, response: StoredResponse): FastifyReply {
  return reply
    .code(response.status)
    .headers(response.headers)
    .header(REPLAYED_HEADER, 'true')
    .send(response.body);
}

/**
 * Makes POST (and PATCH) retries with the same Idempotency-Key safe: the first request runs, its
 * response is stored, and every retry gets that response back. Registered on the root instance.
 */
export function installIdempotency(
  app: FastifyInstance,
  connection: Connection,
  options: IdempotencyOptions = {},
) {
  const methods = new Set(options.methods ?? ['POST', 'PATCH']);
  const retentionMs = options.retentionMs ?? 24 * 3_600_000;
  const waitMs = options.waitMs ?? 10_000;
  const staleLockMs = options.staleLockMs ?? 60_000;
  const replayHeaders = options.replayHeaders ?? ['content-type', 'location', 'etag', 'last-modified'];
  const claims = new WeakMap<FastifyRequest, { id: string; owner: string }>();
  // Every operation below is one the store rules allow (DEVELOPERS.md): an insert whose unique
  // `_id` is the lock, finds and deletes by `_id`, conditional updates on top-level scalars (the
  // takeover is a compare-and-set on `owner` and `state`), and the sweep's deleteMany.
  const records = idempotencyModel(connection);

  // preHandler: after authentication (the key is scoped to the caller) and body validation (a
  // request refused as invalid never holds the key).
  app.addHook('preHandler', async (request, reply) => {
    if (!methods.has(request.method) || request.routeOptions.config.idempotency === false) return;
    const key = readKey(request);
    if (key === undefined) return;
    const sub = (request.principal as { sub: string } | null)?.sub ?? 'anonymous';
    const id = sha256(key, sub, request.method, request.url);
    const requestHash = sha256(JSON.stringify(request.body ?? null));
    const deadline = Date.now() + waitMs;
    let waiting = false;

    for (;;) {
      const owner = randomUUID();
      const now = new Date();
      const record: IdempotencyRecord = {
        _id: id,
        key,
        sub,
        method: request.method,
        url: request.url,
        requestHash,
        state: 'in-progress',
        owner,
        createdAt: now,
        lockedAt: now,
      };
      try {
        await records.insertOne(record);
        claims.set(request, { id, owner });
        return;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
      const existing = await records.findOne({ _id: id }).lean<IdempotencyRecord>();
      if (!existing) continue; // released after a 5xx in between: try to claim it again
      if (existing.requestHash !== requestHash) {
        throw new UnprocessableContentError(
          'This Idempotency-Key was already used with a different request body',
        );
      }
      if (existing.state === 'completed' && existing.response) return replay(reply, existing.response);
      if (existing.lockedAt.getTime() < now.getTime() - staleLockMs) {
        const takeover = await records.updateOne(
          { _id: id, owner: existing.owner, state: 'in-progress' },
          { $set: { owner, lockedAt: now } },
        );
        if (takeover.modifiedCount === 1) {
          claims.set(request, { id, owner });
          return;
        }
      }
      if (Date.now() >= deadline) {
        throw new ConflictError('A request with this Idempotency-Key is still in progress; retry later', {
          idempotencyKey: key,
        });
      }
      if (!waiting) {
        waiting = true;
        request.log.info(
          { idempotencyKey: key },
          'a request with this Idempotency-Key is in progress: waiting for its answer',
        );
      }
      await sleep(POLL_MS);
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = claims.get(request);
    if (!claim) return payload;
    claims.delete(request);
    const storable =
      payload === null || payload === undefined || typeof payload === 'string' || Buffer.isBuffer(payload);
    try {
      // A 5xx is our failure, not an answer: release the key so the client's retry runs again.
      if (reply.statusCode >= 500 || !storable) {
        await records.deleteOne({ _id: claim.id, owner: claim.owner });
        return payload;
      }
      const headers: Record<string, string> = {};
      for (const name of replayHeaders) {
        const value = reply.getHeader(name);
        if (value !== undefined) headers[name] = String(value);
      }
      const body = payload === null || payload === undefined ? '' : String(payload);
      await records.updateOne(
        { _id: claim.id, owner: claim.owner },
        { $set: { state: 'completed', response: { status: reply.statusCode, headers, body } } },
      );
    } catch (error) {
      // The work is done; failing the response now would invite the very retry we guard against.
      request.log.error({ err: error }, 'could not record the Idempotency-Key response');
    }
    return payload;
  });

  const sweepIntervalMs = options.sweepIntervalMs ?? 600_000;
  let timer: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    // No TTL index on FerretDB: a periodic sweep by `createdAt`. The model's index serves its range
    // on MongoDB; FerretDB evaluates a range after reading the collection, once per interval.
    await records
      .createIndexes()
      .catch((error: unknown) => app.log.warn({ err: error }, 'could not index idempotency records'));
    timer = setInterval(() => {
      sweepIdempotencyRecords(connection, retentionMs).catch((error: unknown) =>
        app.log.warn({ err: error }, 'sweeping expired idempotency records failed'),
      );
    }, sweepIntervalMs);
    timer.unref();
  });
  app.addHook('onClose', async () => clearInterval(timer));
}
