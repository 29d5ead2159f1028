// The default policy's food and drug rules (DOMAIN.md §3, §5), as pure functions of the read model.
import { disposalStatus, type Envelope } from '@zone-risk/contracts';
import t from 'tap';
import { compilePolicy } from '../../src/domain/compiled-policy.ts';
import { defaultPolicy } from '../../src/domain/default-policy.ts';
import { captureModel, restoreModel } from '../../src/domain/model-state.ts';
import { policyInputSchema } from '../../src/domain/policy.ts';
import { projectEvent } from '../../src/domain/project.ts';
import { ReadModel } from '../../src/domain/read-model.ts';
import { computeStatus } from '../../src/domain/status.ts';
import {
  businessId,
  businessRegisteredEvent,
  caseClosed,
  caseOpened,
  caseOverdue,
  checkOverdue,
  gradeChanged,
  investigationStarted,
  sampleRecordedEvent,
  seriousViolationListed,
} from '../helpers/food-drug.ts';
import { enterpriseCode, heartbeat } from '../helpers/hazards.ts';
import { liveDomains } from '../helpers/rectification.ts';

// 2030-01-15 12:00 in the zone (UTC+08:00).
const NOW = Date.parse('2030-01-15T04:00:00Z');
const DAY_MS = 86_400_000;
const at = (secondsAgo: number) => new Date(NOW - secondsAgo * 1000);

function liveModel(now = NOW): ReadModel {
  const model = new ReadModel(compilePolicy({ ...policyInputSchema.parse(defaultPolicy), version: 1 }), 3);
  feed(model, ...liveDomains(1, new Date(now - 1000)));
  return model;
}

function feed(model: ReadModel, ...events: Envelope[]): void {
  for (const event of events) model.apply(projectEvent(event, model.compiled, 'demo-zone'));
}

const status = (model: ReadModel, now = NOW) => computeStatus(model, { now });
const foodDrug = (model: ReadModel, now = NOW) => status(model, now).domains['food-drug'];
const rule = (model: ReadModel, id: string, now = NOW) =>
  foodDrug(model, now)?.contributions.find((c) => c.rule === id);
const ref = (aggregateType: string, aggregateId: string) => ({
  domain: 'food-drug',
  aggregateType,
  aggregateId,
});

t.test('an open disposal case turns food-drug yellow, naming the case; five turn it orange', async (t) => {
  const model = liveModel();
  t.equal(status(model).level, 'low', 'every domain alive and quiet: blue');
  feed(model, caseOpened({ id: 'case-1', version: 1, time: at(5) }));
  t.match(rule(model, 'food-drug.case-open'), {
    count: 1,
    level: 'general',
    points: 5,
    items: [ref('disposal-case', 'case-1')],
  });
  t.equal(foodDrug(model)?.level, 'general');
  t.equal(foodDrug(model)?.score, 25, 'lifted to the floor of yellow');
  t.equal(status(model).level, 'general', 'the zone is the worst domain');
  t.same(status(model).overrides, []);

  feed(model, investigationStarted({ id: 'case-1', version: 2, time: at(4) }));
  t.match(rule(model, 'food-drug.case-open'), { count: 1 }, 'investigating is still open');
  for (let i = 2; i <= 5; i++) feed(model, caseOpened({ id: `case-${i}`, version: 1, time: at(4) }));
  t.match(rule(model, 'food-drug.case-open'), { count: 5, level: 'significant', points: 25 });
  t.equal(foodDrug(model)?.level, 'significant');
});

t.test('closing a case (结案) takes it out; the zone goes back to blue', async (t) => {
  const model = liveModel();
  feed(model, caseOpened({ id: 'case-c', version: 1, time: at(5) }));
  t.equal(status(model).level, 'general');
  feed(model, caseClosed({ id: 'case-c', version: 2, time: at(4) }));
  t.equal(model.items.get('food-drug|disposal-case|case-c')?.open, false);
  t.match(rule(model, 'food-drug.case-open'), { count: 0, level: null, points: 0 });
  t.equal(status(model).level, 'low');
});

t.test('every status of the contract is open but closed', async (t) => {
  // A status added to the contract must be placed deliberately: open unless it is `closed`.
  const model = liveModel();
  disposalStatus.options.forEach((status, i) => {
    feed(model, caseOpened({ id: `s-${status}`, version: 1, status, time: at(5 - i) }));
  });
  const open = disposalStatus.options.filter((s) => model.items.get(`food-drug|disposal-case|s-${s}`)?.open);
  t.same(open, ['opened', 'investigating', 'retest-requested', 'measures-recorded']);
});

