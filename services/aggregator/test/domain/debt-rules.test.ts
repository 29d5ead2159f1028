// The default policy's debt rules (DOMAIN.md §4, §5), as pure functions of the read model, fed with
// events built and validated by the contracts: a contract that moves breaks this file.
import {
  debtEvents,
  debtInstrumentRegistered,
  type Envelope,
  eventRegistry,
  type KnownRiskLevel,
} from '@zone-risk/contracts';
import t from 'tap';
import { compilePolicy } from '../../src/domain/compiled-policy.ts';
import { defaultPolicy } from '../../src/domain/default-policy.ts';
import { policyInputSchema } from '../../src/domain/policy.ts';
import { projectEvent } from '../../src/domain/project.ts';
import { ReadModel } from '../../src/domain/read-model.ts';
import { computeStatus } from '../../src/domain/status.ts';
import {
  indicatorsChanged,
  instrumentRegistered,
  overdueCleared,
  paymentOverdue,
  repaidInFull,
} from '../helpers/debt.ts';
import { enterpriseCode, heartbeat, ZONE } from '../helpers/hazards.ts';
import { liveDomains } from '../helpers/rectification.ts';

// 2030-05-26 12:00 in the zone (UTC+08:00).
const NOW = Date.parse('2030-05-26T04:00:00Z');
const at = (secondsAgo: number) => new Date(NOW - secondsAgo * 1000);

function liveModel(): ReadModel {
  const model = new ReadModel(compilePolicy({ ...policyInputSchema.parse(defaultPolicy), version: 1 }), 3);
  feed(model, ...liveDomains(1, at(1)));
  return model;
}

function feed(model: ReadModel, ...events: Envelope[]): void {
  for (const event of events) model.apply(projectEvent(event, model.compiled, ZONE));
}

const status = (model: ReadModel, now = NOW) => computeStatus(model, { now });
const debt = (model: ReadModel) => status(model).domains.debt;
const rule = (model: ReadModel, id: string) => debt(model)?.contributions.find((c) => c.rule === id);
const ref = (aggregateType: string, aggregateId: string) => ({ domain: 'debt', aggregateType, aggregateId });
const indicatorsRef = ref('debt-indicators', ZONE);

/** Whether `path` names a field of an object schema, through nullable and optional wrappers. */
function hasField(schema: unknown, path: readonly string[]): boolean {
  type Node = { shape?: Record<string, unknown>; unwrap?: () => unknown };
  let node = schema as Node;
  for (const segment of path) {
    while (!node.shape && typeof node.unwrap === 'function') node = node.unwrap() as Node;
    const next = node.shape?.[segment];
    if (next === undefined) return false;
    node = next as Node;
  }
  return true;
}

t.test('the debt item types read fields every debt event of their aggregate carries', async (t) => {
  const items = defaultPolicy.domains.debt?.items ?? {};
  t.same(Object.keys(items), ['debt-instrument', 'debt-indicators']);
  for (const [type, item] of Object.entries(items)) {
    const definitions = debtEvents.filter((d) => d.aggregateType === type);
    t.ok(definitions.length > 0, `${type} has events in the contracts`);
    for (const definition of definitions) {
      for (const attribute of item.attributes) {
        const path = (item.from?.[attribute] ?? attribute).split('.');
        t.ok(hasField(definition.data, path), `${definition.name} carries ${path.join('.')}`);
      }
      if (item.label) t.ok(hasField(definition.data, [item.label]), `${definition.name} carries its label`);
      if (item.enterprise) {
        t.ok(hasField(definition.data, [item.enterprise, 'creditCode']), `${definition.name} names a debtor`);
      }
    }
  }
  // An instrument closes on `settled`: the contract must still have it.
  t.ok(debtInstrumentRegistered.data.shape.status.options.includes('settled'));
});

t.test('the events of these tests are valid by the contracts, as the consumer reads them', async (t) => {
  const events = [
    instrumentRegistered({ id: 'd-1', version: 1 }),
    paymentOverdue({ id: 'd-1', version: 2 }),
    overdueCleared({ id: 'd-1', version: 3 }),
    repaidInFull({ id: 'd-1', version: 4 }),
    indicatorsChanged({ version: 1, debtRatioBp: 15_234, unfundedAlerts: 2, behindBp: 1_200 }),
    indicatorsChanged({ version: 2, debtRatioBp: null, behindBp: null }),
  ];
  for (const event of events) {
    const parsed = eventRegistry.parseEvent(JSON.parse(JSON.stringify(event)));
    t.ok(parsed.ok, `${event.type} ${parsed.ok ? '' : parsed.error}`);
  }
});

