import type { Clock } from '@zone-risk/calendar';
import { baseConfigSchema, clockShiftDays, loadConfig } from '@zone-risk/platform';
import { connectStore } from '@zone-risk/store';
import { serviceHarness } from '@zone-risk/testkit';
import mongoose, { type mongo } from 'mongoose';
import t from 'tap';
import { z } from 'zod';
import { buildDomainApp, type DomainAppOptions, type DomainConfig } from '../src/index.ts';
import { build, type GadgetContext, gadgetWriter, tune } from './helpers/gadgets.ts';

const configSchema = baseConfigSchema.extend({
  GADGET_TOPIC: z.string().describe('The test domain topic'),
  HEARTBEAT_SECONDS: z.coerce.number().positive().describe('Heartbeat period'),
  CLOCK_SHIFT_DAYS: clockShiftDays,
});
type GadgetConfig = z.infer<typeof configSchema> & DomainConfig;

const system = { actor: { id: 'system:test' }, correlationId: 'test' };

/** What the stand-in service did, for the tests to look at. */
interface Trace {
  prepared?: Date;
  stopping: string[];
  ctx?: GadgetContext;
  /** A gadget the "sweeper" still changes while it is stopped, as a sweep in flight would. */
  finalWrite?: string;
}

// A stand-in domain service on the frame: one route that creates a gadget, and a "sweeper".
function gadgetService(trace: Trace, prepare: (clock: Clock) => Promise<void> = async () => undefined) {
  return (options: DomainAppOptions<GadgetConfig>) => {
    const native = options.store.db;
    if (!native) throw new Error('not connected');
    const gadgets = native.collection('gadgets');
    return buildDomainApp(options, {
      name: 'gadgets',
      description: 'A test domain',
      topic: options.config.GADGET_TOPIC,
      partitions: 1,
      prepare: async (clock) => {
        trace.prepared = clock.now();
        await prepare(clock);
      },
      outboxes: [gadgets as unknown as mongo.Collection],
      start: ({ clock, relay }) => {
        const ctx: GadgetContext = {
          gadgets,
          clock,
          zoneId: options.config.ZONE_ID,
          published: () => relay.nudge(),
        };
        trace.ctx = ctx;
        return {
          routes: async (app) => {
            app.post('/gadgets/:id', { config: { public: true } }, async (request, reply) => {
              const { id } = request.params as { id: string };
              await gadgetWriter.create(ctx, system, build(id, 'made', system.actor), clock.now());
              return reply.code(201).send({ id });
            });
          },
          stop: async () => {
            trace.stopping.push('sweeper');
            if (trace.finalWrite) {
              await gadgetWriter.change(ctx, system, trace.finalWrite, (g) => tune(g, 1, system.actor));
            }
          },
        };
      },
    });
  };
}

function harnessFor(trace: Trace, prepare?: (clock: Clock) => Promise<void>) {
  return serviceHarness({
    name: 'gadgets',
    topicVariable: 'GADGET_TOPIC',
    env: { HEARTBEAT_SECONDS: '1' },
    loadConfig: (env) => loadConfig(configSchema, env),
    build: gadgetService(trace, prepare),
  });
}

t.test(
  'a domain service is ready once Kafka answers, beats on its topic, and its writes reach the topic',
  async (t) => {
    const trace: Trace = { stopping: [] };
    const service = await harnessFor(trace).startService(t);
    t.strictSame(trace.prepared, service.clock.now(), 'the store is readied on the service clock');

    const ready = await service.app.inject({ method: 'GET', url: '/health/ready' });
    t.equal(ready.statusCode, 200);
    t.match(ready.json(), { status: 'up', checks: { kafka: { status: 'up' }, store: { status: 'up' } } });

    const heartbeat = await service.events.waitFor('ServiceHeartbeat');
    t.match(heartbeat.data, { service: 'gadgets', domain: 'gadgets', intervalMs: 1000 });

    const created = await service.app.inject({ method: 'POST', url: '/gadgets/g-1' });
    t.equal(created.statusCode, 201);
    t.match(await service.events.waitForVersion('g-1', 1), { type: 'zone.test.GadgetBuilt.v1' });
  },
);

t.test(
  "on close the service's own parts stop first and the store last: a write in flight lands, and a relay publishes it",
  async (t) => {
    const service = await harnessFor({ stopping: [] }).startService(t);
    // A second instance on the same database and topic, that closes its own store, as deployed.
    const trace: Trace = { stopping: [] };
    const store = await connectStore({ url: service.db.url, dbName: service.db.dbName });
    const app = await gadgetService(trace)({ config: loadConfig(configSchema, service.env), store });
    const ctx = trace.ctx;
    if (!ctx) throw new Error('not started');
    await gadgetWriter.create(ctx, system, build('g-last', 'last', system.actor), ctx.clock.now());
    await service.events.waitForVersion('g-last', 1);

    trace.finalWrite = 'g-last';
    await app.close();
    t.strictSame(trace.stopping, ['sweeper']);
    t.equal(store.readyState, mongoose.ConnectionStates.disconnected, 'the store is closed after');
    const stored = await service.db.connection.db?.collection('gadgets').findOne({ _id: 'g-last' as never });
    t.match(stored, { _version: 2, level: 1 }, 'the last write landed before');
    // Whichever relay runs next (here the first instance's) publishes what was left pending.
    t.match(await service.events.waitForVersion('g-last', 2), { type: 'zone.test.GadgetTuned.v1' });
  },
);

t.test(
  'a service whose store cannot be readied fails to start and leaves no Kafka connection open',
  async (t) => {
    const trace: Trace = { stopping: [] };
    const failing = harnessFor(trace, async () => {
      throw new Error('no indexes today');
    });
    // A producer left connected would keep this test file alive until tap's timeout.
    await t.rejects(failing.startService(t), { message: 'no indexes today' });
    t.equal(trace.ctx, undefined, 'nothing beside the routes was started');
  },
);
