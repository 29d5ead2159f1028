// The bookkeeping of catching up (after a crash) and of live rebuilds: pure functions of offsets.
import t from 'tap';
import { aheadOf, beyond, reached } from '../../src/engine/guard.ts';
import { rebuildPlan, rebuildProgress } from '../../src/engine/progress.ts';

t.test('aheadOf: the partitions where the last record is ahead of the model', async (t) => {
  const positions = new Map([
    ['s:0', '10'],
    ['s:1', '5'],
  ]);
  t.equal(aheadOf([['s:0', '10']], positions), null, 'nowhere ahead');
  t.same(
    aheadOf(
      [
        ['s:0', '12'],
        ['s:1', '5'],
        ['e:0', '3'],
      ],
      positions,
    ),
    new Map([
      ['s:0', '12'],
      ['e:0', '3'],
    ]),
    'ahead on s:0, and on a partition the model never read',
  );
});

t.test('reached and beyond: replayed messages stay quiet until every target is reached', async (t) => {
  const targets = new Map([
    ['s:0', '12'],
    ['e:0', '3'],
  ]);
  const origins = new Map([
    ['s:0', '0'],
    ['e:0', '3'],
  ]);
  t.notOk(reached(targets, new Map([['s:0', '11']]), origins));
  t.ok(reached(targets, new Map([['s:0', '12']]), origins), 'e:0 not read yet stands at its origin, 3');
  t.notOk(beyond(targets, 's:0', '11'), 'offset 11 was already reflected in the record');
  t.ok(beyond(targets, 's:0', '12'));
  t.ok(beyond(targets, 'x:0', '0'), 'a partition without a target is always new');
  t.ok(beyond(null, 's:0', '0'), 'no guard: everything is new');
});

t.test(
  'a rebuild reads from the earliest offsets up to the live model or the last record, whichever is further',
  async (t) => {
    const plan = rebuildPlan(
      [
        { topic: 's', partition: 0, low: '2' },
        { topic: 'e', partition: 0, low: '0' },
      ],
      new Map([
        ['s:0', '20'],
        ['e:0', '4'],
      ]),
      new Map([['e:0', '9']]),
    );
    t.same(
      plan.from,
      new Map([
        ['s:0', '2'],
        ['e:0', '0'],
      ]),
    );
    t.same(
      plan.to,
      new Map([
        ['s:0', '20'],
        ['e:0', '9'],
      ]),
    );

    const run = { startedAt: Date.parse('2026-11-28T08:00:00Z'), finishedAt: null, ...plan };
    const halfway = rebuildProgress(
      run,
      new Map([
        ['s:0', '11'],
        ['e:0', '9'],
      ]),
    );
    t.match(halfway, { state: 'running', total: 27, done: 18, percent: 66.6 });
    t.match(halfway.partitions, [
      { topic: 's', partition: 0, from: '2', to: '20', at: '11' },
      { topic: 'e', partition: 0, from: '0', to: '9', at: '9' },
    ]);
    const done = rebuildProgress({ ...run, finishedAt: run.startedAt + 1_000 }, new Map());
    t.match(done, { state: 'finished', done: 27, percent: 100, finishedAt: '2026-11-28T08:00:01.000Z' });
  },
);
