import t from 'tap';
import { StoredStateError } from '../src/index.ts';
import { build, gadgetStore, insertCorruptGadget, retire } from './helpers/gadgets.ts';

const wang = { id: 'insp-wang', name: '王磊' };
const caller = { actor: wang, correlationId: 'req-1' };

t.test(
  'a list is keyset-paged in the order asked, filtered on stored fields, as the domain’s states',
  async (t) => {
    const { aggregate, clock } = await gadgetStore(t);
    for (const id of ['g-1', 'g-2', 'g-3', 'g-4', 'g-5']) {
      await aggregate.create(caller, build(id, `label ${id}`, wang), clock.now());
      clock.advanceDays(1);
    }
    await aggregate.change(caller, 'g-2', (g) => retire(g, { reason: 'old' }, wang));

    const order = { field: '_id', direction: -1 } as const;
    const first = await aggregate.list({ status: 'built' }, { limit: 2 }, order);
    t.strictSame(
      first.items.map((g) => g.id),
      ['g-5', 'g-4'],
    );
    t.ok(first.nextCursor, 'there is a next page');
    const second = await aggregate.list(
      { status: 'built' },
      { limit: 2, cursor: first.nextCursor ?? '' },
      order,
    );
    t.strictSame(
      second.items.map((g) => g.id),
      ['g-3', 'g-1'],
      'the retired one is left out, nothing repeated',
    );
    t.equal(second.nextCursor, null, 'the last page');
    t.strictSame(second.items[0], {
      id: 'g-3',
      label: 'label g-3',
      level: 0,
      status: 'built',
      checkAt: null,
      version: 1,
    });
  },
);

t.test('a stored document reads back as the state its schema describes, defaults filled in', async (t) => {
  const { aggregate } = await gadgetStore(t);
  await aggregate.model.collection.insertOne({
    _id: 'g-old' as never,
    label: 'written before checkAt existed',
    level: 1,
    status: 'tuned',
    _version: 4,
    history: [],
  });
  t.strictSame(await aggregate.find('g-old'), {
    id: 'g-old',
    label: 'written before checkAt existed',
    level: 1,
    status: 'tuned',
    checkAt: null,
    version: 4,
  });
  t.strictSame(await aggregate.history('g-old'), []);
  t.equal(await aggregate.history('g-none'), null);
});

t.test('a field a decision clears is gone from the store, not left at its old value', async (t) => {
  const { aggregate, clock, stored } = await gadgetStore(t);
  await aggregate.create(caller, build('g-1', 'named', wang), clock.now());
  const rename = (nickname: string | undefined) =>
    aggregate.change(caller, 'g-1', (g) => ({
      state: { ...g, nickname },
      steps: [
        { fact: { name: 'GadgetTuned', facts: { step: 0, tunedBy: wang } }, after: { ...g, nickname } },
      ],
    }));
  await rename('小蓝');
  t.equal((await stored('g-1'))?.nickname, '小蓝');
  const cleared = await rename(undefined);
  t.equal(cleared.nickname, undefined, 'the change answers without it');
  t.notOk(Object.hasOwn((await stored('g-1')) ?? {}, 'nickname'), 'and the store no longer holds it');
  t.equal((await aggregate.find('g-1'))?.nickname, undefined, 'a read agrees');
});

t.test('a stored document that does not fit the schema is a fault of the data, naming it', async (t) => {
  const { aggregate } = await gadgetStore(t);
  await insertCorruptGadget(aggregate.model.db, 'g-bad');
  const error = await aggregate.find('g-bad').catch((e: unknown) => e);
  t.type(error, StoredStateError);
  t.match(error, {
    id: 'g-bad',
    message: /gadgets g-bad as stored does not fit its schema: level:/,
  });
});
