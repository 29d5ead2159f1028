import type { Envelope } from '@zone-risk/contracts';
import t from 'tap';
import { compilePolicy } from '../../src/domain/compiled-policy.ts';
import { defaultPolicy } from '../../src/domain/default-policy.ts';
import { type PolicyInput, policyInputSchema } from '../../src/domain/policy.ts';
import { projectEvent } from '../../src/domain/project.ts';
import { ReadModel } from '../../src/domain/read-model.ts';
import { computeStatus, statusChanged } from '../../src/domain/status.ts';
import {
  accepted,
  becameOverdue,
  heartbeat,
  planned,
  reported,
  supervisionListed,
} from '../helpers/hazards.ts';
import { liveDomains } from '../helpers/rectification.ts';

const NOW = Date.parse('2030-01-01T00:00:00Z');
const at = (secondsAgo: number) => new Date(NOW - secondsAgo * 1000);

function modelOf(policy: PolicyInput = defaultPolicy, version = 1): ReadModel {
  return new ReadModel(compilePolicy({ ...policyInputSchema.parse(policy), version }), 3);
}

function feed(model: ReadModel, ...events: Envelope[]): void {
  for (const event of events) model.apply(projectEvent(event, model.compiled, 'demo-zone'));
}

const status = (model: ReadModel, now = NOW) => computeStatus(model, { now });
const rule = (model: ReadModel, id: string) =>
  status(model).domains.safety?.contributions.find((c) => c.rule === id);

t.test('count rule: thresholds set the level, points are per item and capped', async (t) => {
  const model = modelOf();
  feed(model, heartbeat('safety', 1, at(1)));
  for (let i = 1; i <= 4; i++) feed(model, reported({ id: `g${i}`, version: 1, time: at(5) }));
  t.match(rule(model, 'safety.general-open'), { count: 4, level: null, points: 8 });
  t.equal(status(model).domains.safety?.level, 'low', 'four open general hazards stay blue');
  t.equal(status(model).domains.safety?.score, 8);

  feed(model, reported({ id: 'g5', version: 1, time: at(5) }));
  t.match(rule(model, 'safety.general-open'), { count: 5, level: 'general', points: 10 });
  t.equal(status(model).domains.safety?.level, 'general', 'the fifth turns it yellow');
  t.equal(status(model).domains.safety?.score, 25, 'the score is lifted to the floor of yellow');

  for (let i = 6; i <= 30; i++) feed(model, reported({ id: `g${i}`, version: 1, time: at(5) }));
  t.match(rule(model, 'safety.general-open'), { count: 30, level: 'significant', points: 30 });
  t.equal(status(model).domains.safety?.level, 'significant');
  const sample = rule(model, 'safety.general-open');
  t.equal(sample?.items.length, 3, 'contributions list a sample of the items');
  t.equal(sample?.more, true);
});

t.test('an open major hazard makes safety orange; closing it returns to blue', async (t) => {
  const model = modelOf();
  feed(model, ...liveDomains(1, at(1)), reported({ id: 'm1', version: 1, grade: 'major', time: at(2) }));
  let s = status(model);
  t.equal(s.level, 'significant');
  t.equal(s.domains.safety?.level, 'significant');
  t.same(s.overrides, []);
  feed(model, planned({ id: 'm1', version: 2, grade: 'major', time: at(2) }));
  t.equal(status(model).level, 'significant', 'still open while rectifying');
  feed(model, accepted({ id: 'm1', version: 3, grade: 'major', time: at(1) }));
  s = status(model);
  t.equal(s.level, 'low');
  t.equal(s.score, 0);
  t.equal(model.items.get('safety|hazard|m1')?.open, false, 'closed items stay for the drill-down');
});

t.test('overrides: an overdue or a supervised major hazard makes the zone red', async (t) => {
  const model = modelOf();
  feed(model, heartbeat('safety', 1, at(1)), reported({ id: 'm1', version: 1, grade: 'major', time: at(3) }));
  feed(model, becameOverdue({ id: 'm1', version: 2, grade: 'major', time: at(2) }));
  let s = status(model);
  t.equal(s.level, 'major');
  t.match(s.overrides, [
    {
      rule: 'zone.safety.major-overdue',
      level: 'major',
      count: 1,
      items: [{ domain: 'safety', aggregateType: 'hazard', aggregateId: 'm1' }],
    },
  ]);

  const supervised = modelOf();
  feed(
    supervised,
    heartbeat('safety', 1, at(1)),
    reported({ id: 'm2', version: 1, grade: 'major', time: at(3) }),
  );
  feed(supervised, supervisionListed({ id: 'm2', version: 2, time: at(2) }));
  s = status(supervised);
  t.equal(s.level, 'major');
  t.same(
    s.overrides.map((o) => o.rule),
    ['zone.safety.major-supervised'],
  );
});

t.test('an override raises the zone even while its domain is stale (unknown)', async (t) => {
  const model = modelOf();
  feed(model, reported({ id: 'm1', version: 1, grade: 'major', overdue: true, time: at(3_600) }));
  const s = status(model);
  t.equal(s.domains.safety?.level, 'unknown', 'an hour without news: the domain is unknown');
  t.equal(s.domains.safety?.score, null);
  t.equal(s.level, 'major', 'but the overdue major hazard it last reported still makes the zone red');
  t.equal(s.score, 75);
});

