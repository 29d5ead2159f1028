import { Conflict, InvalidInput, NotAllowed } from '@zone-risk/domain-service/domain';
import t from 'tap';
import {
  accept,
  type Decision,
  onTime,
  publishNotice,
  raiseObjection,
  recur,
  reportProgress,
  requestAcceptance,
  returnItem,
} from '../../src/domain/decisions.ts';
import type { Item, Source } from '../../src/domain/item.ts';
import {
  allowedActions,
  ITEM_ACTIONS,
  ITEM_STATUSES,
  type ItemAction,
  type ItemStatus,
  transition,
} from '../../src/domain/machine.ts';
import { itemIn, NOW, staff, supervisor } from './fixtures.ts';

// The life cycle as the issue states it, once for items the city alone accepts and once for
// central and provincial inspection items (city, then province). Every (state, action) pair not
// listed is forbidden; the matrix is generated from both lists, so no pair is missed.
const CITY_ONLY: Record<ItemStatus, Partial<Record<ItemAction, ItemStatus>>> = {
  pending: { 'report-progress': 'in-progress' },
  'in-progress': { 'report-progress': 'in-progress', 'request-acceptance': 'acceptance-requested' },
  'acceptance-requested': { 'accept-city': 'accepted', return: 'in-progress' },
  'city-accepted': { 'accept-province': 'accepted', return: 'in-progress' },
  accepted: { 'publish-notice': 'public-notice' },
  'public-notice': { 'raise-objection': 'in-progress', close: 'closed' },
  closed: { recur: 'in-progress' },
};
const PROVINCIAL: typeof CITY_ONLY = {
  ...CITY_ONLY,
  'acceptance-requested': { 'accept-city': 'city-accepted', return: 'in-progress' },
};

const AFTER_WINDOW = new Date('2026-05-15T16:00:00Z');

// Each action through its real decision function, with valid input.
const RUN: Record<ItemAction, (item: Item) => Decision | null> = {
  'report-progress': (i) => reportProgress(i, { percent: 100, note: 'done', evidence: [] }, staff, NOW),
  'request-acceptance': (i) => requestAcceptance(i, {}, staff, NOW),
  'accept-city': (i) => accept(i, { level: 'city' }, supervisor, NOW),
  'accept-province': (i) => accept(i, { level: 'province' }, supervisor, NOW),
  return: (i) => returnItem(i, { reason: 'r' }, supervisor),
  'publish-notice': (i) => publishNotice(i, {}, supervisor, NOW, 7),
  'raise-objection': (i) => raiseObjection(i, { objection: 'o' }, supervisor),
  // `close` is time's: the end of the notice window, through the sweeper's decision.
  close: (i) => {
    transition(i.status, 'close', false); // refused from any state but public-notice
    return onTime(i, AFTER_WINDOW);
  },
  recur: (i) => recur(i, { reason: 'r', deadline: '2026-09-30' }, staff, NOW),
};

const expectedAllowed = (table: typeof CITY_ONLY, status: ItemStatus) =>
  ITEM_ACTIONS.filter((action) => table[status][action] !== undefined);

for (const [flavour, table, source] of [
  ['self-found', CITY_ONLY, 'self-found'],
  ['central-inspection', PROVINCIAL, 'central-inspection'],
] as const) {
  for (const status of ITEM_STATUSES) {
    // A city-only item never reaches city-accepted: its pairs are checked on the provincial flavour.
    if (flavour === 'self-found' && status === 'city-accepted') continue;
    for (const action of ITEM_ACTIONS) {
      const next = table[status][action];
      if (next !== undefined) {
        t.test(`a ${flavour} item that is ${status} may ${action}, and becomes ${next}`, async (t) => {
          const decision = RUN[action](itemIn(status, source as Source));
          t.equal(decision?.state.status, next);
          t.equal(decision?.steps.length, 1, 'one event');
        });
      } else {
        t.test(
          `a ${flavour} item that is ${status} may not ${action}: refused naming the state and what is allowed`,
          async (t) => {
            const error = t.throws(() => RUN[action](itemIn(status, source as Source))) as unknown;
            t.type(error, NotAllowed);
            const refusal = error as NotAllowed;
            t.same(refusal.facts, {
              currentState: status,
              action,
              allowed: expectedAllowed(table, status),
            });
          },
        );
      }
    }
  }
}

t.test('the machine allows exactly the expected actions from every state', async (t) => {
  for (const status of ITEM_STATUSES)
    t.same(allowedActions(status), expectedAllowed(CITY_ONLY, status), status);
});

t.test('acceptance is requested only at 100 % progress (409 with the progress)', async (t) => {
  const item = { ...itemIn('in-progress'), progress: 80 };
  const error = t.throws(() => requestAcceptance(item, {}, staff, NOW)) as unknown as Conflict;
  t.type(error, Conflict);
  t.match(error.facts, { progress: 80, reason: 'progress-incomplete' });
});

t.test('who accepts is recorded at each level, and a return voids every acceptance', async (t) => {
  const city = accept(
    itemIn('acceptance-requested', 'provincial-inspection'),
    { level: 'city', note: '好' },
    supervisor,
    NOW,
  );
  t.same(city.state.acceptances.city, { by: supervisor, at: NOW, note: '好' });
  t.match(city.steps[0]?.fact, {
    name: 'RectificationAccepted',
    facts: { level: 'city', final: false, acceptedBy: supervisor },
  });
  const province = accept(city.state, { level: 'province' }, supervisor, NOW);
  t.match(province.steps[0]?.fact, { facts: { level: 'province', final: true } });
  const returned = returnItem(city.state, { reason: 'r' }, supervisor);
  t.match(returned.steps[0]?.fact, { facts: { level: 'province' } });
  t.same(returned.state.acceptances, { city: null, province: null });
});

t.test('time: overdue fires once before acceptance, never after; the notice closes at its end', async (t) => {
  const due = new Date('2026-06-30T16:00:00Z'); // end of 2026-06-30 in the zone
  const open = itemIn('in-progress');
  t.equal(onTime(open, new Date(due.getTime() - 1)), null, 'not before the end of the day');
  const fired = onTime(open, due);
  t.match(fired?.steps[0]?.fact, {
    name: 'RectificationItemBecameOverdue',
    facts: { dueDate: '2026-06-30' },
  });
  t.equal(onTime(fired?.state as Item, new Date(due.getTime() + 86_400_000)), null, 'once');
  t.equal(onTime(itemIn('accepted'), due), null, 'an accepted item is not late');
  const notice = itemIn('public-notice');
  t.equal(onTime(notice, new Date(AFTER_WINDOW.getTime() - 1)), null);
  t.match(onTime(notice, AFTER_WINDOW), {
    state: { status: 'closed' },
    steps: [{ fact: { name: 'RectificationItemClosed' } }],
  });
});

t.test('a recurrence needs a deadline not yet gone and re-arms overdue', async (t) => {
  const gone = t.throws(() => recur(itemIn('closed'), { reason: 'r', deadline: '2026-05-05' }, staff, NOW));
  t.type(gone, InvalidInput);
  t.match(gone, { fields: [{ pointer: '/deadline' }] });
  const reopened = recur(
    { ...itemIn('closed'), deadlinePassed: true },
    { reason: 'r', deadline: '2026-05-06' },
    staff,
    NOW,
  );
  t.match(reopened.state, {
    status: 'in-progress',
    deadlinePassed: false,
    recurrences: 1,
    progress: 0,
    deadline: '2026-05-06',
  });
});
