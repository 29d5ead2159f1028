import { rectificationStatus } from '@zone-risk/contracts';
import { stateMachine } from '@zone-risk/domain-service/domain';

// The rectification item life cycle (拉条挂账 → 督办落实 → 办结销号) as a table: for each state, the
// actions allowed and the state each leads to. Everything else is refused. Overdue is not a
// state: it is a flag derived from time that every state before acceptance can carry.

/** The states are the contract's (`rectificationStatus`), so the events and the table cannot drift. */
export const ITEM_STATUSES = rectificationStatus.options;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const ITEM_ACTIONS = [
  'report-progress',
  'request-acceptance',
  'accept-city',
  'accept-province',
  'return',
  'publish-notice',
  'raise-objection',
  'close',
  'recur',
] as const;
export type ItemAction = (typeof ITEM_ACTIONS)[number];

/**
 * A city acceptance ends acceptance, unless the province must accept too (central and provincial
 * inspections): the two variants of `accept-city`.
 */
export type AcceptanceLevels = 'city-only' | 'provincial';

export const itemMachine = stateMachine({
  noun: 'item',
  states: ITEM_STATUSES,
  actions: ITEM_ACTIONS,
  transitions: {
    pending: { 'report-progress': 'in-progress' },
    'in-progress': { 'report-progress': 'in-progress', 'request-acceptance': 'acceptance-requested' },
    'acceptance-requested': {
      'accept-city': { 'city-only': 'accepted', provincial: 'city-accepted' },
      return: 'in-progress',
    },
    'city-accepted': { 'accept-province': 'accepted', return: 'in-progress' },
    accepted: { 'publish-notice': 'public-notice' },
    // An objection sends the item back; the end of the window (the sweeper) closes it.
    'public-notice': { 'raise-objection': 'in-progress', close: 'closed' },
    // 反弹: a closed item reopens.
    closed: { recur: 'in-progress' },
  },
});

/** The actions allowed from `status`, in the order of ITEM_ACTIONS. */
export const allowedActions = (status: ItemStatus): ItemAction[] => itemMachine.allowed(status);

/** The state `action` leads to from `status`. @throws NotAllowed */
export function transition(status: ItemStatus, action: ItemAction, provincial: boolean): ItemStatus {
  return itemMachine.transition(status, action, provincial ? 'provincial' : 'city-only');
}
