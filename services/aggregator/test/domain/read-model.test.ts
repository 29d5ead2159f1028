import type { Envelope } from '@zone-risk/contracts';
import t from 'tap';
import { compilePolicy } from '../../src/domain/compiled-policy.ts';
import { defaultPolicy } from '../../src/domain/default-policy.ts';
import { captureModel, restoreModel } from '../../src/domain/model-state.ts';
import { type PolicyInput, policyInputSchema } from '../../src/domain/policy.ts';
import { projectEvent } from '../../src/domain/project.ts';
import { ReadModel } from '../../src/domain/read-model.ts';
import { computeStatus } from '../../src/domain/status.ts';
import {
  accepted,
  becameOverdue,
  enterpriseCode,
  heartbeat,
  planned,
  reported,
  supervisionListed,
} from '../helpers/hazards.ts';

const NOW = Date.parse('2030-01-01T00:00:00Z');
const at = (secondsAgo: number) => new Date(NOW - secondsAgo * 1000);
const compiled = (policy: PolicyInput = defaultPolicy, version = 1) =>
  compilePolicy({ ...policyInputSchema.parse(policy), version });
const feed = (model: ReadModel, ...events: Envelope[]) =>
  events.map((event) => model.apply(projectEvent(event, model.compiled, 'demo-zone')));
const status = (model: ReadModel) => computeStatus(model, { now: NOW });

/** A mixed workload: general and major hazards over a few enterprises, some closed, some overdue. */
function workload(n: number): Envelope[] {
  const events: Envelope[] = [heartbeat('safety', 1, at(1))];
  for (let i = 0; i < n; i++) {
    const base = {
      id: `h${i}`,
      grade: i % 7 === 0 ? ('major' as const) : ('general' as const),
      enterprise: (i % 5) + 1,
      time: at(30),
    };
    events.push(reported({ ...base, version: 1 }));
    if (i % 3 === 0) events.push(planned({ ...base, version: 2 }));
    if (i % 4 === 0) events.push(becameOverdue({ ...base, version: 3 }));
    if (i % 6 === 0) events.push(accepted({ ...base, version: 4 }));
  }
  return events;
}

t.test(
  'applying is idempotent by aggregate version: redelivered and older events change nothing',
  async (t) => {
    const model = new ReadModel(compiled());
    const v1 = reported({ id: 'h1', version: 1, grade: 'major', time: at(5) });
    const v2 = supervisionListed({ id: 'h1', version: 2, time: at(4) });
    const [first, second] = feed(model, v1, v2);
    t.match(first, { applied: true, effective: true });
    t.match(second, { applied: true, effective: true });
    const before = status(model);
    const again = feed(model, v2, v1, accepted({ id: 'h1', version: 2, grade: 'major', time: at(6) }));
    t.ok(
      again.every((r) => !r.effective),
      'none of them moved a rule',
    );
    t.same(status(model), before);
    t.match(model.items.get('safety|hazard|h1'), {
      version: 2,
      open: true,
      attributes: { supervised: true },
    });
  },
);

t.test('indexes follow the items: per enterprise, per domain, open counts and counters', async (t) => {
  const model = new ReadModel(compiled());
  feed(
    model,
    reported({ id: 'a', version: 1, grade: 'major', enterprise: 1, time: at(3) }),
    reported({ id: 'b', version: 1, enterprise: 1, time: at(3) }),
    reported({ id: 'c', version: 1, enterprise: 2, time: at(3) }),
    accepted({ id: 'b', version: 2, enterprise: 1, time: at(2) }),
  );
  t.same([...(model.byEnterprise.get(enterpriseCode(1)) ?? [])].sort(), [
    'safety|hazard|a',
    'safety|hazard|b',
  ]);
  t.equal(model.openCounts.get('safety'), 2);
  t.equal(model.byDomain.get('safety')?.size, 3);
  const counters = [...(model.counters.get('safety')?.values() ?? [])].map((c) => [
    c.values.grade,
    c.values.status,
    c.count,
  ]);
  t.same(counters.sort(), [
    ['general', 'reported', 1],
    ['major', 'reported', 1],
  ]);
});

