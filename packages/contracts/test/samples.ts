// Valid raw events of every registered type, as a consumer would read them off Kafka.

export const heartbeat = {
  specversion: '1.0',
  id: '0f8fad5b-d9cb-469f-a165-70867728950e',
  source: '/services/safety',
  type: 'zone.platform.ServiceHeartbeat.v1',
  time: '2024-05-06T08:00:30+08:00',
  subject: 'safety-7f9c',
  datacontenttype: 'application/json',
  zoneid: 'demo-zone',
  aggregatetype: 'service-instance',
  aggregateid: 'safety-7f9c',
  aggregateversion: 3,
  correlationid: 'safety-7f9c',
  data: {
    service: 'safety',
    domain: 'safety',
    instanceId: 'safety-7f9c',
    startedAt: '2024-05-06T08:00:00+08:00',
    sentAt: '2024-05-06T08:00:30+08:00',
    intervalMs: 10_000,
  },
};

export const statusChanged = {
  specversion: '1.0',
  id: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  source: '/services/aggregator',
  type: 'zone.risk.ZoneRiskStatusChanged.v1',
  time: '2024-05-06T09:15:00Z',
  subject: 'demo-zone',
  datacontenttype: 'application/json',
  zoneid: 'demo-zone',
  aggregatetype: 'zone-status',
  aggregateid: 'demo-zone',
  aggregateversion: 42,
  correlationid: 'b1c2d3e4',
  causationid: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
  data: {
    level: 'significant',
    score: 63.5,
    policyVersion: '2024.1',
    domains: {
      safety: {
        level: 'significant',
        score: 71,
        freshness: {
          lastEventAt: '2024-05-06T09:14:58Z',
          lastHeartbeatAt: '2024-05-06T09:14:50Z',
          stale: false,
        },
      },
      debt: {
        level: 'unknown',
        score: null,
        freshness: { lastEventAt: null, lastHeartbeatAt: '2024-05-06T07:00:00Z', stale: true },
      },
    },
    overrides: [
      {
        rule: 'overdue-major-hazard',
        level: 'significant',
        items: [{ domain: 'safety', aggregateType: 'hazard', aggregateId: 'hz-2024-0153' }],
      },
    ],
    causes: ['3f2504e0-4f89-41d3-9a0c-0305e82c3301'],
    asOf: '2024-05-06T09:15:00Z',
  },
};

/** One valid sample per registered event type. */
export const samples: Record<string, Record<string, unknown>> = {
  [heartbeat.type]: heartbeat,
  [statusChanged.type]: statusChanged,
};

/** A deep copy of `value`, so a test may damage it freely. */
export function copy<T>(value: T): T {
  return structuredClone(value);
}
