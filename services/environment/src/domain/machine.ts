import { rectificationStatus } from '@zone-risk/contracts';
import { ConflictError } from '@zone-risk/platform';

// The rectification item life cycle (拉条挂账 → 督办落实 → 办结销号) as a table: for each state, the
// actions allowed and the state each leads to. Everything else is forbidden. Overdue is not a
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

/** A city acceptance ends acceptance, unless the province must accept too (central and provincial inspections). */
interface ByAcceptanceLevels {
  cityOnly: ItemStatus;
  provincial: ItemStatus;
}

const TRANSITIONS: Readonly<
  Record<ItemStatus, Partial<Record<ItemAction, ItemStatus | ByAcceptanceLevels>>>
> = {
  pending: { 'report-progress': 'in-progress' },
  'in-progress': { 'report-progress': 'in-progress', 'request-acceptance': 'acceptance-requested' },
  'acceptance-requested': {
    'accept-city': { cityOnly: 'accepted', provincial: 'city-accepted' },
    return: 'in-progress',
  },
  'city-accepted': { 'accept-province': 'accepted', return: 'in-progress' },
  accepted: { 'publish-notice': 'public-notice' },
  // An objection sends the item back; the end of the window (the sweeper) closes it.
  'public-notice': { 'raise-objection': 'in-progress', close: 'closed' },
  // 反弹: a closed item reopens.
  closed: { recur: 'in-progress' },
};

/** The actions allowed from `status`, in the order of ITEM_ACTIONS. */
export function allowedActions(status: ItemStatus): ItemAction[] {
  return ITEM_ACTIONS.filter((action) => TRANSITIONS[status][action] !== undefined);
}

/** A forbidden transition: 409 with the current state and what is allowed from it. */
export class TransitionNotAllowedError extends ConflictError {
  constructor(status: ItemStatus, action: ItemAction) {
    const allowed = allowedActions(status);
    super(
      `An item that is ${status} cannot ${action}; allowed from ${status}: ${allowed.length > 0 ? allowed.join(', ') : 'nothing'}`,
      { currentState: status, action, allowed },
    );
  }
}

/** The state `action` leads to from `status`. @throws TransitionNotAllowedError */
export function transition(status: ItemStatus, action: ItemAction, provincial: boolean): ItemStatus {
  const next = TRANSITIONS[status][action];
  if (next === undefined) throw new TransitionNotAllowedError(status, action);
  if (typeof next === 'string') return next;
  return provincial ? next.provincial : next.cityOnly;
}
