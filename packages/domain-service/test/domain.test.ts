import t from 'tap';
import { Conflict, decided, InvalidInput, NotAllowed, stateMachine } from '../src/domain/index.ts';

const acceptance = stateMachine({
  noun: 'item',
  states: ['requested', 'city-accepted', 'accepted'],
  actions: ['accept-city', 'accept-province', 'return'],
  transitions: {
    requested: {
      'accept-city': { 'city-only': 'accepted', provincial: 'city-accepted' },
      return: 'requested',
    },
    'city-accepted': { 'accept-province': 'accepted', return: 'requested' },
    accepted: {},
  },
});

t.test(
  'a state machine leads each allowed action to its state and lists what is allowed, in order',
  async (t) => {
    t.equal(acceptance.transition('city-accepted', 'accept-province'), 'accepted');
    t.strictSame(acceptance.allowed('requested'), ['accept-city', 'return']);
    t.strictSame(acceptance.allowed('accepted'), []);
    t.equal(acceptance.can('requested', 'accept-province'), false);
    t.equal(acceptance.can('requested', 'return'), true);
  },
);

t.test(
  'where the table has variants, the caller’s fact picks one, and a missing fact is a bug',
  async (t) => {
    t.equal(acceptance.transition('requested', 'accept-city', 'city-only'), 'accepted');
    t.equal(acceptance.transition('requested', 'accept-city', 'provincial'), 'city-accepted');
    t.throws(() => acceptance.transition('requested', 'accept-city'), TypeError);
  },
);

t.test(
  'an action the state does not allow is refused with the state, the action and what is allowed',
  async (t) => {
    const error = (() => {
      try {
        acceptance.transition('accepted', 'return');
      } catch (e) {
        return e;
      }
    })();
    t.type(error, NotAllowed);
    t.match(error, {
      currentState: 'accepted',
      action: 'return',
      allowed: [],
      facts: { currentState: 'accepted', action: 'return', allowed: [] },
      message: 'An item that is accepted cannot return; allowed from accepted: nothing (it is final)',
    });
    t.throws(() => acceptance.transition('city-accepted', 'accept-city'), {
      message: /allowed from city-accepted: accept-province, return$/,
    });
  },
);

t.test('domain errors carry what went wrong in domain words, and nothing of HTTP', async (t) => {
  const invalid = new InvalidInput('The deadline is in the past', [
    { pointer: '/deadline', reason: 'must be today or later' },
  ]);
  t.strictSame(invalid.fields, [{ pointer: '/deadline', reason: 'must be today or later' }]);
  t.equal(invalid.name, 'InvalidInput');
  t.notOk('status' in invalid || 'statusCode' in invalid, 'no HTTP status on a domain error');
  t.strictSame(new Conflict('already listed', { listedOn: '2026-03-02' }).facts, { listedOn: '2026-03-02' });
});

t.test('a one-step decision holds the state and the fact that records it', async (t) => {
  const state = { id: 'a', version: 1 };
  t.strictSame(decided(state, { name: 'Made', facts: {} }), {
    state,
    steps: [{ fact: { name: 'Made', facts: {} }, after: state }],
  });
});
