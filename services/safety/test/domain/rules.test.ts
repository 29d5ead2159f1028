import { endOfZoneDay } from '@zone-risk/calendar';
import { Conflict, Forbidden, InvalidInput } from '@zone-risk/domain-service/domain';
import t from 'tap';
import {
  acceptRectification,
  approveExtension,
  detectOverdue,
  listForSupervision,
  planRectification,
  reportHazard,
  requestExtension,
} from '../../src/domain/decisions.ts';
import { derive } from '../../src/domain/hazard.ts';
import { hazardIn, inspector, NOW, supervisor } from './fixtures.ts';

const enterprise = { creditCode: '91320113MA1MB6AT2R', name: '南京瑞丰精细化工有限公司' };
const base = {
  id: 'hz-2',
  zoneId: 'demo-zone',
  enterprise,
  location: 'l',
  description: 'd',
  category: 'equipment' as const,
};

function problemOf(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    return error as InvalidInput & Conflict;
  }
  throw new Error('expected a problem');
}

t.test('a major hazard without a determination basis is refused at /basis', async (t) => {
  const error = problemOf(() => reportHazard({ ...base, grade: 'major' }, inspector, NOW));
  t.type(error, InvalidInput);
  t.match(error.fields, [{ pointer: '/basis' }]);
  const blankClause = problemOf(() =>
    reportHazard(
      { ...base, grade: 'major', basis: { standard: 'GB 15577-2018', clause: ' ' } },
      inspector,
      NOW,
    ),
  );
  t.type(blankClause, InvalidInput);
  t.equal(
    reportHazard({ ...base, grade: 'general' }, inspector, NOW).state.basis,
    null,
    'general needs none',
  );
});

t.test('a deadline before today (zone time) is refused; today itself is fine', async (t) => {
  // 2026-05-06T02:00Z is 10:00 on 2026-05-06 in the zone.
  t.type(
    problemOf(() => reportHazard({ ...base, grade: 'general', deadline: '2026-05-05' }, inspector, NOW)),
    InvalidInput,
  );
  t.equal(
    reportHazard({ ...base, grade: 'general', deadline: '2026-05-06' }, inspector, NOW).state.deadline,
    '2026-05-06',
  );
  const plan = { measures: 'm', responsiblePerson: { id: 'p' }, funds: 0, deadline: '2026-04-30' };
  t.match(problemOf(() => planRectification(hazardIn('reported'), plan, inspector, NOW)).fields, [
    { pointer: '/deadline' },
  ]);
});

t.test('a plan cannot push the deadline in force later: that takes an extension', async (t) => {
  const plan = { measures: 'm', responsiblePerson: { id: 'p' }, funds: 0, deadline: '2026-06-30' };
  const error = problemOf(() => planRectification(hazardIn('rectifying'), plan, inspector, NOW));
  t.type(error, InvalidInput);
  t.match(error.message, /extension/);
});

t.test('a supervisor never decides on a hazard they reported or inspected', async (t) => {
  const reportedByThem = hazardIn('awaiting-acceptance', { reportedBy: supervisor });
  t.type(
    problemOf(() => acceptRectification(reportedByThem, {}, supervisor, NOW)),
    Forbidden,
  );
  const inspectedByThem = hazardIn('awaiting-acceptance', { inspectors: [inspector, supervisor] });
  t.type(
    problemOf(() => acceptRectification(inspectedByThem, {}, supervisor, NOW)),
    Forbidden,
  );
  t.equal(acceptRectification(hazardIn('awaiting-acceptance'), {}, supervisor, NOW).state.status, 'closed');
});

t.test('supervision (挂牌督办) is for major hazards, once', async (t) => {
  const input = { deadline: '2026-06-15', authority: '安委办' };
  t.type(
    problemOf(() => listForSupervision(hazardIn('rectifying', { grade: 'general' }), input, supervisor, NOW)),
    Conflict,
  );
  const listed = listForSupervision(hazardIn('rectifying'), input, supervisor, NOW).state;
  t.equal(listed.supervision?.deadline, '2026-06-15');
  t.type(
    problemOf(() => listForSupervision(listed, input, supervisor, NOW)),
    Conflict,
  );
});

t.test('an extension must ask for a later deadline', async (t) => {
  const error = problemOf(() =>
    requestExtension(
      hazardIn('rectifying'),
      { requestedDeadline: '2026-05-20', reason: 'r' },
      inspector,
      NOW,
    ),
  );
  t.match(error.fields, [{ pointer: '/requestedDeadline' }]);
});

t.test('a deadline passes at the end of its day in the zone (UTC+08:00)', async (t) => {
  t.equal(endOfZoneDay('2026-05-31').toISOString(), '2026-05-31T16:00:00.000Z');
  const hazard = hazardIn('rectifying');
  t.equal(detectOverdue(hazard, new Date('2026-05-31T15:59:59Z')), null, 'still the 31st in the zone');
  t.ok(detectOverdue(hazard, new Date('2026-05-31T16:00:00Z')), 'midnight in the zone');
});

t.test('a passed deadline fires once; an approved extension clears overdue and re-arms it', async (t) => {
  const late = new Date('2026-06-02T00:00:00Z');
  const fired = detectOverdue(hazardIn('rectifying'), late);
  t.ok(fired);
  if (!fired) return;
  t.match(
    fired.steps.map((s) => s.fact),
    [{ name: 'HazardBecameOverdue', facts: { which: 'rectification', dueDate: '2026-05-31' } }],
  );
  t.equal(derive(fired.state).overdue, true);
  t.equal(derive(fired.state).deadlineArmed, false, 'nothing left to fire');
  t.equal(detectOverdue(fired.state, late), null, 'never twice for one deadline');

  const requested = requestExtension(
    fired.state,
    { requestedDeadline: '2026-06-30', reason: 'r' },
    inspector,
    late,
  ).state;
  t.equal(derive(requested).overdue, true, 'still overdue while the request waits');
  const extended = approveExtension(requested, {}, supervisor, late).state;
  t.equal(extended.deadline, '2026-06-30');
  t.same([derive(extended).overdue, derive(extended).deadlineArmed], [false, true], 'cleared and re-armed');
  t.ok(detectOverdue(extended, new Date('2026-07-01T00:00:00Z')), 'fires again for the new deadline');
});

t.test('the supervision deadline fires on its own; both at once give two events in order', async (t) => {
  const listed = hazardIn('rectifying', {
    supervision: {
      deadline: '2026-05-20',
      authority: '安委办',
      reference: null,
      listedBy: supervisor,
      listedAt: NOW,
    },
  });
  const first = detectOverdue(listed, new Date('2026-05-25T00:00:00Z'));
  t.match(
    first?.steps.map((s) => s.fact.facts),
    [{ which: 'supervision' }],
  );
  const both = detectOverdue(listed, new Date('2026-06-05T00:00:00Z'));
  t.match(
    both?.steps.map((s) => s.fact.facts),
    [{ which: 'supervision' }, { which: 'rectification' }],
  );
  t.same(
    both?.steps.map((s) => [s.after.supervisionOverdue, s.after.rectificationOverdue]),
    [
      [true, false],
      [true, true],
    ],
    'each event carries the state right after it',
  );
});

t.test('a closed hazard is never overdue and arms nothing', async (t) => {
  const closed = hazardIn('closed', { rectificationOverdue: true });
  t.same([derive(closed).overdue, derive(closed).deadlineArmed], [false, false]);
  t.equal(detectOverdue(closed, new Date('2030-01-01T00:00:00Z')), null);
});
