import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export interface AggregatorMetrics {
  items: Gauge<'domain' | 'state'>;
  statusChanges: Counter<'trigger'>;
  snapshotSeconds: Histogram;
  sseClients: Gauge;
  applied: Counter<'kind'>;
  skipped: Counter<'domain'>;
}

/** The aggregator's own metrics, beside the messaging package's consumer metrics. */
export function createAggregatorMetrics(
  registry: Registry,
  counts: () => Map<string, { open: number; all: number }>,
): AggregatorMetrics {
  const registers = [registry];
  return {
    items: new Gauge({
      name: 'aggregator_items',
      help: 'Items held in the read model, by domain and state (open, closed)',
      labelNames: ['domain', 'state'],
      registers,
      collect() {
        this.reset();
        for (const [domain, count] of counts()) {
          this.set({ domain, state: 'open' }, count.open);
          this.set({ domain, state: 'closed' }, count.all - count.open);
        }
      },
    }),
    statusChanges: new Counter({
      name: 'aggregator_status_changes_total',
      help: 'Zone status changes recorded, by what triggered them (events, time, policy)',
      labelNames: ['trigger'],
      registers,
    }),
    snapshotSeconds: new Histogram({
      name: 'aggregator_snapshot_duration_seconds',
      help: 'Time to capture and store one snapshot of the read model',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    sseClients: new Gauge({ name: 'aggregator_sse_clients', help: 'Open /stream connections', registers }),
    applied: new Counter({
      name: 'aggregator_facts_total',
      help: 'Events read, by what they were to the read model (item, heartbeat, activity, duplicate, ignored)',
      labelNames: ['kind'],
      registers,
    }),
    skipped: new Counter({
      name: 'aggregator_skipped_events_total',
      help: 'Events of a type the contracts do not know, of a domain the active policy does not list: neither applied nor dead-lettered, by domain',
      labelNames: ['domain'],
      registers,
    }),
  };
}
