import type {
  rectificationAcceptanceRequested,
  rectificationAccepted,
  rectificationItemBecameOverdue,
  rectificationItemClosed,
  rectificationItemRecurred,
  rectificationItemRegistered,
  rectificationNoticePublished,
  rectificationObjectionRaised,
  rectificationProgressReported,
  rectificationReturned,
} from '@zone-risk/contracts';
import type { z } from 'zod';

// What a decision says happened, in the words of the published contract: the event's own facts,
// without the item state every item event also carries (events/ adds that from the new state).

type StateKey =
  | 'source'
  | 'batch'
  | 'code'
  | 'category'
  | 'severity'
  | 'responsibleUnit'
  | 'enterprise'
  | 'status'
  | 'deadline'
  | 'overdue'
  | 'progress'
  | 'recurrences'
  | 'version'
  | 'registeredAt';

type FactsOf<Definition extends { data: z.ZodType }> = Omit<z.input<Definition['data']>, StateKey>;

export type ItemFact =
  | { name: 'RectificationItemRegistered'; facts: FactsOf<typeof rectificationItemRegistered> }
  | { name: 'RectificationProgressReported'; facts: FactsOf<typeof rectificationProgressReported> }
  | { name: 'RectificationAcceptanceRequested'; facts: FactsOf<typeof rectificationAcceptanceRequested> }
  | { name: 'RectificationAccepted'; facts: FactsOf<typeof rectificationAccepted> }
  | { name: 'RectificationReturned'; facts: FactsOf<typeof rectificationReturned> }
  | { name: 'RectificationNoticePublished'; facts: FactsOf<typeof rectificationNoticePublished> }
  | { name: 'RectificationObjectionRaised'; facts: FactsOf<typeof rectificationObjectionRaised> }
  | { name: 'RectificationItemClosed'; facts: FactsOf<typeof rectificationItemClosed> }
  | { name: 'RectificationItemRecurred'; facts: FactsOf<typeof rectificationItemRecurred> }
  | { name: 'RectificationItemBecameOverdue'; facts: FactsOf<typeof rectificationItemBecameOverdue> };

export type ItemFactName = ItemFact['name'];
