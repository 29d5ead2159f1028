// The default policy's environment rules (DOMAIN.md §2, §5), as pure functions of the read model.
import { type Envelope, rectificationStatus } from '@zone-risk/contracts';
import t from 'tap';
import { compilePolicy } from '../../src/domain/compiled-policy.ts';
import { defaultPolicy } from '../../src/domain/default-policy.ts';
import { policyInputSchema } from '../../src/domain/policy.ts';
import { projectEvent } from '../../src/domain/project.ts';
import { ReadModel } from '../../src/domain/read-model.ts';
import { computeStatus } from '../../src/domain/status.ts';
import { heartbeat } from '../helpers/hazards.ts';
import {
  cityAccepted,
  itemAccepted,
  itemClosed,
  itemOverdue,
  liveDomains,
  noticePublished,
  progressReported,
  registered,
} from '../helpers/rectification.ts';

const NOW = Date.parse('2030-01-01T00:00:00Z');
const at = (secondsAgo: number) => new Date(NOW - secondsAgo * 1000);

function liveModel(): ReadModel {
  const model = new ReadModel(compilePolicy({ ...policyInputSchema.parse(defaultPolicy), version: 1 }), 3);
  feed(model, ...liveDomains(1, at(1)));
  return model;
}

function feed(model: ReadModel, ...events: Envelope[]): void {
  for (const event of events) model.apply(projectEvent(event, model.compiled, 'demo-zone'));
}

const status = (model: ReadModel, now = NOW) => computeStatus(model, { now });
const environment = (model: ReadModel) => status(model).domains.environment;
const rule = (model: ReadModel, id: string) => environment(model)?.contributions.find((c) => c.rule === id);

t.test('unresolved items: ten turn environment yellow, fifty orange, a point each', async (t) => {
  const model = liveModel();
  for (let i = 1; i <= 9; i++) feed(model, registered({ id: `e${i}`, version: 1, time: at(5) }));
  t.match(rule(model, 'environment.unresolved'), { count: 9, level: null, points: 9 });
  t.equal(environment(model)?.level, 'low', 'nine general items stay blue');
  t.equal(status(model).level, 'low', 'and so does the zone, safety being quiet');

  feed(model, registered({ id: 'e10', version: 1, time: at(5) }));
  t.match(rule(model, 'environment.unresolved'), { count: 10, level: 'general', points: 10 });
  t.equal(environment(model)?.level, 'general');
  t.equal(status(model).level, 'general', 'the zone is the worst domain');

  for (let i = 11; i <= 50; i++) feed(model, registered({ id: `e${i}`, version: 1, time: at(5) }));
  t.match(rule(model, 'environment.unresolved'), { count: 50, level: 'significant', points: 20 });
});

t.test('an accepted item no longer counts; public notice and close-out change nothing more', async (t) => {
  const model = liveModel();
  feed(
    model,
    registered({ id: 'm1', version: 1, severity: 'major', time: at(5) }),
    progressReported({ id: 'm1', version: 2, severity: 'major', time: at(4) }),
  );
  t.match(rule(model, 'environment.major-unresolved'), { count: 1, level: 'general', points: 10 });
  t.equal(environment(model)?.score, 25, 'yellow, lifted to its floor');

  feed(model, itemAccepted({ id: 'm1', version: 3, severity: 'major', time: at(3) }));
  t.match(rule(model, 'environment.major-unresolved'), { count: 0, level: null, points: 0 });
  t.equal(model.items.get('environment|rectification-item|m1')?.open, true, 'still open until 销号');
  t.equal(environment(model)?.level, 'low');

  feed(model, noticePublished({ id: 'm1', version: 4, severity: 'major', time: at(2) }));
  t.equal(environment(model)?.level, 'low', 'on public notice (公示): still nothing');
  t.equal(model.items.get('environment|rectification-item|m1')?.attributes.status, 'public-notice');

  feed(model, itemClosed({ id: 'm1', version: 5, severity: 'major', time: at(2) }));
  t.equal(model.items.get('environment|rectification-item|m1')?.open, false);
  t.equal(environment(model)?.level, 'low');
});

t.test('three unresolved major problems make environment orange', async (t) => {
  const model = liveModel();
  for (const id of ['a', 'b', 'c'])
    feed(model, registered({ id, version: 1, severity: 'major', time: at(5) }));
  t.match(rule(model, 'environment.major-unresolved'), { count: 3, level: 'significant', points: 30 });
  t.equal(environment(model)?.level, 'significant');
});

t.test('overdue items: one is yellow, five are orange', async (t) => {
  const model = liveModel();
  feed(model, itemOverdue({ id: 'o1', version: 2, time: at(5) }));
  t.match(rule(model, 'environment.overdue'), { count: 1, level: 'general', points: 5 });
  for (let i = 2; i <= 5; i++) feed(model, itemOverdue({ id: `o${i}`, version: 2, time: at(5) }));
  t.match(rule(model, 'environment.overdue'), { count: 5, level: 'significant', points: 25 });
  t.same(status(model).overrides, [], 'self-found items raise no zone override');
  feed(model, itemAccepted({ id: 'o1', version: 3, time: at(4) }));
  t.match(rule(model, 'environment.overdue'), { count: 4, level: 'general' }, 'acceptance clears overdue');
});

