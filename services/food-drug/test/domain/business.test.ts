import { NoChange } from '@zone-risk/domain-service/domain';
import t from 'tap';
import type { Business, BusinessContent } from '../../src/domain/business.ts';
import {
  addRecord,
  listSeriousViolation,
  nextDueAt,
  onTime,
  registerBusiness,
  regrade,
  updateDetails,
} from '../../src/domain/business-decisions.ts';
import { DEFAULT_RULES } from '../../src/domain/default-rules.ts';
import type { Rules } from '../../src/domain/grade.ts';
import { caught, officer } from './fixtures.ts';

const RULES: Rules = { ...DEFAULT_RULES, version: 1 };
const MARCH = new Date('2026-03-10T02:00:00Z');

const content: BusinessContent = {
  creditCode: '91320113MA1MB6AT2R',
  name: '南京瑞丰团餐管理有限公司',
  address: '江宁区东区科技大道8号',
  kind: 'catering',
  categories: [],
  area: '东区',
  licence: { type: 'food-business', number: 'JY23201130012345' },
};
const registered = (): Business =>
  registerBusiness({ ...content, zoneId: 'z', via: 'api', importId: null }, RULES, officer, MARCH).state;
const entry = (
  kind: 'check' | 'sample' | 'complaint' | 'penalty' | 'recall',
  ref: string,
  date: string,
  result: string | null,
) => ({
  kind,
  ref,
  date,
  result,
  void: false,
});

t.test(
  'given a new business, when it is registered, then it is graded from its kind alone and watches this year’s checks',
  async (t) => {
    const decision = registerBusiness(
      { ...content, zoneId: 'z', via: 'api', importId: null },
      RULES,
      officer,
      MARCH,
    );
    t.equal(decision.steps[0]?.fact.name, 'BusinessRegistered');
    t.equal(decision.state.trace.dynamicPoints, 0);
    t.equal(decision.state.score, decision.state.trace.staticPoints);
    t.match(decision.state.standing, { start: /^2026|^2025/, done: 0 });
    t.equal(
      nextDueAt(decision.state).toISOString(),
      `${decision.state.standing.end}T16:00:00.000Z`,
      'its timer: the end of its period',
    );
  },
);

t.test(
  'given a business, when an input changes, then it is re-graded in the same decision and a moved grade is its own fact',
  async (t) => {
    let business = registered();
    const facts: string[] = [];
    for (let i = 0; i < 6; i++) {
      const decision = addRecord(
        business,
        entry('penalty', `CF-${i}`, '2026-03-01', null),
        RULES,
        officer,
        MARCH,
      );
      facts.push(...decision.steps.map((s) => s.fact.name));
      t.ok(decision.state.score >= business.score);
      business = decision.state;
    }
    t.ok(facts.includes('BusinessGradeChanged'), 'the grade moved at some entry');
    t.equal(facts.filter((f) => f === 'BusinessRecordAdded').length, 6);
    t.type(
      caught(() => addRecord(business, entry('penalty', 'CF-0', '2026-03-01', null), RULES, officer, MARCH)),
      NoChange,
      'the same entry again',
    );
    const voided = addRecord(
      business,
      { ...entry('penalty', 'CF-0', '2026-03-01', null), void: true },
      RULES,
      officer,
      MARCH,
    );
    t.ok(voided.state.score <= business.score, 'a voided entry counts no more');
    t.equal(voided.state.record.length, 6, 'replaced, not added');
  },
);

t.test(
  'given a check, when it is recorded, then the standing moves, overdue clears and its inspectors are the last ones',
  async (t) => {
    const business = { ...registered(), checkOverdue: true };
    const checked = addRecord(
      business,
      entry('check', 'chk-1', '2026-03-09', 'conforming'),
      RULES,
      officer,
      MARCH,
      { inspectors: ['a', 'b'] },
    );
    t.equal(checked.state.standing.done, 1);
    t.equal(checked.state.checkOverdue, false);
    t.same(checked.state.lastCheck, { id: 'chk-1', date: '2026-03-09', inspectors: ['a', 'b'] });
    const older = addRecord(
      checked.state,
      entry('check', 'chk-0', '2026-01-09', 'conforming'),
      RULES,
      officer,
      MARCH,
      { inspectors: ['c', 'd'] },
    );
    t.equal(older.state.lastCheck?.id, 'chk-1', 'an older check recorded late is not the last one');
  },
);

t.test(
  'given the list, then the grade is D whatever the score, and off it the score rules again',
  async (t) => {
    const business = registered();
    const listed = listSeriousViolation(business, { listed: true, reason: 'r' }, RULES, officer, MARCH);
    t.equal(listed.state.grade, 'D');
    t.same(
      listed.steps.map((s) => s.fact.name),
      ['BusinessSeriousViolationListed', 'BusinessGradeChanged'],
    );
    t.type(
      caught(() => listSeriousViolation(listed.state, { listed: true, reason: 'r' }, RULES, officer, MARCH)),
      NoChange,
    );
    const off = listSeriousViolation(listed.state, { listed: false, reason: '移出' }, RULES, officer, MARCH);
    t.equal(off.state.grade, business.grade);
  },
);

