import type { Role } from '@zone-risk/auth';
import type { PersonRef } from '@zone-risk/contracts';
import { personRef } from '@zone-risk/contracts';
import { NotFoundError, type ServiceRoutes } from '@zone-risk/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Aggregate } from '../aggregate/define.ts';
import type { Caller, DecisionOf, Versioned } from '../aggregate/writer.ts';
import { callerOf, ifMatch, sendWithEtag } from './caller.ts';
import { domainProblems } from './problems.ts';

/** One row of an action table: a state change, from which its route is made. */
export interface ActionSpec<State, Name extends string, Body> {
  /** Under the item: `plan` → `POST <path>/:id/plan`. */
  path: string;
  summary: string;
  description: string;
  roles: readonly Role[];
  /** The body, with `.meta({ examples })` for the OpenAPI document. */
  body: z.ZodType<Body>;
  /** Pure: the aggregate as read, the validated body, who acts and when → the decision. */
  decide(state: State, body: Body, actor: PersonRef, now: Date): DecisionOf<State, Name>;
  /**
   * What the change sets off in other aggregates, once it is written (a closed case feeds its
   * business's record). It must be idempotent: a service re-runs it at start for whatever a stop
   * between the two writes left undone.
   */
  after?(state: State, caller: Caller): Promise<void>;
}

export interface ResourceSpec<State extends Versioned, Name extends string> {
  /** The collection's path, e.g. `/hazards`. */
  path: string;
  /** The id path parameter: `z.object({ id: … })`, described. */
  params: z.ZodObject<{ id: z.ZodString }>;
  /** OpenAPI tags: the reads', and the actions'. */
  tags: { read: string; actions: string };
  /** Who may read one and its timeline. */
  readRoles: readonly Role[];
  /** The response shape and how a state becomes it. */
  view: { schema: z.ZodType; of(state: State): unknown };
  /** The name of the id in the timeline response, e.g. `hazardId`. */
  historyKey: string;
  /** Who `by` names when time alone changed it, for the timeline's description. */
  systemActor: string;
  /** The service's wording of its problems, over the kit's. */
  problems?: Readonly<Record<number, string>>;
  actions: readonly ActionSpec<State, Name, unknown>[];
  /**
   * The service serves `GET <path>/{id}` itself (its answer needs more than the state, e.g.
   * figures computed over other aggregates); the kit serves the timeline and the actions.
   */
  ownRead?: boolean;
}

const timelineView = (key: string, systemActor: string) =>
  z.object({
    [key]: z.string(),
    entries: z.array(
      z.object({
        at: z.string().describe('When, RFC 3339'),
        event: z.string().describe('What happened: the event name'),
        eventId: z.string().describe('Id of the published event'),
        version: z.int().describe('Version after it'),
        by: personRef.describe(`Who did it (${systemActor} for time-driven changes)`),
        details: z.record(z.string(), z.unknown()).describe('The facts of the event'),
      }),
    ),
  });

const ifMatchHeader = z.object({
  'if-match': z.string().optional().describe('The ETag of your last GET (required: 428 without it)'),
});

/**
 * The routes every aggregate has: read one (with its ETag), its timeline, and one POST per row of
 * its action table — If-Match required (428 without, 412 when stale), the decision taken on the
 * state just read and written on its version (409 when the state does not allow it), answered
 * with the new state and ETag. Problems are RFC 9457; the OpenAPI document shows the examples.
 */
export function aggregateRoutes<State extends Versioned, Name extends string>(
  aggregate: Aggregate<State, Name>,
  spec: ResourceSpec<State, Name>,
): ServiceRoutes {
  const problems = domainProblems(spec.problems);
  const view = spec.view.of;
  return async (app) => {
    if (spec.ownRead !== true)
      app.get(
        `${spec.path}/:id`,
        {
          config: { roles: spec.readRoles },
          schema: {
            tags: [spec.tags.read],
            summary: `Read a ${aggregate.noun.toLowerCase()}`,
            description: 'The ETag is what state changes send back as If-Match.',
            params: spec.params,
            response: { 200: spec.view.schema, ...problems(404) },
          },
        },
        async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
          const state = await aggregate.find(request.params.id);
          if (!state) throw new NotFoundError(aggregate.notFound(request.params.id));
          return sendWithEtag(reply, state, view);
        },
      );

    app.get(
      `${spec.path}/:id/history`,
      {
        config: { roles: spec.readRoles },
        schema: {
          tags: [spec.tags.read],
          summary: `The ${aggregate.noun.toLowerCase()}’s timeline: who did what, when`,
          description: 'Each entry was written in the same update as the event it records.',
          params: spec.params,
          response: { 200: timelineView(spec.historyKey, spec.systemActor), ...problems(404) },
        },
      },
      async (request: FastifyRequest<{ Params: { id: string } }>) => {
        const entries = await aggregate.history(request.params.id);
        if (!entries) throw new NotFoundError(aggregate.notFound(request.params.id));
        return {
          [spec.historyKey]: request.params.id,
          entries: entries.map((entry) => ({ ...entry, at: entry.at.toISOString() })),
        };
      },
    );

    for (const row of spec.actions) {
      app.post(
        `${spec.path}/:id/${row.path}`,
        {
          config: { roles: row.roles },
          schema: {
            tags: [spec.tags.actions],
            summary: row.summary,
            description: `${row.description} Requires If-Match.`,
            params: spec.params,
            headers: ifMatchHeader,
            body: row.body,
            response: { 200: spec.view.schema, ...problems(400, 403, 404, 409, 412, 428) },
          },
        },
        async (request: FastifyRequest<{ Params: { id: string }; Body: unknown }>, reply: FastifyReply) => {
          const caller = callerOf(request);
          const { id } = request.params;
          const state = await aggregate.change(
            caller,
            id,
            (current, now) => row.decide(current, request.body, caller.actor, now),
            ifMatch(request, id),
          );
          await row.after?.(state, caller);
          return sendWithEtag(reply, state, view);
        },
      );
    }
  };
}
