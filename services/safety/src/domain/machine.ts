import { hazardStatus } from '@zone-risk/contracts';
import { stateMachine } from '@zone-risk/domain-service/domain';

// The hidden-hazard life cycle (closed loop 排查-登记-整改-验收-销号) as a table: for each state, the
// actions allowed and the state each leads to. Everything else is refused. Overdue is not a
// state: it is a flag derived from time (see hazard.ts) that any open state can carry.

/** The states are the contract's (`hazardStatus`), so the events and the table cannot drift. */
export const HAZARD_STATUSES = hazardStatus.options;
export type HazardStatus = (typeof HAZARD_STATUSES)[number];

export const HAZARD_ACTIONS = [
  'plan',
  'submit',
  'accept',
  'reject',
  'request-extension',
  'approve-extension',
  'refuse-extension',
  'list-supervision',
  'add-evidence',
] as const;
export type HazardAction = (typeof HAZARD_ACTIONS)[number];

export const hazardMachine = stateMachine({
  noun: 'hazard',
  states: HAZARD_STATUSES,
  actions: HAZARD_ACTIONS,
  transitions: {
    reported: {
      plan: 'rectifying',
      'list-supervision': 'reported',
      'add-evidence': 'reported',
    },
    rectifying: {
      // A rejected rectification usually needs a revised plan; it may not move the deadline later.
      plan: 'rectifying',
      submit: 'awaiting-acceptance',
      'request-extension': 'extension-requested',
      'list-supervision': 'rectifying',
      'add-evidence': 'rectifying',
    },
    // The supervisor decides on the extension before anything else moves.
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
    // Closed (销号) is final; evidence is frozen with it.
    closed: {},
  },
});

/** The state `action` leads to from `status`. @throws NotAllowed */
export const transition = (status: HazardStatus, action: HazardAction): HazardStatus =>
  hazardMachine.transition(status, action);

/** The actions allowed from `status`, in the order of HAZARD_ACTIONS. */
export const allowedActions = (status: HazardStatus): HazardAction[] => hazardMachine.allowed(status);

/**
 * The actions a client may offer for this hazard: what the state allows, less what the hazard's
 * own facts rule out (supervision needs a major hazard not yet listed).
 */
export function availableActions(hazard: {
  status: HazardStatus;
  grade: string;
  supervised: boolean;
}): HazardAction[] {
  return allowedActions(hazard.status).filter(
    (action) => action !== 'list-supervision' || (hazard.grade === 'major' && !hazard.supervised),
  );
}