t.test(
  'given a period that ended short, when time passes, then the business is check-overdue once and the next period is watched',
  async (t) => {
    const business = registered();
    const required = business.standing.required;
    const after = new Date(`${business.standing.end}T16:00:01Z`);
    const decision = onTime(business, RULES, after);
    if (required > 0) {
      t.same(
        decision?.steps.map((s) => s.fact.name),
        ['BusinessCheckOverdue'],
      );
      t.equal(decision?.state.checkOverdue, true);
      t.ok((decision?.state.standing.start ?? '') > business.standing.end, 'the next period');
      t.equal(onTime(decision?.state ?? business, RULES, after), null, 'once');
    }
    const done = addRecord(business, entry('check', 'c', '2026-03-09', 'conforming'), RULES, officer, MARCH, {
      inspectors: [],
    }).state;
    const met = { ...done, standing: { ...done.standing, done: done.standing.required } };
    const rolled = onTime(met, RULES, after);
    t.equal(rolled?.state.checkOverdue ?? false, false, 'a period that was met makes nothing overdue');
  },
);

t.test(
  'given an entry that leaves the window, when its day comes, then the business is re-graded by time alone',
  async (t) => {
    const business = addRecord(
      registered(),
      entry('penalty', 'CF-1', '2026-03-01', null),
      RULES,
      officer,
      MARCH,
    ).state;
    t.ok(business.regradeOn, 'the day it leaves is known');
    const day = business.regradeOn ?? '';
    t.equal(nextDueAt(business) <= new Date(`${business.standing.end}T16:00:00Z`), true);
    const later = onTime(business, RULES, new Date(`${day}T01:00:00Z`));
    t.ok(later, 'a decision on that day');
    t.equal(later?.state.trace.dynamicPoints, 0, 'the penalty no longer counts');
  },
);

t.test('given a new rule set, when a business is re-graded, then it says which fact applies', async (t) => {
  const business = registered();
  const harsher: Rules = { ...RULES, version: 2, bands: { A: 1, B: 2, C: 3 } };
  const moved = regrade(business, harsher, MARCH, 'rule set v2');
  t.equal(moved.steps[0]?.fact.name, business.score > 3 ? 'BusinessGradeChanged' : 'BusinessRegraded');
  t.equal(moved.state.trace.ruleSetVersion, 2);
  const same = regrade(business, { ...RULES, version: 2 }, MARCH, 'rule set v2');
  t.equal(same.steps[0]?.fact.name, 'BusinessRegraded', 'only the version moved');
  t.type(
    caught(() => regrade(business, RULES, MARCH, 'again')),
    NoChange,
  );
});

t.test('given a register line again, then only what differs changes', async (t) => {
  const business = registered();
  t.type(
    caught(() => updateDetails(business, content, 'import', RULES, officer, MARCH)),
    NoChange,
  );
  const moved = updateDetails(
    business,
    { ...content, categories: ['school-canteen'] },
    'import',
    RULES,
    officer,
    MARCH,
  );
  t.match(moved.steps[0]?.fact, {
    name: 'BusinessDetailsUpdated',
    facts: { changed: ['categories'], via: 'import' },
  });
  t.ok(moved.state.score > business.score, 'a category re-grades it');
});

t.test(
  'given a business registered late in its period, then it owes only its share of the checks',
  async (t) => {
    const december = registerBusiness(
      { ...content, zoneId: 'z', via: 'api', importId: null },
      RULES,
      officer,
      new Date('2026-12-02T02:00:00Z'),
    ).state;
    t.equal(december.standing.start, '2026-12-02', 'its period counts from its registration');
    if (december.standing.end === '2026-12-31') {
      t.equal(december.standing.required, 0, 'no check owed for 30 days of a yearly period');
      t.equal(
        onTime(december, RULES, new Date('2027-01-01T00:00:00Z'))?.state.checkOverdue ?? false,
        false,
        'not overdue at year end',
      );
    }
    const listed = listSeriousViolation(
      registerBusiness(
        { ...content, zoneId: 'z', via: 'api', importId: null },
        RULES,
        officer,
        new Date('2026-07-01T02:00:00Z'),
      ).state,
      { listed: true, reason: 'r' },
      RULES,
      officer,
      new Date('2026-07-01T03:00:00Z'),
    ).state;
    t.equal(listed.grade, 'D');
    const full = RULES.checkFrequency.D.checks;
    t.equal(
      listed.standing.required,
      Math.floor((full * 184) / 365),
      'a D-grade one registered on 1 July owes its share',
    );
  },
);
