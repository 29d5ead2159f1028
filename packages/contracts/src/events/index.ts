import type { EventFor } from '../define-event.ts';
import { createEventRegistry } from '../registry.ts';
import { debtEvents } from './debt/index.ts';
import { environmentEvents } from './environment.ts';
import { foodDrugEvents } from './food-drug/index.ts';
import { serviceHeartbeat } from './platform.ts';
import { zoneRiskStatusChanged } from './risk.ts';
import { safetyEvents } from './safety.ts';

export * from './debt/index.ts';
export {
  environmentEvents,
  type RectificationItemStateKey,
  rectificationAcceptanceRequested,
  rectificationAccepted,
  rectificationCategory,
  rectificationItemBecameOverdue,
  rectificationItemClosed,
  rectificationItemEvents,
  rectificationItemRecurred,
  rectificationItemRegistered,
  rectificationNoticePublished,
  rectificationObjectionRaised,
  rectificationProgressReported,
  rectificationReturned,
  rectificationSeverity,
  rectificationSource,
  rectificationStatus,
} from './environment.ts';
export * from './food-drug/index.ts';
export { serviceHeartbeat } from './platform.ts';
export { zoneRiskStatusChanged } from './risk.ts';
export {
  determinationBasis,
  type HazardStateKey,
  hazardAccepted,
  hazardBecameOverdue,
  hazardCategory,
  hazardDeadlineExtended,
  hazardEvents,
  hazardEvidenceAdded,
  hazardExtensionRefused,
  hazardExtensionRequested,
  hazardGrade,
  hazardRectificationPlanned,
  hazardRejected,
  hazardReported,
  hazardStatus,
  hazardSubmittedForAcceptance,
  hazardSupervisionListed,
  inspectionEvents,
  inspectionRecorded,
  inspectionType,
  safetyEvents,
} from './safety.ts';

// A domain adds its events in `events/<domain>.ts` and lists them here; the generated schemas,
// the AsyncAPI document and the compatibility test follow from this list.
const definitions = [
  serviceHeartbeat,
  zoneRiskStatusChanged,
  ...safetyEvents,
  ...environmentEvents,
  ...foodDrugEvents,
  ...debtEvents,
] as const;

/** Every registered event definition. */
export type RegisteredDefinition = (typeof definitions)[number];

/** The union of every registered event, discriminated by `type`. */
export type RegisteredEvent = EventFor<RegisteredDefinition>;

/** Every event of the platform, by type. */
export const eventRegistry = createEventRegistry(definitions);