t.test('an overdue provincial inspection item makes environment orange', async (t) => {
  const model = liveModel();
  feed(model, itemOverdue({ id: 'p1', version: 2, source: 'provincial-inspection', time: at(5) }));
  t.match(rule(model, 'environment.provincial-overdue'), { count: 1, level: 'significant', points: 15 });
  t.equal(environment(model)?.level, 'significant');
  t.equal(status(model).level, 'significant', 'no override: the zone is the worst domain');
});

t.test('an overdue central inspection item makes environment and, by override, the zone red', async (t) => {
  const model = liveModel();
  feed(model, registered({ id: 'c1', version: 1, source: 'central-inspection', time: at(5) }));
  t.equal(status(model).level, 'low', 'on the ledger and within its deadline: nothing yet');
  feed(model, itemOverdue({ id: 'c1', version: 2, source: 'central-inspection', time: at(4) }));
  let s = status(model);
  t.match(rule(model, 'environment.central-overdue'), { count: 1, level: 'major', points: 25 });
  t.equal(s.domains.environment?.level, 'major');
  t.equal(s.level, 'major');
  t.match(s.overrides, [
    {
      rule: 'zone.environment.central-overdue',
      level: 'major',
      count: 1,
      items: [{ domain: 'environment', aggregateType: 'rectification-item', aggregateId: 'c1' }],
    },
  ]);

  feed(model, itemAccepted({ id: 'c1', version: 3, source: 'central-inspection', time: at(3) }));
  s = status(model);
  t.equal(s.level, 'low', 'accepted: the override stops firing');
  t.same(s.overrides, []);
});

t.test(
  'a city acceptance of an overdue central item keeps the zone red until the province accepts',
  async (t) => {
    // Central and provincial items need both acceptances (市级 then 省级); the environment service
    // keeps such an item rectifying, and overdue, until the provincial one.
    const model = liveModel();
    const central = { id: 'c3', source: 'central-inspection' as const };
    feed(model, itemOverdue({ ...central, version: 2, time: at(5) }));
    feed(model, cityAccepted({ ...central, version: 3, overdue: true, time: at(4) }));
    let s = status(model);
    t.equal(s.level, 'major', 'city-accepted, still overdue: red');
    t.match(rule(model, 'environment.unresolved'), { count: 1 }, 'city-accepted is not resolved yet');
    t.same(
      s.overrides.map((o) => o.rule),
      ['zone.environment.central-overdue'],
    );
    feed(model, itemAccepted({ ...central, version: 4, time: at(3) }));
    s = status(model);
    t.equal(s.level, 'low', 'the provincial acceptance ends it');
    t.same(s.overrides, []);
  },
);

t.test(
  'every status of the contract is either unresolved or past acceptance in the default policy',
  async (t) => {
    // A status added to the contract must be placed deliberately, not fall silently on one side.
    const where = defaultPolicy.domains.environment?.rules.find(
      (r) => r.id === 'environment.unresolved',
    )?.where;
    const unresolved = new Set(where?.status as string[]);
    const pastAcceptance = new Set(['accepted', 'public-notice', 'closed']);
    for (const status of rectificationStatus.options) {
      t.ok(
        unresolved.has(status) !== pastAcceptance.has(status),
        `${status} is in exactly one of: unresolved, past acceptance`,
      );
    }
  },
);

t.test('the central-inspection override holds while the environment feed is stale', async (t) => {
  const model = liveModel();
  feed(model, itemOverdue({ id: 'c2', version: 2, source: 'central-inspection', time: at(5) }));
  const later = NOW + 10 * 60_000;
  feed(model, heartbeat('safety', 2, new Date(later - 1_000)));
  const s = status(model, later);
  t.equal(s.domains.environment?.level, 'unknown', 'ten minutes without an environment heartbeat');
  t.equal(s.domains.safety?.level, 'low');
  t.equal(s.level, 'major', 'the overdue central inspection item still makes the zone red');
  t.same(
    s.overrides.map((o) => o.rule),
    ['zone.environment.central-overdue'],
  );
});

t.test('items are indexed by enterprise across domains; items without one are kept too', async (t) => {
  const model = liveModel();
  feed(
    model,
    registered({ id: 'x1', version: 1, enterprise: 7, time: at(5) }),
    registered({ id: 'x2', version: 1, enterprise: null, time: at(5) }),
  );
  t.equal(model.items.get('environment|rectification-item|x1')?.enterprise?.name, '企业7');
  t.equal(model.items.get('environment|rectification-item|x2')?.enterprise, null);
  t.equal(
    model.items.get('environment|rectification-item|x1')?.label,
    '整改问题 x1',
    'labelled by its problem',
  );
  t.match(rule(model, 'environment.unresolved'), { count: 2 });
});
