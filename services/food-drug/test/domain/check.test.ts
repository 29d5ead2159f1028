import { InvalidInput } from '@zone-risk/domain-service/domain';
import t from 'tap';
import type { Business } from '../../src/domain/business.ts';
import { registerBusiness } from '../../src/domain/business-decisions.ts';
import { type Check, type CheckInput, followedUp, onCheckTime, recordCheck } from '../../src/domain/check.ts';
import { DEFAULT_RULES } from '../../src/domain/default-rules.ts';
import { caught, NOW, officer } from './fixtures.ts';

const business: Business = registerBusiness(
  {
    creditCode: '91320113MA1MB6AT2R',
    name: '南京瑞丰团餐管理有限公司',
    address: '江宁区东区科技大道8号',
    kind: 'catering',
    categories: [],
    area: null,
    licence: { type: 'food-business', number: 'JY23201130012345' },
    zoneId: 'z',
    via: 'api',
    importId: null,
  },
  { ...DEFAULT_RULES, version: 1 },
  officer,
  NOW,
).state;

const input = (
  overrides: Partial<CheckInput> = {},
): CheckInput & { id: string; zoneId: string; caseId: null } => ({
  id: 'chk-1',
  zoneId: 'z',
  caseId: null,
  type: 'routine',
  date: '2026-03-09',
  inspectors: [officer, { id: 'fd-sun', name: '孙敏' }],
  items: [{ item: '索证索票', result: 'pass', note: null }],
  findings: null,
  outcome: 'conforming',
  followUpOf: null,
  drawId: null,
  ...overrides,
});
const failing = [{ item: '索证索票', result: 'fail' as const, note: '票据缺失' }];

t.test('a conforming check is recorded once with its items; nothing is due after it', async (t) => {
  const decision = recordCheck(input(), business, 30, officer, NOW);
  t.match(decision.state, {
    status: 'recorded',
    followUpDeadline: null,
    business: { creditCode: business.creditCode, kind: 'catering' },
  });
  t.same(
    decision.steps.map((s) => s.fact.name),
    ['CheckRecorded'],
  );
  t.equal(onCheckTime(decision.state, new Date('2027-01-01T00:00:00Z')), null);
});

t.test('every problem of a check is named at once', async (t) => {
  const error = caught(() =>
    recordCheck(
      input({
        date: '2026-03-11',
        inspectors: [officer],
        outcome: 'conforming',
        items: failing,
        type: 'follow-up',
      }),
      business,
      30,
      officer,
      NOW,
    ),
  ) as InvalidInput;
  t.type(error, InvalidInput);
  t.same(error.fields.map((p) => p.pointer).sort(), ['/date', '/followUpOf', '/inspectors', '/outcome']);
  const basic = caught(() =>
    recordCheck(input({ outcome: 'basically-conforming' }), business, 30, officer, NOW),
  ) as InvalidInput;
  t.same(
    basic.fields.map((p) => p.pointer),
    ['/items'],
    '基本符合 needs a failed item',
  );
});

t.test(
  '基本符合: the follow-up is due by its deadline (the rule set’s days by default), settled once or overdue once',
  async (t) => {
    const basic = recordCheck(
      input({ outcome: 'basically-conforming', items: failing }),
      business,
      30,
      officer,
      NOW,
    ).state;
    t.match(basic, { status: 'follow-up-due', followUpDeadline: '2026-04-08' });
    const follow: Pick<Check, 'id' | 'outcome' | 'business'> = {
      id: 'chk-2',
      outcome: 'conforming',
      business: basic.business,
    };
    const settled = followedUp(basic, follow);
    t.match(settled.state, { status: 'followed-up', followUpCheckId: 'chk-2' });
    t.type(
      caught(() => followedUp(settled.state, follow)),
      InvalidInput,
      'not twice',
    );
    t.type(
      caught(() => followedUp(basic, { ...follow, business: { ...basic.business, creditCode: 'other' } })),
      InvalidInput,
      'not another business',
    );
    t.equal(onCheckTime(basic, new Date('2026-04-08T15:59:00Z')), null, 'not during the deadline day');
    const overdue = onCheckTime(basic, new Date('2026-04-08T16:00:00Z'));
    t.match(overdue?.steps[0]?.fact, { name: 'CheckFollowUpOverdue', facts: { dueDate: '2026-04-08' } });
    t.equal(onCheckTime(overdue?.state ?? basic, new Date('2026-05-01T00:00:00Z')), null, 'once');
  },
);
