import { loadConfig } from '@zone-risk/platform';
import { connectStore } from '@zone-risk/store';
import { bearer } from '@zone-risk/testkit';
import mongoose from 'mongoose';
import t from 'tap';
import { build } from './helpers/gadgets.ts';
import { buildGadgetApp, gadgetConfigSchema, harnessFor, type Trace } from './helpers/service.ts';

const system = { actor: { id: 'system:test' }, correlationId: 'test' };

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

    const created = await service.app.inject({
      method: 'POST',
      url: '/gadgets/g-1',
      headers: await bearer(['inspector'], 'insp-wang'),
      payload: {},
    });
    t.equal(created.statusCode, 201);
    t.match(await service.events.waitForVersion('g-1', 1), { type: 'zone.test.GadgetBuilt.v1' });
  },
);

t.test(
  'the aggregate’s declared indexes are built at start, the armed flag’s and the relay’s too',
  async (t) => {
    const service = await harnessFor({ stopping: [] }).startService(t);
    const indexes = await service.db.connection.db?.collection('gadgets').indexes();
    t.same((indexes ?? []).map((index) => index.name).sort(), [
      '_id_',
      '_outboxPending_1',
      'checkArmed_1',
      'status_1',
    ]);
  },
);

t.test(
  "on close the service's own parts stop first and the store last: a write in flight lands, and a relay publishes it",
  async (t) => {
    const service = await harnessFor({ stopping: [] }).startService(t);
    // A second instance on the same database and topic, that closes its own store, as deployed.
    const trace: Trace = { stopping: [] };
    const store = await connectStore({ url: service.db.url, dbName: service.db.dbName });
    const app = await buildGadgetApp(trace)({ config: loadConfig(gadgetConfigSchema, service.env), store });
    const ctx = trace.ctx;
    if (!ctx) throw new Error('not started');
    await ctx.gadgets.create(system, build('g-last', 'last', system.actor), ctx.clock.now());
    await service.events.waitForVersion('g-last', 1);

    trace.finalWrite = 'g-last';
    await app.close();
    t.strictSame(trace.stopping, ['runner']);
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
    const trace: Trace = {
      stopping: [],
      prepare: async () => {
        throw new Error('no indexes today');
      },
    };
    // A producer left connected would keep this test file alive until tap's timeout.
    await t.rejects(harnessFor(trace).startService(t), { message: 'no indexes today' });
    t.equal(trace.started, undefined, 'nothing beside the routes was started');
  },
);
