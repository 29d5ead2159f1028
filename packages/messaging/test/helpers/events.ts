import { createEventRegistry, defineEvent, type EventFor, topics } from '@zone-risk/contracts';
import { z } from 'zod';

/** A test-only event: a "thing" aggregate whose changes carry a sequence number. */
export const thingChanged = defineEvent({
  domain: 'test',
  name: 'ThingChanged',
  version: 1,
  aggregateType: 'thing',
  topic: topics.safety,
  description: 'A test aggregate changed',
  data: z.object({ seq: z.int(), note: z.string().optional() }),
});

export type ThingChanged = EventFor<typeof thingChanged>;

export const testRegistry = createEventRegistry([thingChanged]);

export function thingEvent(aggregateId: string, version: number, note?: string): ThingChanged {
  return thingChanged.create({
    source: '/test/messaging',
    zoneid: 'test-zone',
    aggregateid: aggregateId,
    aggregateversion: version,
    correlationid: `test-${aggregateId}`,
    data: note === undefined ? { seq: version } : { seq: version, note },
  });
}

/** Events `from`..`to` (aggregate versions) of one aggregate. */
export function thingEvents(aggregateId: string, from: number, to: number): ThingChanged[] {
  const events: ThingChanged[] = [];
  for (let version = from; version <= to; version++) events.push(thingEvent(aggregateId, version));
  return events;
}
