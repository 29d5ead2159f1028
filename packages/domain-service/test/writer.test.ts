import { OutboxConflictError, pendingEvents } from '@zone-risk/messaging';
import { ConflictError, NotFoundError, PreconditionFailedError } from '@zone-risk/platform';
import t from 'tap';
import { aggregateRepository } from '../src/aggregate/repository.ts';
import { type AggregateKind, aggregateWriter, type WriteContext } from '../src/aggregate/writer.ts';
import { type Aggregate, NotAllowed } from '../src/index.ts';
import {
  build,
  type Gadget,
  type GadgetDecision,
  type GadgetFact,
  gadgetRecorder,
  gadgetState,
  gadgetStore,
  insertCorruptGadget,
  tune,
} from './helpers/gadgets.ts';

const wang = { id: 'insp-wang', name: '王磊' };
const caller = { actor: wang, correlationId: 'req-1' };

async function built(aggregate: Aggregate<Gadget, GadgetFact['name']>, now: Date, id = 'g-1'): Promise<void> {
  await aggregate.create(caller, build(id, 'first', wang), now);
}

/** The storage the declaration gives, for writers whose reads a test interferes with. */
function kindOf(aggregate: Aggregate<Gadget, GadgetFact['name']>): AggregateKind<Gadget, GadgetFact['name']> {
  const repository = aggregateRepository(aggregate.model, { state: gadgetState });
  return { noun: 'Gadget', notFound: aggregate.notFound, recorder: gadgetRecorder, ...repository.storage };
}

t.test('a created aggregate holds its state, first events and timeline in one document', async (t) => {
  const { aggregate, clock, nudges, stored } = await gadgetStore(t);
  await built(aggregate, clock.now());
  const doc = await stored('g-1');
  t.match(doc, {
    _version: 1,
    label: 'first',
    status: 'built',
    history: [{ event: 'GadgetBuilt', version: 1, by: wang, details: { label: 'first' } }],
  });
  t.match(pendingEvents(doc ?? {}), [{ aggregateid: 'g-1', aggregateversion: 1, correlationid: 'req-1' }]);
  t.equal(nudges(), 1, 'the relay is woken');

  await t.rejects(
    built(aggregate, clock.now()),
    OutboxConflictError,
    'an id already taken is for the caller to judge',
  );
  t.equal(nudges(), 1);
});

t.test(
  'a change is decided on the state just read, at the time of the clock, and written on its version',
  async (t) => {
    const { aggregate, clock, nudges, stored } = await gadgetStore(t);
    await built(aggregate, clock.now());
    clock.advanceDays(1);
    let seen: { gadget: Gadget; now: Date } | undefined;
    const seenVersions: number[] = [];
    const changed = await aggregate.change(
      caller,
      'g-1',
      (gadget, now) => {
        seen = { gadget, now };
        return tune(gadget, 2, wang);
      },
      { precondition: (version) => seenVersions.push(version) },
    );
    t.match(seen, { gadget: { id: 'g-1', level: 0, version: 1 }, now: new Date('2026-03-03T02:00:00Z') });
    t.strictSame(seenVersions, [1], 'the precondition sees the version that was read');
    t.strictSame(changed, {
      id: 'g-1',
      label: 'first',
      level: 2,
      status: 'tuned',
      checkAt: null,
      version: 3,
    });
    t.strictSame(await aggregate.find('g-1'), changed, 'what is read back is what the change returned');
    const doc = await stored('g-1');
    t.match(doc, { _version: 3, level: 2 });
    t.strictSame(
      pendingEvents(doc ?? {}).map((event) => [event.aggregateversion, event.time]),
      [
        [1, '2026-03-02T02:00:00.000Z'],
        [2, '2026-03-03T02:00:00.000Z'],
        [3, '2026-03-03T02:00:00.000Z'],
      ],
    );
    t.strictSame(
      ((doc?.history ?? []) as { version: number }[]).map((entry) => entry.version),
      [1, 2, 3],
      'the timeline grows with the events',
    );
    t.equal(nudges(), 2);
  },
);

t.test('an unknown aggregate is a 404 in the words of its kind', async (t) => {
  const { aggregate } = await gadgetStore(t);
  const error = await aggregate.change(caller, 'g-404', (g) => tune(g, 1, wang)).catch((e) => e);
  t.type(error, NotFoundError);
  t.match(error, { status: 404, message: 'Gadget g-404 does not exist' });
});

