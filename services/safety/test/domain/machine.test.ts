import { NotAllowed } from '@zone-risk/domain-service/domain';
import t from 'tap';
import {
  acceptRectification,
  addEvidence,
  approveExtension,
  type Decision,
  listForSupervision,
  planRectification,
  refuseExtension,
  rejectRectification,
  requestExtension,
  submitForAcceptance,
} from '../../src/domain/decisions.ts';
import type { Hazard } from '../../src/domain/hazard.ts';
import {
  allowedActions,
  HAZARD_ACTIONS,
  HAZARD_STATUSES,
  type HazardAction,
  type HazardStatus,
} from '../../src/domain/machine.ts';
import { hazardIn, inspector, NOW, supervisor } from './fixtures.ts';

// The life cycle as the issue states it. Every (state, action) pair not listed is forbidden; the
// matrix below is generated from both lists, so a pair can be neither missed nor tested twice.
const EXPECTED: Record<HazardStatus, Partial<Record<HazardAction, HazardStatus>>> = {
  reported: { plan: 'rectifying', 'list-supervision': 'reported', 'add-evidence': 'reported' },
  rectifying: {
    plan: 'rectifying',
    submit: 'awaiting-acceptance',
    'request-extension': 'extension-requested',
    'list-supervision': 'rectifying',
    'add-evidence': 'rectifying',
  },
  'extension-requested': {
    'approve-extension': 'rectifying',
    'refuse-extension': 'rectifying',
    'list-supervision': 'extension-requested',
    'add-evidence': 'extension-requested',
  },
  'awaiting-acceptance': {
    accept: 'closed',
    reject: 'rectifying',
    'list-supervision': 'awaiting-acceptance',
    'add-evidence': 'awaiting-acceptance',
  },
  closed: {},
};

const photo = {
  id: 'ph-1',
  phase: 'after' as const,
  sha256: 'a'.repeat(64),
  contentType: 'image/jpeg',
  size: 10,
  filename: 'a.jpg',
  uploadedBy: inspector,
  uploadedAt: NOW,
};

// Each action through its real decision function, with valid input and the right actor.
const RUN: Record<HazardAction, (h: Hazard) => Decision> = {
  plan: (h) =>
    planRectification(
      h,
      { measures: 'm', responsiblePerson: { id: 'p' }, funds: 0, deadline: '2026-05-20' },
      inspector,
      NOW,
    ),
  submit: (h) => submitForAcceptance(h, { note: null }, inspector, NOW),
  accept: (h) => acceptRectification(h, {}, supervisor, NOW),
  reject: (h) => rejectRectification(h, { reason: 'r' }, supervisor),
  'request-extension': (h) =>
    requestExtension(h, { requestedDeadline: '2026-07-31', reason: 'r' }, inspector, NOW),
  'approve-extension': (h) => approveExtension(h, {}, supervisor, NOW),
  'refuse-extension': (h) => refuseExtension(h, { reason: 'r' }, supervisor),
  'list-supervision': (h) =>
    listForSupervision(h, { deadline: '2026-06-15', authority: '安委办' }, supervisor, NOW),
  'add-evidence': (h) => addEvidence(h, photo, inspector),
};

for (const status of HAZARD_STATUSES) {
  for (const action of HAZARD_ACTIONS) {
    const next = EXPECTED[status][action];
    if (next !== undefined) {
      t.test(`a ${status} hazard may ${action}, and becomes ${next}`, async (t) => {
        const decision = RUN[action](hazardIn(status));
        t.equal(decision.state.status, next);
        t.equal(decision.steps.length, 1, 'one event');
      });
    } else {
      t.test(
        `a ${status} hazard may not ${action}: refused naming the state and what is allowed`,
        async (t) => {
          const error = t.throws(() => RUN[action](hazardIn(status))) as unknown;
          t.type(error, NotAllowed);
          const refusal = error as NotAllowed;
          t.same(refusal.facts, {
            currentState: status,
            action,
            allowed: Object.keys(EXPECTED[status]).sort(
              (a, b) => HAZARD_ACTIONS.indexOf(a as never) - HAZARD_ACTIONS.indexOf(b as never),
            ),
          });
        },
      );
    }
  }
}

t.test('the machine allows exactly the expected actions from every state', async (t) => {
  for (const status of HAZARD_STATUSES) {
    t.same(new Set(allowedActions(status)), new Set(Object.keys(EXPECTED[status])), status);
  }
});