t.test('the debt ratio: yellow from 120 %, orange from 200 %, red from 300 %, at each edge', async (t) => {
  const model = liveModel();
  t.equal(status(model).level, 'low', 'every domain alive and quiet: blue');
  const edges: [number, KnownRiskLevel | null, number][] = [
    [11_999, null, 30],
    [12_000, 'general', 30],
    [19_999, 'general', 50],
    [20_000, 'significant', 50],
    [29_999, 'significant', 75],
    [30_000, 'major', 75],
  ];
  let version = 0;
  for (const [bp, level, points] of edges) {
    feed(model, indicatorsChanged({ version: ++version, debtRatioBp: bp, time: at(5) }));
    t.match(
      rule(model, 'debt.ratio'),
      { count: 1, value: bp, level, points, items: [indicatorsRef] },
      `${bp} bp → ${level ?? 'no level'}`,
    );
    t.equal(debt(model)?.level, level ?? 'low', `${bp} bp: the debt domain`);
    t.equal(status(model).level, level ?? 'low', `${bp} bp: the zone, the worst domain`);
  }
  t.equal(debt(model)?.score, 75, 'a quarter point per percentage point: 75 at 300 %');

  feed(model, indicatorsChanged({ version: ++version, debtRatioBp: 9_000, time: at(4) }));
  t.equal(status(model).level, 'low', 'the ratio falls: back to blue');
  feed(model, indicatorsChanged({ version: ++version, debtRatioBp: null, time: at(3) }));
  t.match(rule(model, 'debt.ratio'), { value: null, level: null, points: 0 }, 'no capacity: no ratio');
  t.match(model.items.get(`debt|debt-indicators|${ZONE}`), {
    open: true,
    enterprise: null,
    attributes: { level: 'low', unfundedAlerts: 0, behindBp: 0 },
  });
});

t.test('debt at red makes the zone red by override, naming the indicators', async (t) => {
  const model = liveModel();
  feed(model, indicatorsChanged({ version: 1, debtRatioBp: 29_999, time: at(5) }));
  t.same(status(model).overrides, [], 'orange: no override');
  feed(model, indicatorsChanged({ version: 2, debtRatioBp: 31_500, time: at(4) }));
  const s = status(model);
  t.equal(s.level, 'major');
  t.same(s.overrides, [
    {
      rule: 'zone.debt.red',
      kind: 'domain-level',
      description: defaultPolicy.zone.overrides.find((o) => o.id === 'zone.debt.red')?.description,
      level: 'major',
      count: 1,
      items: [indicatorsRef],
    },
  ]);

  // It rests on the domain's level: with the debt feed stale the domain is unknown, and so is the zone.
  const later = NOW + 10 * 60_000;
  for (const domain of ['safety', 'environment', 'food-drug']) {
    feed(model, heartbeat(domain, 2, new Date(later - 1_000)));
  }
  const stale = status(model, later);
  t.equal(stale.domains.debt?.level, 'unknown', 'ten minutes without a debt heartbeat');
  t.same(stale.overrides, [], 'the override does not fire on an unknown domain');
  t.equal(stale.level, 'unknown', 'hide-low: never blue while debt is unknown');
});

t.test('an overdue payment lifts debt to orange, whatever the ratio; cleared, it lets go', async (t) => {
  const model = liveModel();
  feed(
    model,
    indicatorsChanged({ version: 1, debtRatioBp: 15_000, time: at(9) }),
    instrumentRegistered({ id: 'bond-1', version: 1, debtor: 3, time: at(8) }),
  );
  t.equal(debt(model)?.level, 'general', 'yellow by the ratio alone');
  t.match(rule(model, 'debt.overdue'), { count: 0, level: null });

  feed(model, paymentOverdue({ id: 'bond-1', version: 2, debtor: 3, time: at(7) }));
  t.match(rule(model, 'debt.overdue'), {
    count: 1,
    level: 'significant',
    points: 15,
    items: [ref('debt-instrument', 'bond-1')],
  });
  t.equal(debt(model)?.level, 'significant');
  t.equal(status(model).level, 'significant');
  t.same(status(model).overrides, [], 'orange, not red: no override');
  t.match(model.items.get('debt|debt-instrument|bond-1'), {
    open: true,
    label: '2025年开发区专项债券 bond-1',
    enterprise: { creditCode: enterpriseCode(3), name: '开发区投资发展集团3' },
    attributes: { type: 'special-bond', status: 'active', overdue: true, overdueAmount: 51_625_000_000 },
  });

  feed(model, overdueCleared({ id: 'bond-1', version: 3, debtor: 3, time: at(6) }));
  t.match(rule(model, 'debt.overdue'), { count: 0 });
  t.equal(debt(model)?.level, 'general', 'back to the ratio’s yellow');
});