t.test('staleness: no data, or nothing within the window, is unknown and never blue', async (t) => {
  const empty = modelOf();
  let s = status(empty);
  t.match(s, { level: 'unknown', score: null });
  t.match(s.domains.safety, { level: 'unknown', score: null, freshness: { stale: true, lastEventAt: null } });

  const quiet = modelOf();
  feed(quiet, ...liveDomains(1, at(119)));
  t.equal(status(quiet).level, 'low', 'a heartbeat within the 120 s window: blue');
  s = status(quiet, NOW + 2_000);
  t.equal(s.domains.safety?.level, 'unknown', 'past the window: unknown');
  t.equal(s.level, 'unknown', 'the zone is not blue either');

  const shortWindow = structuredClone(defaultPolicy);
  if (shortWindow.domains.safety) shortWindow.domains.safety.stalenessSeconds = 10;
  const perDomain = modelOf(shortWindow);
  feed(perDomain, heartbeat('safety', 1, at(11)));
  t.equal(status(perDomain).domains.safety?.level, 'unknown', 'a domain may have its own window');
});

t.test(
  'zone: hide-low keeps an unknown domain from showing blue; ignore shows the worst known',
  async (t) => {
    for (const mode of ['hide-low', 'ignore'] as const) {
      const model = modelOf({ ...defaultPolicy, zone: { ...defaultPolicy.zone, unknownDomains: mode } });
      feed(model, heartbeat('safety', 1, at(1)));
      const s = status(model);
      t.equal(s.domains.safety?.level, 'low');
      t.equal(s.domains.environment?.level, 'unknown', 'no environment heartbeat yet');
      t.equal(s.level, mode === 'hide-low' ? 'unknown' : 'low', `${mode}: blue safety, unknown environment`);
      feed(model, reported({ id: 'm1', version: 1, grade: 'major', time: at(1) }));
      t.equal(status(model).level, 'significant', `${mode}: a known orange is shown either way`);
    }
  },
);

t.test('value rule: sum and max of an attribute, in bands, with points per unit', async (t) => {
  const policy: PolicyInput = {
    ...defaultPolicy,
    domains: {
      debt: {
        items: {
          hazard: { attributes: ['grade', 'version'], closedWhen: { grade: 'none' }, path: '/d/{id}' },
        },
        rules: [
          {
            id: 'debt.max',
            kind: 'value',
            description: 'max',
            aggregateType: 'hazard',
            where: { open: true },
            attribute: 'version',
            aggregate: 'max',
            bands: [
              { atLeast: 2, level: 'general' },
              { atLeast: 3, level: 'major' },
            ],
          },
          {
            id: 'debt.sum',
            kind: 'value',
            description: 'sum',
            aggregateType: 'hazard',
            where: { open: true },
            attribute: 'version',
            aggregate: 'sum',
            points: { perUnit: 10, max: 100 },
          },
        ],
      },
    },
    zone: {
      unknownDomains: 'hide-low',
      overrides: [
        {
          id: 'zone.debt.red',
          kind: 'domain-level',
          description: 'debt at red',
          domain: 'debt',
          atLeast: 'major',
          level: 'major',
        },
      ],
    },
  };
  const model = modelOf(policy);
  // Safety's event shapes, re-labelled as a "debt" domain: what matters is the version attribute.
  const asDebt = (event: Envelope): Envelope => ({
    ...event,
    type: event.type.replace('.safety.', '.debt.'),
  });
  feed(
    model,
    asDebt(reported({ id: 'a', version: 1, time: at(1) })),
    asDebt(reported({ id: 'b', version: 2, time: at(1) })),
  );
  let debt = status(model).domains.debt;
  t.match(debt?.contributions, [
    { rule: 'debt.max', value: 2, level: 'general' },
    { rule: 'debt.sum', value: 3, points: 30 },
  ]);
  t.equal(debt?.level, 'general');
  t.equal(debt?.score, 30);
  feed(model, asDebt(reported({ id: 'a', version: 3, time: at(1) })));
  const s = status(model);
  debt = s.domains.debt;
  t.match(debt?.contributions, [
    { value: 3, level: 'major' },
    { value: 5, points: 50 },
  ]);
  t.match(s.overrides, [
    { rule: 'zone.debt.red', kind: 'domain-level', level: 'major', items: [{ aggregateId: 'a' }] },
  ]);
  feed(model, asDebt(reported({ id: 'a', version: 4, time: at(1) })));
  t.match(
    status(model).domains.debt?.contributions,
    [{ value: 4 }, { value: 6 }],
    'values move with the items',
  );
});

t.test(
  'statusChanged: levels, scores, overrides and policy version count; freshness alone does not',
  async (t) => {
    const model = modelOf();
    feed(model, heartbeat('safety', 1, at(10)));
    const first = status(model);
    feed(model, heartbeat('safety', 2, at(5)));
    t.notOk(statusChanged(first, status(model)), 'a newer heartbeat is not a change');
    feed(model, reported({ id: 'g1', version: 1, time: at(1) }));
    t.ok(statusChanged(first, status(model)), 'a score moved');
    t.ok(statusChanged(undefined, first), 'the first status is a change');
  },
);
