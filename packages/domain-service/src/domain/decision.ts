/** One fact a decision publishes, and the aggregate's state right after it. */
export interface Step<Fact, State> {
  fact: Fact;
  after: State;
}

/**
 * What a command decided: the aggregate after it and the facts to publish, in order. Every event
 * carries the state after its step, so a consumer needs nothing else.
 */
export interface Decision<State, Fact> {
  state: State;
  steps: Step<Fact, State>[];
}

/** A decision of one step: the new state and the fact that records it. */
export function decided<State, Fact>(state: State, fact: Fact): Decision<State, Fact> {
  return { state, steps: [{ fact, after: state }] };
}