t.test('an overdue case makes food-drug orange; at an ordinary business no override fires', async (t) => {
  const model = liveModel();
  feed(model, caseOverdue({ id: 'case-o', version: 2, categories: ['dairy'], time: at(5) }));
  t.match(rule(model, 'food-drug.case-overdue'), { count: 1, level: 'significant', points: 15 });
  t.match(rule(model, 'food-drug.vulnerable-case-overdue'), { count: 0, level: null });
  t.equal(foodDrug(model)?.level, 'significant');
  t.equal(status(model).level, 'significant');
  t.same(status(model).overrides, []);

  // Closed late: still flagged overdue, but no longer open, so no longer counted.
  feed(model, caseClosed({ id: 'case-o', version: 3, overdue: true, categories: ['dairy'], time: at(4) }));
  t.equal(model.items.get('food-drug|disposal-case|case-o')?.attributes.overdue, true);
  t.match(rule(model, 'food-drug.case-overdue'), { count: 0 });
  t.equal(status(model).level, 'low');
});

t.test(
  'an overdue case at a school canteen, infant formula or special medical food business makes the zone red by override',
  async (t) => {
    for (const category of ['school-canteen', 'infant-formula', 'special-medical-food'] as const) {
      const model = liveModel();
      const id = `case-${category}`;
      const business = { enterprise: 8, categories: ['group-meal-delivery' as const, category] };
      feed(model, caseOpened({ id, version: 1, ...business, time: at(6) }));
      t.equal(status(model).level, 'general', `${category}: within its deadline it weighs as any case`);
      feed(model, caseOverdue({ id, version: 2, ...business, time: at(5) }));
      const s = status(model);
      t.match(rule(model, 'food-drug.vulnerable-case-overdue'), { count: 1, level: 'major', points: 25 });
      t.equal(s.domains['food-drug']?.level, 'major', `${category}: food-drug red`);
      t.equal(s.level, 'major', `${category}: the zone red`);
      t.match(s.overrides, [
        {
          rule: 'zone.food-drug.vulnerable-case-overdue',
          level: 'major',
          count: 1,
          items: [ref('disposal-case', id)],
        },
      ]);
      t.match(model.items.get(`food-drug|disposal-case|${id}`), {
        enterprise: { creditCode: enterpriseCode(8), name: '食品企业8' },
        attributes: { kind: 'catering', categories: ['group-meal-delivery', category] },
      });

      feed(model, caseClosed({ id, version: 3, overdue: true, ...business, time: at(4) }));
      t.equal(status(model).level, 'low', `${category}: closed, the override stops firing`);
      t.same(status(model).overrides, []);
    }
  },
);

t.test('the vulnerable-business override holds while the food-drug feed is stale', async (t) => {
  const model = liveModel();
  feed(model, caseOverdue({ id: 'case-st', version: 2, categories: ['school-canteen'], time: at(5) }));
  const later = NOW + 10 * 60_000;
  feed(
    model,
    heartbeat('safety', 2, new Date(later - 1_000)),
    heartbeat('environment', 2, new Date(later - 1_000)),
  );
  const s = status(model, later);
  t.equal(s.domains['food-drug']?.level, 'unknown', 'ten minutes without a food-drug heartbeat');
  t.equal(s.level, 'major', 'the overdue case at a school canteen still makes the zone red');
  t.same(
    s.overrides.map((o) => o.rule),
    ['zone.food-drug.vulnerable-case-overdue'],
  );
});

t.test('a D-grade business with an overdue check makes food-drug orange', async (t) => {
  const model = liveModel();
  feed(
    model,
    businessRegisteredEvent({ enterprise: 3, version: 1, grade: 'C', time: at(9) }),
    checkOverdue({ enterprise: 3, version: 2, grade: 'C', time: at(8) }),
  );
  t.match(rule(model, 'food-drug.d-grade-check-overdue'), { count: 0 }, 'a C-grade behind on checks: no');
  feed(model, businessRegisteredEvent({ enterprise: 4, version: 1, grade: 'D', time: at(7) }));
  t.match(rule(model, 'food-drug.d-grade-check-overdue'), { count: 0 }, 'a D-grade checked enough: no');
  t.equal(status(model).level, 'low');

  feed(
    model,
    gradeChanged({
      enterprise: 3,
      version: 3,
      grade: 'D',
      previousGrade: 'C',
      checkOverdue: true,
      time: at(6),
    }),
  );
  t.match(rule(model, 'food-drug.d-grade-check-overdue'), {
    count: 1,
    level: 'significant',
    points: 10,
    items: [ref('food-drug-business', businessId({ enterprise: 3 }))],
  });
  t.equal(foodDrug(model)?.level, 'significant');
  t.equal(status(model).level, 'significant');
  t.match(model.items.get(`food-drug|food-drug-business|${businessId({ enterprise: 3 })}`), {
    open: true,
    label: '食品企业3',
    enterprise: { creditCode: enterpriseCode(3), name: '食品企业3' },
    attributes: { grade: 'D', checkOverdue: true },
  });

  // A check clears the flag: the next event carries checkOverdue false.
  feed(model, gradeChanged({ enterprise: 3, version: 4, grade: 'D', previousGrade: 'D', time: at(5) }));
  t.equal(status(model).level, 'low');
});

