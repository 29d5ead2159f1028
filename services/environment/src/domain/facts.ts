import type { FactOf, RectificationItemStateKey, rectificationItemEvents } from '@zone-risk/contracts';

// What a decision says happened, in the words of the published contract: the event's own facts,
// without the item state every item event also carries (events/ adds that from the new state).
export type ItemFact = FactOf<(typeof rectificationItemEvents)[number], RectificationItemStateKey>;
export type ItemFactName = ItemFact['name'];
