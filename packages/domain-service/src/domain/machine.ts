import { NotAllowed } from './errors.ts';

/**
 * Where an action leads: one state, or one per variant when a fact of the aggregate decides (a
 * city acceptance ends acceptance, unless the province must accept too).
 */
export type Target<State extends string> = State | Readonly<Record<string, State>>;

export interface MachineSpec<State extends string, Action extends string> {
  /** How a refusal names the aggregate: "A hazard that is closed cannot plan". */
  noun: string;
  /** Every state, in order. */
  states: readonly State[];
  /** Every action, in the order `allowed` lists them. */
  actions: readonly Action[];
  /** For each state, the actions allowed and where each leads; everything else is refused. */
  transitions: Readonly<Record<State, Partial<Record<Action, Target<State>>>>>;
}

export interface StateMachine<State extends string, Action extends string> {
  readonly noun: string;
  readonly states: readonly State[];
  readonly actions: readonly Action[];
  /** The actions allowed from `state`, in the order of `actions`. */
  allowed(state: State): Action[];
  can(state: State, action: Action): boolean;
  /**
   * The state `action` leads to from `state`; `variant` picks one where the table has several.
   * @throws NotAllowed (with `currentState`, `action`, `allowed`) when the table has no entry.
   */
  transition(state: State, action: Action, variant?: string): State;
}

/** A life cycle as a table: state × action → state. */
export function stateMachine<const State extends string, const Action extends string>(
  spec: MachineSpec<State, Action>,
): StateMachine<State, Action> {
  const allowed = (state: State): Action[] =>
    spec.actions.filter((action) => spec.transitions[state][action] !== undefined);
  return {
    noun: spec.noun,
    states: spec.states,
    actions: spec.actions,
    allowed,
    can: (state, action) => spec.transitions[state][action] !== undefined,
    transition(state, action, variant) {
      const target = spec.transitions[state][action];
      if (target === undefined) throw new NotAllowed(spec.noun, state, action, allowed(state));
      if (typeof target === 'string') return target as State;
      const chosen = variant === undefined ? undefined : target[variant];
      if (chosen === undefined) {
        throw new TypeError(
          `${spec.noun} ${state} --${action}--> needs one of the variants ${Object.keys(target).join(', ')}`,
        );
      }
      return chosen;
    },
  };
}
