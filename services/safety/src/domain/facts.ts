import type { FactOf, HazardStateKey, hazardEvents } from '@zone-risk/contracts';

// What a decision says happened, in the words of the published contract: the event's own facts,
// without the hazard state every hazard event also carries (events/ adds that from the new state).
export type HazardFact = FactOf<(typeof hazardEvents)[number], HazardStateKey>;
export type HazardFactName = HazardFact['name'];
