import type { Inspection } from '../domain/inspection.ts';

/** What InspectionRecorded carries of the inspection: its results and the hazards they raised. */
export function inspectionStateData(inspection: Inspection) {
  return {
    enterprise: inspection.enterprise,
    type: inspection.type,
    date: inspection.date,
    inspectors: inspection.inspectors,
    template: inspection.template,
    counts: inspection.counts,
    failedItems: inspection.results.flatMap((result) =>
      result.hazardId === null
        ? []
        : [{ itemCode: result.itemCode, hazardId: result.hazardId, grade: result.grade ?? 'general' }],
    ),
    recordedAt: inspection.recordedAt.toISOString(),
  };
}