t.test('a settled instrument is closed and no longer counts', async (t) => {
  const model = liveModel();
  feed(
    model,
    instrumentRegistered({ id: 'loan-1', version: 1, type: 'bank-loan', time: at(9) }),
    paymentOverdue({ id: 'loan-1', version: 2, type: 'bank-loan', time: at(8) }),
  );
  t.equal(status(model).level, 'significant');
  feed(model, repaidInFull({ id: 'loan-1', version: 3, type: 'bank-loan', time: at(7) }));
  t.match(model.items.get('debt|debt-instrument|loan-1'), {
    open: false,
    attributes: { status: 'settled', balance: 0, overdue: false },
  });
  t.equal(status(model).level, 'low');
});

t.test('an unfunded maturity turns debt yellow; five points each, at most fifteen', async (t) => {
  const model = liveModel();
  feed(model, indicatorsChanged({ version: 1, debtRatioBp: 5_000, unfundedAlerts: 0, time: at(5) }));
  t.match(rule(model, 'debt.unfunded-maturity'), { value: 0, level: null, points: 0 });
  t.equal(debt(model)?.level, 'low');
  feed(model, indicatorsChanged({ version: 2, debtRatioBp: 5_000, unfundedAlerts: 1, time: at(4) }));
  t.match(rule(model, 'debt.unfunded-maturity'), {
    value: 1,
    level: 'general',
    points: 5,
    items: [indicatorsRef],
  });
  t.equal(debt(model)?.level, 'general');
  t.equal(status(model).level, 'general');
  feed(model, indicatorsChanged({ version: 3, debtRatioBp: 5_000, unfundedAlerts: 4, time: at(3) }));
  t.match(rule(model, 'debt.unfunded-maturity'), { value: 4, level: 'general', points: 15 });
});

t.test('behind time elapsed (序时进度): 1000 hundredths of a point is not yet yellow, 1001 is', async (t) => {
  const model = liveModel();
  feed(model, indicatorsChanged({ version: 1, debtRatioBp: 5_000, behindBp: 1_000, time: at(5) }));
  t.match(rule(model, 'debt.behind-schedule'), { value: 1_000, level: null, points: 10 });
  t.equal(debt(model)?.level, 'low', 'points for the trend line, no level');
  feed(model, indicatorsChanged({ version: 2, debtRatioBp: 5_000, behindBp: 1_001, time: at(4) }));
  t.match(rule(model, 'debt.behind-schedule'), {
    value: 1_001,
    level: 'general',
    points: 10,
    items: [indicatorsRef],
  });
  t.equal(debt(model)?.level, 'general');
  t.equal(status(model).level, 'general');
  t.equal(
    model.items.get(`debt|debt-indicators|${ZONE}`)?.attributes.behindBp,
    1_001,
    'read from task.behindBp',
  );
  feed(model, indicatorsChanged({ version: 3, debtRatioBp: 5_000, behindBp: null, time: at(3) }));
  t.match(rule(model, 'debt.behind-schedule'), { value: null, level: null }, 'no task set: nothing behind');
});

t.test('instruments join the enterprise index by the debtor; the indicators belong to no one', async (t) => {
  const model = liveModel();
  feed(
    model,
    instrumentRegistered({ id: 'bond-a', version: 1, debtor: 7, time: at(5) }),
    instrumentRegistered({ id: 'trust-b', version: 1, debtor: 7, type: 'trust', time: at(5) }),
    indicatorsChanged({ version: 1, debtRatioBp: 5_000, time: at(5) }),
  );
  t.same([...(model.byEnterprise.get(enterpriseCode(7)) ?? [])].sort(), [
    'debt|debt-instrument|bond-a',
    'debt|debt-instrument|trust-b',
  ]);
});
