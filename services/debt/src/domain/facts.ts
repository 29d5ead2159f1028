import type {
  DebtIndicatorsStateKey,
  DebtInstrumentStateKey,
  DebtTaskStateKey,
  debtIndicatorsEvents,
  debtInstrumentEvents,
  debtTaskEvents,
  FactOf,
  FiscalCapacityStateKey,
  fiscalCapacityEvents,
} from '@zone-risk/contracts';
import type { Decision } from '@zone-risk/domain-service/domain';

// What decisions say happened, in the words of the published contracts: each event's own facts,
// without the state every event of the aggregate carries (events/ adds that from the new state).
export type InstrumentFact = FactOf<(typeof debtInstrumentEvents)[number], DebtInstrumentStateKey>;
export type TaskFact = FactOf<(typeof debtTaskEvents)[number], DebtTaskStateKey>;
export type CapacityFact = FactOf<(typeof fiscalCapacityEvents)[number], FiscalCapacityStateKey>;
export type IndicatorsFact = FactOf<(typeof debtIndicatorsEvents)[number], DebtIndicatorsStateKey>;

/** A decision of several facts in order, each event carrying the state after them all. */
export function decidedAll<State, Fact>(state: State, facts: readonly Fact[]): Decision<State, Fact> {
  return { state, steps: facts.map((fact) => ({ fact, after: state })) };
}
