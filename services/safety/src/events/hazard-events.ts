import { derive, type Hazard } from '../domain/hazard.ts';

/** The state every hazard event carries, so the aggregator needs nothing else to rate the risk. */
export function hazardStateData(hazard: Hazard, version: number) {
  return {
    enterprise: hazard.enterprise,
    grade: hazard.grade,
    category: hazard.category,
    status: hazard.status,
    deadline: hazard.deadline,
    supervised: hazard.supervision !== null,
    supervisionDeadline: hazard.supervision?.deadline ?? null,
    overdue: derive(hazard).overdue,
    version,
    inspectionId: hazard.inspectionId,
    reportedAt: hazard.reportedAt.toISOString(),
  };
}
