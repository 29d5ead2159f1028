import { type EventFor, zoneRiskStatusChanged } from '@zone-risk/contracts';
import type { StatusRecord } from '../data/history.ts';

export type ZoneRiskStatusChangedEvent = EventFor<typeof zoneRiskStatusChanged>;

/**
 * ZoneRiskStatusChanged for a recorded change. The aggregate is the zone status: its version is
 * the status sequence, so consumers order and deduplicate by it like any other aggregate.
 */
export function statusChangedEvent(zoneId: string, record: StatusRecord): ZoneRiskStatusChangedEvent {
  const { status } = record;
  const first = record.causes[0]?.id;
  return zoneRiskStatusChanged.create({
    source: '/services/aggregator',
    zoneid: zoneId,
    aggregateid: zoneId,
    aggregateversion: record.sequence,
    correlationid: first ?? `zone-status-${record.sequence}`,
    ...(first ? { causationid: first } : {}),
    time: status.asOf,
    data: {
      level: status.level,
      score: status.score,
      policyVersion: status.policyVersion,
      domains: Object.fromEntries(
        Object.entries(status.domains).map(([name, domain]) => [
          name,
          { level: domain.level, score: domain.score, freshness: domain.freshness },
        ]),
      ),
      overrides: status.overrides.map((o) => ({ rule: o.rule, level: o.level, items: o.items })),
      causes: record.causes.map((cause) => cause.id),
      asOf: status.asOf,
    },
  });
}
