import type { Envelope } from '@zone-risk/contracts';
import type { Message } from 'kafkajs';

/**
 * The Kafka message for an event: key = aggregate id (one aggregate, one partition, in order),
 * value = the JSON envelope, and CloudEvents "binary mode" headers so a consumer can route or
 * drop a message by type without parsing its value.
 */
export function eventMessage(event: Envelope): Message {
  return {
    key: event.aggregateid,
    value: JSON.stringify(event),
    headers: {
      ce_type: event.type,
      ce_id: event.id,
      ce_source: event.source,
      ce_specversion: event.specversion,
      'content-type': 'application/json',
    },
  };
}
