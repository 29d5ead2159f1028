import type {
  BusinessStateKey,
  businessEvents,
  CheckStateKey,
  checkEvents,
  DisposalCaseStateKey,
  DrawStateKey,
  disposalCaseEvents,
  drawEvents,
  FactOf,
  SampleStateKey,
  sampleEvents,
} from '@zone-risk/contracts';

// What decisions say happened, in the words of the published contracts: each event's own facts,
// without the state every event of the aggregate carries (events/ adds that from the new state).
export type BusinessFact = FactOf<(typeof businessEvents)[number], BusinessStateKey>;
export type CheckFact = FactOf<(typeof checkEvents)[number], CheckStateKey>;
export type DrawFact = FactOf<(typeof drawEvents)[number], DrawStateKey>;
export type SampleFact = FactOf<(typeof sampleEvents)[number], SampleStateKey>;
export type CaseFact = FactOf<(typeof disposalCaseEvents)[number], DisposalCaseStateKey>;