t.test('a business on the serious-violation list adds points, not a level', async (t) => {
  const model = liveModel();
  feed(model, seriousViolationListed({ enterprise: 5, version: 2, time: at(5) }));
  t.match(rule(model, 'food-drug.serious-violation'), { count: 1, level: null, points: 10 });
  t.equal(foodDrug(model)?.level, 'low');
  t.equal(foodDrug(model)?.score, 10);
  feed(model, seriousViolationListed({ enterprise: 6, version: 2, time: at(5) }));
  feed(model, seriousViolationListed({ enterprise: 7, version: 2, time: at(5) }));
  t.match(rule(model, 'food-drug.serious-violation'), { count: 3, points: 20 }, 'capped at 20');
  t.equal(status(model).level, 'low');
});

t.test(
  'unqualified samples of the last 30 days: three turn food-drug yellow; older ones do not count',
  async (t) => {
    const model = liveModel();
    feed(
      model,
      // Today is 2030-01-15: the 30 days are 2029-12-17 … 2030-01-15.
      sampleRecordedEvent({ id: 'smp-old', sampledOn: '2029-12-16', time: at(9) }),
      sampleRecordedEvent({ id: 'smp-ok', verdict: 'qualified', sampledOn: '2030-01-14', time: at(9) }),
      sampleRecordedEvent({ id: 'smp-a', sampledOn: '2029-12-17', time: at(8) }),
      sampleRecordedEvent({ id: 'smp-b', sampledOn: '2030-01-15', time: at(8) }),
    );
    t.match(rule(model, 'food-drug.unqualified-samples'), {
      count: 2,
      level: null,
      points: 6,
      items: [ref('food-drug-sample', 'smp-a'), ref('food-drug-sample', 'smp-b')],
    });
    t.equal(
      model.items.get('food-drug|food-drug-sample|smp-ok')?.open,
      false,
      'a qualified sample is closed',
    );
    t.equal(model.items.get('food-drug|food-drug-sample|smp-old')?.open, true, 'an unqualified one stays');
    t.equal(model.items.get('food-drug|food-drug-sample|smp-a')?.label, '样品 smp-a');

    feed(model, sampleRecordedEvent({ id: 'smp-c', sampledOn: '2030-01-10', time: at(7) }));
    t.match(rule(model, 'food-drug.unqualified-samples'), { count: 3, level: 'general', points: 9 });
    t.equal(foodDrug(model)?.level, 'general');

    // Time alone moves them out: the next day smp-a (2029-12-17) is 31 days back.
    const tomorrow = NOW + DAY_MS;
    t.match(rule(model, 'food-drug.unqualified-samples', tomorrow), { count: 2, level: null, points: 6 });
    t.equal(
      model.matchers.get('food-drug.unqualified-samples')?.members.has('food-drug|food-drug-sample|smp-a'),
      false,
      'the item left the rule’s set',
    );
    // A month on, none is left; a sample recorded late, with an old day, never joins.
    const monthOn = NOW + 31 * DAY_MS;
    t.match(rule(model, 'food-drug.unqualified-samples', monthOn), { count: 0, points: 0 });
    feed(model, sampleRecordedEvent({ id: 'smp-late', sampledOn: '2030-01-01', time: new Date(monthOn) }));
    t.match(rule(model, 'food-drug.unqualified-samples', monthOn), { count: 0 });
  },
);

t.test('a snapshot round trip and a new model of the same events hold the same windowed sets', async (t) => {
  const events = [
    sampleRecordedEvent({ id: 'w1', sampledOn: '2029-12-20', time: at(9) }),
    sampleRecordedEvent({ id: 'w2', sampledOn: '2030-01-12', time: at(9) }),
    sampleRecordedEvent({ id: 'w3', sampledOn: '2030-01-13', time: at(9) }),
    sampleRecordedEvent({ id: 'w4', sampledOn: '2030-01-14', time: at(9) }),
  ];
  const live = liveModel();
  feed(live, ...events);
  const later = NOW + 5 * DAY_MS; // 2030-01-20: w1 (2029-12-20) is out
  const expected = status(live, later);
  t.match(rule(live, 'food-drug.unqualified-samples', later), { count: 3, level: 'general' });

  // Restored from a snapshot (no clock of its own): the first status closes the ended windows.
  const restored = restoreModel(captureModel(live), live.compiled, 3);
  t.same(status(restored, later), expected);
  // Rebuilt from the events, fed in another order.
  const rebuilt = liveModel();
  feed(rebuilt, ...[...events].reverse());
  t.same(status(rebuilt, later), expected);
});

t.test('food-drug items join the enterprise index across domains', async (t) => {
  const model = liveModel();
  feed(
    model,
    businessRegisteredEvent({ enterprise: 9, version: 1, time: at(5) }),
    caseOpened({ id: 'case-e', version: 1, enterprise: 9, time: at(5) }),
    sampleRecordedEvent({ id: 'smp-e', sampledOn: '2030-01-14', enterprise: 9, time: at(5) }),
  );
  t.same([...(model.byEnterprise.get(enterpriseCode(9)) ?? [])].sort(), [
    'food-drug|disposal-case|case-e',
    `food-drug|food-drug-business|${enterpriseCode(9)}`,
    'food-drug|food-drug-sample|smp-e',
  ]);
});