t.test('closed items are evicted after retention, and their version is remembered', async (t) => {
  const model = new ReadModel(compiled());
  feed(
    model,
    reported({ id: 'x', version: 1, time: at(100) }),
    accepted({ id: 'x', version: 2, time: at(90) }),
  );
  feed(
    model,
    reported({ id: 'y', version: 1, time: at(100) }),
    accepted({ id: 'y', version: 2, time: at(10) }),
  );
  t.equal(model.evictClosedBefore(NOW - 50_000), 1, 'only the one closed before the cutoff');
  t.notOk(model.items.has('safety|hazard|x'));
  t.equal(model.tombstones.get('safety|hazard|x'), 2);
  const [late] = feed(model, reported({ id: 'x', version: 1, time: at(5) }));
  t.match(late, { effective: false }, 'a redelivered old event does not bring it back');
  t.notOk(model.items.has('safety|hazard|x'));
  t.ok(model.items.has('safety|hazard|y'));
});

t.test('a snapshot round trip gives the identical status, samples included', async (t) => {
  const model = new ReadModel(compiled());
  feed(model, ...workload(400));
  const restored = restoreModel(JSON.parse(JSON.stringify(captureModel(model))), compiled());
  t.same(status(restored), status(model));
  for (const [id, state] of model.matchers) {
    t.same(
      [...(restored.matchers.get(id)?.members ?? [])],
      [...state.members],
      `${id}: same members, same order`,
    );
  }
  // And both keep evolving alike.
  const more = [
    planned({ id: 'h7', version: 9, grade: 'major', time: at(1) }),
    reported({ id: 'new', version: 1, time: at(1) }),
  ];
  feed(model, ...more);
  feed(restored, ...more);
  t.same(status(restored), status(model));
});

t.test('a new policy reindexes the items as if it had been active all along', async (t) => {
  const stricter = structuredClone(defaultPolicy);
  const general = stricter.domains.safety?.rules[0];
  if (general?.kind === 'count') general.levels = [{ atLeast: 2, level: 'significant' }];
  const events = workload(200);
  const switched = new ReadModel(compiled());
  feed(switched, ...events);
  switched.reindex(compiled(stricter, 2));
  const fresh = new ReadModel(compiled(stricter, 2));
  feed(fresh, ...events);
  t.same(status(switched), status(fresh));
  t.equal(status(switched).policyVersion, '2');
});

t.test('the status is computed from counters and member sets, never by scanning the items', async (t) => {
  const model = new ReadModel(compiled());
  feed(model, ...workload(3_000));
  const expected = status(model);
  const items = model.items;
  // Any iteration over the items would throw; lookups (for the sampled items) stay allowed.
  const guarded = new Proxy(items, {
    get(target, property) {
      if (property === 'get' || property === 'has') return target[property].bind(target);
      if (property === 'size') return target.size;
      throw new Error(`computeStatus touched items.${String(property)}`);
    },
  });
  Object.defineProperty(model, 'items', { value: guarded });
  t.same(status(model), expected);
});

t.test('samples are the smallest item ids, whatever order the events came in', async (t) => {
  const events = workload(300);
  const forward = new ReadModel(compiled(), 4);
  feed(forward, ...events);
  const backward = new ReadModel(compiled(), 4);
  feed(backward, ...[...events].reverse());
  // Reversed, older versions come after newer ones and are ignored: the same final items.
  t.same(status(backward), status(forward));
  const general = status(forward).domains.safety?.contributions.find((c) => c.rule === 'safety.general-open');
  const expected = [...(forward.matchers.get('safety.general-open')?.members ?? [])].sort().slice(0, 4);
  t.same(
    general?.items.map((ref) => `safety|hazard|${ref.aggregateId}`),
    expected,
  );
  // A listed item leaving is replaced by the next smallest.
  const first = general?.items[0]?.aggregateId ?? '';
  feed(forward, accepted({ id: first, version: 50, time: at(1) }));
  const after = status(forward).domains.safety?.contributions.find((c) => c.rule === 'safety.general-open');
  t.same(
    after?.items.map((ref) => `safety|hazard|${ref.aggregateId}`),
    [...(forward.matchers.get('safety.general-open')?.members ?? [])].sort().slice(0, 4),
  );
  t.notOk(after?.items.some((ref) => ref.aggregateId === first));
});
