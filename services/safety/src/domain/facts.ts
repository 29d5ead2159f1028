import type {
  hazardAccepted,
  hazardBecameOverdue,
  hazardDeadlineExtended,
  hazardEvidenceAdded,
  hazardExtensionRefused,
  hazardExtensionRequested,
  hazardRectificationPlanned,
  hazardRejected,
  hazardReported,
  hazardSubmittedForAcceptance,
  hazardSupervisionListed,
} from '@zone-risk/contracts';
import type { z } from 'zod';

// What a decision says happened, in the words of the published contract: the event's own facts,
// without the hazard state every hazard event also carries (events/ adds that from the new state).

type StateKey =
  | 'enterprise'
  | 'grade'
  | 'category'
  | 'status'
  | 'deadline'
  | 'supervised'
  | 'supervisionDeadline'
  | 'overdue'
  | 'version'
  | 'inspectionId'
  | 'reportedAt';

type FactsOf<Definition extends { data: z.ZodType }> = Omit<z.input<Definition['data']>, StateKey>;

export type HazardFact =
  | { name: 'HazardReported'; facts: FactsOf<typeof hazardReported> }
  | { name: 'HazardRectificationPlanned'; facts: FactsOf<typeof hazardRectificationPlanned> }
  | { name: 'HazardSubmittedForAcceptance'; facts: FactsOf<typeof hazardSubmittedForAcceptance> }
  | { name: 'HazardAccepted'; facts: FactsOf<typeof hazardAccepted> }
  | { name: 'HazardRejected'; facts: FactsOf<typeof hazardRejected> }
  | { name: 'HazardExtensionRequested'; facts: FactsOf<typeof hazardExtensionRequested> }
  | { name: 'HazardDeadlineExtended'; facts: FactsOf<typeof hazardDeadlineExtended> }
  | { name: 'HazardExtensionRefused'; facts: FactsOf<typeof hazardExtensionRefused> }
  | { name: 'HazardSupervisionListed'; facts: FactsOf<typeof hazardSupervisionListed> }
  | { name: 'HazardBecameOverdue'; facts: FactsOf<typeof hazardBecameOverdue> }
  | { name: 'HazardEvidenceAdded'; facts: FactsOf<typeof hazardEvidenceAdded> };

export type HazardFactName = HazardFact['name'];
