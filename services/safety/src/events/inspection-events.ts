import { inspectionRecorded } from '@zone-risk/contracts';
import type { EventCause } from '@zone-risk/domain-service';
import type { Inspection } from '../data/inspections.ts';
import { SOURCE } from './context.ts';

export function inspectionRecordedEvent(inspection: Inspection, ctx: EventCause) {
  return inspectionRecorded.create({
    source: SOURCE,
    zoneid: ctx.zoneId,
    aggregateid: inspection.id,
    aggregateversion: 1,
    correlationid: ctx.correlationId,
    time: ctx.time,
    data: {
      enterprise: inspection.enterprise,
      type: inspection.type,
      date: inspection.date,
      inspectors: inspection.inspectors,
      template: inspection.template,
      counts: inspection.counts,
      failedItems: inspection.results.flatMap((result) =>
        result.hazardId === null
          ? []
          : [
              {
                itemCode: result.itemCode,
                hazardId: result.hazardId,
                grade: result.grade ?? 'general',
              },
            ],
      ),
      recordedBy: inspection.recordedBy,
      recordedAt: inspection.recordedAt.toISOString(),
    },
  });
}