t.test('a refused precondition or decision writes nothing', async (t) => {
  const { aggregate, clock, nudges, stored } = await gadgetStore(t);
  await built(aggregate, clock.now());
  await t.rejects(
    aggregate.change(caller, 'g-1', (g) => tune(g, 1, wang), {
      precondition: () => {
        throw new PreconditionFailedError('stale');
      },
    }),
    PreconditionFailedError,
  );
  await t.rejects(
    aggregate.change(caller, 'g-1', () => {
      throw new NotAllowed('gadget', 'built', 'fly', ['tune']);
    }),
    NotAllowed,
  );
  t.match(await stored('g-1'), { _version: 1, level: 0 });
  t.equal(nudges(), 1, 'only the creation woke the relay');
});

/** A writer whose reads are each followed by another writer's change, `races` times. */
function racing(aggregate: Aggregate<Gadget, GadgetFact['name']>, ctx: WriteContext, races: number) {
  let left = races;
  const kind = kindOf(aggregate);
  return aggregateWriter(
    {
      ...kind,
      load: async (id) => {
        const read = await kind.load(id);
        if (read && left-- > 0) {
          await aggregate.write({
            decision: tune(read, 1, { id: 'someone-else' }),
            expectedVersion: read.version,
            by: { id: 'someone-else' },
            cause: { zoneId: ctx.zoneId, correlationId: 'other', time: ctx.clock.now() },
          });
        }
        return read;
      },
    },
    ctx,
  );
}

t.test('a lost race is re-read and re-decided as many times as the caller allows', async (t) => {
  const { aggregate, ctx, clock, stored } = await gadgetStore(t);
  await built(aggregate, clock.now());
  const decided: number[] = [];
  const changed = await racing(aggregate, ctx, 2).change(
    caller,
    'g-1',
    (gadget) => {
      decided.push(gadget.version);
      return tune(gadget, 1, wang);
    },
    { retries: 2 },
  );
  t.strictSame(decided, [1, 2, 3], 'decided again on each fresh read');
  t.match(changed, { level: 3, version: 4 });
  t.match(await stored('g-1'), { _version: 4, level: 3 });
});

t.test(
  'a race lost for good is a 409 with the current version, or a 412 with the current ETag when the caller named a version',
  async (t) => {
    const { aggregate, ctx, clock, nudges, stored } = await gadgetStore(t);
    await built(aggregate, clock.now());
    const decide = (gadget: Gadget): GadgetDecision => tune(gadget, 1, wang);

    const conflict = await racing(aggregate, ctx, 1)
      .change(caller, 'g-1', decide)
      .catch((e) => e);
    t.type(conflict, ConflictError);
    t.match(conflict, {
      status: 409,
      message: 'Gadget g-1 changed while your request ran; read it again and retry',
      extensions: { currentVersion: 2 },
    });

    const stale = await racing(aggregate, ctx, 1)
      .change(caller, 'g-1', decide, { ifMatch: true })
      .catch((e) => e);
    t.type(stale, PreconditionFailedError);
    t.match(stale, {
      status: 412,
      message: 'Gadget g-1 changed while your request ran; read it again and reapply your change',
      extensions: { currentVersion: 3 },
      headers: { etag: '"g-1.v3"' },
    });

    t.match(await stored('g-1'), { _version: 3, level: 2 }, 'only the other writer’s changes are kept');
    t.equal(nudges(), 1, 'a lost change wakes no relay');
  },
);

t.test('a single write does not wake the relay, and says when it lost', async (t) => {
  const { aggregate, clock, nudges, stored } = await gadgetStore(t);
  await built(aggregate, clock.now());
  const read = await aggregate.find('g-1');
  if (!read) throw new Error('no gadget');
  const sweep = {
    by: { id: 'system:sweeper' },
    cause: { zoneId: 'test-zone', correlationId: 'sweep-1', time: clock.now() },
  };
  const events = await aggregate.write({
    decision: tune(read, 1, wang),
    expectedVersion: 1,
    ...sweep,
  });
  t.match(events, [{ aggregateversion: 2, correlationid: 'sweep-1' }]);
  t.match(await stored('g-1'), { history: [{}, { version: 2, by: { id: 'system:sweeper' } }] });
  t.equal(nudges(), 1, 'only the creation woke the relay');
  await t.rejects(
    aggregate.write({ decision: tune(read, 1, wang), expectedVersion: 1, ...sweep }),
    OutboxConflictError,
  );
});

