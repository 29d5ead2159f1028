import { loadConfig } from '@zone-risk/platform';
import { serviceHarness } from '@zone-risk/testkit';
import { z } from 'zod';
import {
  aggregateRoutes,
  buildDomainApp,
  callerOf,
  type DomainAppOptions,
  type DomainContext,
  type DomainService,
  domainConfigSchema,
  Forbidden,
  InvalidInput,
  type Running,
} from '../../src/index.ts';
import { build, checkDue, type Gadget, gadgets, retire, tune } from './gadgets.ts';

// A stand-in domain service on the kit: the gadget aggregate, its routes from an action table, a
// sweeper, and hooks that record what the frame did and in which order.

export const gadgetConfigSchema = domainConfigSchema(
  {
    service: 'gadgets',
    port: 3999,
    database: 'gadgets',
    topicVariable: 'GADGET_TOPIC',
    topic: 'zone.test.events',
  },
  {
    CHECK_SWEEP_SECONDS: z.coerce
      .number()
      .positive()
      .default(3600)
      .describe('How often due checks are swept'),
  },
);
export type GadgetConfig = z.infer<typeof gadgetConfigSchema>;

/** What the stand-in service did, for the tests to look at. */
export interface Trace {
  prepared?: Date;
  stopping: string[];
  /** Set when the frame started what runs beside the routes. */
  started?: boolean;
  ctx?: GadgetContext;
  /** A gadget the "runner" still changes while it is stopped, as a job in flight would. */
  finalWrite?: string;
  prepare?: () => Promise<void>;
  /** What a retirement set off after its write: the state it was given and by whom. */
  setOff?: { status: string; version: number; by: string }[];
}

type Types = { gadgets: typeof gadgets };
export type GadgetContext = DomainContext<Types> & { trace: Trace };

const gadgetView = z.object({
  id: z.string(),
  label: z.string(),
  level: z.int(),
  status: z.string(),
  allowedActions: z.array(z.string()),
  version: z.int(),
});

const toView = (gadget: Gadget) => ({
  id: gadget.id,
  label: gadget.label,
  level: gadget.level,
  status: gadget.status,
  allowedActions: gadget.status === 'retired' ? [] : ['tune', 'retire'],
  version: gadget.version,
});

export function gadgetService(trace: Trace): DomainService<GadgetConfig, Types, GadgetContext, Running> {
  return {
    name: 'gadgets',
    description: 'A test domain',
    topic: (config) => ({ name: config.GADGET_TOPIC, partitions: config.GADGET_TOPIC_PARTITIONS }),
    aggregates: { gadgets },
    context: (base) => {
      const ctx = { ...base, trace };
      trace.ctx = ctx;
      return ctx;
    },
    prepare: async (ctx) => {
      trace.prepared = ctx.clock.now();
      await trace.prepare?.();
    },
    sweepers: (ctx, config) => [
      {
        name: 'check-sweeper',
        correlation: 'check-sweep',
        aggregate: ctx.gadgets,
        decide: checkDue,
        by: { id: 'system:gadget-check' },
        intervalMs: config.CHECK_SWEEP_SECONDS * 1000,
        message: 'gadget checked',
      },
    ],
    start: (ctx) => {
      trace.started = true;
      return {
        stop: async () => {
          trace.stopping.push('runner');
          if (trace.finalWrite) {
            await ctx.gadgets.change(
              { actor: { id: 'system:test' }, correlationId: 'final' },
              trace.finalWrite,
              (g) => tune(g, 1, { id: 'system:test' }),
            );
          }
        },
      };
    },
    routes: (ctx) => async (app) => {
      app.post(
        '/gadgets/:id',
        {
          config: { roles: ['inspector'] },
          schema: {
            params: z.object({ id: z.string() }),
            body: z.object({ checkAt: z.string().optional() }),
          },
        },
        async (request, reply) => {
          const { checkAt } = request.body as { checkAt?: string };
          const { id } = request.params as { id: string };
          const caller = callerOf(request);
          await ctx.gadgets.create(
            caller,
            build(id, 'made', caller.actor, checkAt ? new Date(checkAt) : null),
            ctx.clock.now(),
          );
          return reply.code(201).send({ id });
        },
      );
      await app.register(
        aggregateRoutes(ctx.gadgets, {
          path: '/gadgets',
          params: z.object({ id: z.string().min(1).max(80).describe('Gadget id') }),
          tags: { read: 'gadgets', actions: 'gadget life cycle' },
          readRoles: ['inspector', 'risk-office'],
          view: { schema: gadgetView, of: toView },
          historyKey: 'gadgetId',
          systemActor: 'system:gadget-check',
          actions: [
            gadgets.action({
              path: 'tune',
              summary: 'Tune the gadget',
              description: 'built or tuned → tuned.',
              roles: ['inspector'],
              body: z.object({ by: z.int().min(-5).max(5) }).meta({ examples: [{ by: 2 }] }),
              decide: (gadget, body, actor) => {
                if (body.by === 0) {
                  throw new InvalidInput('A tuning must move the level', [
                    { pointer: '/by', reason: 'must not be 0' },
                  ]);
                }
                if (gadget.level + body.by < 0) {
                  throw new Forbidden('Nobody may tune a gadget below zero', { reason: 'below-zero' });
                }
                return tune(gadget, body.by, actor);
              },
            }),
            gadgets.action({
              path: 'retire',
              summary: 'Retire the gadget',
              description: 'built or tuned → retired, for good.',
              roles: ['inspector'],
              body: z.object({ reason: z.string().min(1) }).meta({ examples: [{ reason: '到期报废' }] }),
              decide: (gadget, body, actor) => retire(gadget, body, actor),
              after: async (gadget, caller) => {
                trace.setOff?.push({ status: gadget.status, version: gadget.version, by: caller.actor.id });
              },
            }),
          ],
        }),
      );
    },
  };
}

export function buildGadgetApp(trace: Trace) {
  return (options: DomainAppOptions<GadgetConfig>) => buildDomainApp(options, gadgetService(trace));
}

export function harnessFor(trace: Trace) {
  return serviceHarness({
    name: 'gadgets',
    topicVariable: 'GADGET_TOPIC',
    env: { HEARTBEAT_SECONDS: '1' },
    loadConfig: (env) => loadConfig(gadgetConfigSchema, env),
    build: buildGadgetApp(trace),
  });
}
