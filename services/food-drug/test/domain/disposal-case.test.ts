import { Conflict, Forbidden, NotAllowed } from '@zone-risk/domain-service/domain';
import t from 'tap';
import {
  CASE_ACTIONS,
  CASE_STATUSES,
  type CaseAction,
  type CaseDecision,
  type CaseStatus,
  closeCase,
  type DisposalCase,
  onCaseTime,
  openCase,
  recordEntriesOfClosedCase,
  recordMeasures,
  recordRetest,
  requestRetest,
  startInvestigation,
} from '../../src/domain/disposal-case.ts';
import { business, caseIn, caught, NOW, officer, supervisor } from './fixtures.ts';

// The case life cycle as the issue states it; every (state, action) pair not listed is refused.
// The matrix is generated from both lists, so no pair is missed. record-retest has two outcomes.
const ALLOWED: Record<CaseStatus, Partial<Record<CaseAction, CaseStatus>>> = {
  opened: { 'start-investigation': 'investigating' },
  investigating: { 'request-retest': 'retest-requested', 'record-measures': 'measures-recorded' },
  'retest-requested': { 'record-retest': 'investigating' },
  'measures-recorded': { 'record-measures': 'measures-recorded', close: 'closed' },
  closed: {},
};

const RUN: Record<CaseAction, (c: DisposalCase) => CaseDecision> = {
  'start-investigation': (c) => startInvestigation(c, { note: null }, officer),
  'request-retest': (c) => requestRetest(c, { lab: '省检院' }, officer, NOW),
  'record-retest': (c) => recordRetest(c, { qualified: false, report: 'FJ-1' }, officer, NOW),
  'record-measures': (c) =>
    recordMeasures(c, { taken: ['penalty'], detail: '宁市监罚〔2026〕1号' }, officer, NOW),
  close: (c) => closeCase(c, { outcome: '处置完毕' }, supervisor, NOW),
};

t.test(
  'every state × action pair: allowed ones lead where the life cycle says, the others are refused with what is allowed',
  async (t) => {
    for (const status of CASE_STATUSES) {
      for (const action of CASE_ACTIONS) {
        const expected = ALLOWED[status][action];
        const c = caseIn(status);
        if (expected) {
          t.equal(RUN[action](c).state.status, expected, `${status} --${action}--> ${expected}`);
        } else {
          const error = caught(() => RUN[action](c));
          t.type(error, NotAllowed, `${status} refuses ${action}`);
          t.same(
            (error as NotAllowed).allowed,
            Object.keys(ALLOWED[status]),
            `${status} names what it allows`,
          );
        }
      }
    }
  },
);

t.test(
  'a sample opens a case with its deadline and a retest window of working days; a check has no retest',
  async (t) => {
    const rules = { deadlineDays: 90, retestWorkingDays: 7 };
    const fromSample = openCase(
      { id: 'case-1', zoneId: 'z', business, cause: { kind: 'sample', ref: 's' } },
      rules,
      officer,
      NOW,
    );
    t.match(fromSample.state, {
      status: 'opened',
      deadline: '2026-06-08',
      retestUntil: '2026-03-19',
      officer: null,
    });
    t.equal(fromSample.steps[0]?.fact.name, 'DisposalCaseOpened');
    const fromCheck = openCase(
      { id: 'case-2', zoneId: 'z', business, cause: { kind: 'check', ref: 'c' } },
      rules,
      officer,
      NOW,
    );
    t.equal(fromCheck.state.retestUntil, null);
    t.throws(
      () => requestRetest(startInvestigation(fromCheck.state, {}, officer).state, { lab: 'x' }, officer, NOW),
      Conflict,
    );
  },
);

t.test(
  'the officer who starts the investigation is the case officer and cannot close the case',
  async (t) => {
    const investigating = startInvestigation(caseIn('opened'), { note: '约谈' }, officer).state;
    t.same(investigating.officer, officer);
    const handled = recordMeasures(
      investigating,
      { taken: ['recall', 'penalty', 'recall'], detail: 'd' },
      officer,
      NOW,
    ).state;
    t.same(handled.measures, ['recall', 'penalty'], 'measures kept once each, in their order');
    t.throws(() => closeCase(handled, { outcome: 'x' }, officer, NOW), Forbidden);
    const closed = closeCase(handled, { outcome: '已处罚' }, supervisor, NOW);
    t.match(closed.state, { status: 'closed', closedAs: 'handled', closedBy: supervisor });
    t.same(
      recordEntriesOfClosedCase(closed.state).map((e) => e.kind),
      ['penalty', 'recall'],
      'penalty and recall feed the business',
    );
  },
);

t.test('a qualified retest closes the case, so the case officer cannot record it', async (t) => {
  t.type(
    caught(() => recordRetest(caseIn('retest-requested'), { qualified: true }, officer, NOW)),
    Forbidden,
  );
  t.equal(
    recordRetest(caseIn('retest-requested'), { qualified: false }, officer, NOW).state.status,
    'investigating',
  );
});

t.test('a retest is refused once its window has closed', async (t) => {
  const late = new Date('2026-03-17T16:00:00Z'); // the 18th in the zone, after retestUntil
  const error = caught(() => requestRetest(caseIn('investigating'), { lab: 'x' }, officer, late));
  t.type(error, Conflict);
  t.match((error as Conflict).facts, { reason: 'retest-window-closed' });
});

t.test('a qualified retest closes the case as unfounded in the same decision, with both facts', async (t) => {
  const decision = recordRetest(
    caseIn('retest-requested'),
    { qualified: true, report: 'FJ-2' },
    supervisor,
    NOW,
  );
  t.match(decision.state, { status: 'closed', closedAs: 'unfounded', retest: { qualified: true } });
  t.same(
    decision.steps.map((s) => s.fact.name),
    ['DisposalRetestRecorded', 'DisposalCaseClosed'],
  );
  t.same(recordEntriesOfClosedCase(decision.state), [], 'an unfounded case feeds no penalty');
});

t.test('time makes an open case overdue once, after its deadline day; a closed one never', async (t) => {
  const open = caseIn('investigating');
  t.equal(onCaseTime(open, new Date('2026-06-08T15:59:59Z')), null, 'not during the deadline day');
  const overdue = onCaseTime(open, new Date('2026-06-08T16:00:00Z'));
  t.equal(overdue?.steps[0]?.fact.name, 'DisposalCaseBecameOverdue');
  t.equal(onCaseTime(overdue?.state ?? open, new Date('2026-07-01T00:00:00Z')), null, 'published once');
  t.equal(onCaseTime(caseIn('closed'), new Date('2027-01-01T00:00:00Z')), null);
});