t.test(
  'a sweep fires each due timer with one write: what is not due, no longer due or lost to another writer is left alone',
  async (t) => {
    const { aggregate, ctx, clock, nudges, stored } = await gadgetStore(t);
    for (const id of ['g-due', 'g-later', 'g-unarmed', 'g-settled', 'g-raced']) {
      await built(aggregate, clock.now(), id);
    }
    const past = new Date(clock.now().getTime() - 1);
    const armed = [
      { id: 'g-due', nextDueAt: past },
      { id: 'g-later', nextDueAt: new Date(clock.now().getTime() + 60_000) },
      { id: 'g-unarmed', nextDueAt: null },
      { id: 'g-settled', nextDueAt: past },
      { id: 'g-gone', nextDueAt: past },
      { id: 'g-raced', nextDueAt: past },
    ];
    // Another writer changes g-raced between the sweep's read and its write.
    const kind = kindOf(aggregate);
    const sweeper = aggregateWriter(
      {
        ...kind,
        load: async (id) => {
          const read = await kind.load(id);
          if (read && id === 'g-raced') await aggregate.change(caller, id, (g) => tune(g, 1, wang));
          return read;
        },
      },
      ctx,
    );
    const decided: string[] = [];
    const written: [string, number[]][] = [];
    const sweptAt = clock.now();
    const fired = await sweeper.sweep({
      armed,
      decide: (gadget, now) => {
        decided.push(gadget.id);
        t.strictSame(now, sweptAt, `${gadget.id} is decided on at the sweep's time`);
        return gadget.id === 'g-settled' ? null : tune(gadget, 1, { id: 'system:sweeper' });
      },
      by: { id: 'system:sweeper' },
      cause: { zoneId: 'test-zone', correlationId: 'sweep-1', time: sweptAt },
      written: (id, events) => written.push([id, events.map((event) => event.aggregateversion)]),
    });
    t.equal(fired, 1);
    t.strictSame(decided, ['g-due', 'g-settled', 'g-raced'], 'only what is due is read and decided on');
    t.strictSame(written, [['g-due', [2]]]);
    t.match(await stored('g-due'), { _version: 2, history: [{}, { by: { id: 'system:sweeper' } }] });
    t.match(
      await stored('g-raced'),
      { _version: 2, history: [{}, { by: wang }] },
      'the other writer’s change',
    );
    t.match(await stored('g-later'), { _version: 1 });
    const creationsAndRace = 5 + 1;
    t.equal(nudges(), creationsAndRace + 1, 'the sweep woke the relay once');

    const again = await aggregate.sweep({
      armed: [{ id: 'g-later', nextDueAt: armed[1]?.nextDueAt ?? null }],
      decide: (gadget) => tune(gadget, 1, wang),
      by: { id: 'system:sweeper' },
      cause: { zoneId: 'test-zone', correlationId: 'sweep-2', time: clock.now() },
    });
    t.equal(again, 0);
    t.equal(nudges(), creationsAndRace + 1, 'a sweep that wrote nothing wakes nothing');
  },
);

t.test('a sweep goes past an aggregate it cannot decide on, reports it, and fires the others', async (t) => {
  const { aggregate, clock, stored } = await gadgetStore(t);
  await built(aggregate, clock.now(), 'g-fine');
  await insertCorruptGadget(aggregate.model.db, 'g-corrupt', 1);
  const past = new Date(clock.now().getTime() - 1);
  const failed: [string, string][] = [];
  const fired = await aggregate.sweep({
    armed: [
      { id: 'g-corrupt', nextDueAt: past },
      { id: 'g-fine', nextDueAt: past },
    ],
    decide: (gadget) => tune(gadget, 1, { id: 'system:sweeper' }),
    by: { id: 'system:sweeper' },
    cause: { zoneId: 'test-zone', correlationId: 'sweep-1', time: clock.now() },
    failed: (id, error) => failed.push([id, error.name]),
  });
  t.equal(fired, 1, 'the other timer fired');
  t.strictSame(failed, [['g-corrupt', 'StoredStateError']]);
  t.match(await stored('g-fine'), { _version: 2, level: 1 });
});
