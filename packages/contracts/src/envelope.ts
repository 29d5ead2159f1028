import { z } from 'zod';
import { isoDateTime, zoneId } from './fields/common.ts';

/** `zone.<domain>.<EventName>.v<version>`, the version counting from 1. */
export const eventTypePattern = /^zone\.[a-z][a-z-]*\.[A-Z][A-Za-z]+\.v[1-9][0-9]*$/;

/**
 * The envelope every event travels in: CloudEvents 1.0 attributes plus our extensions.
 * CloudEvents extension names are lower-case letters and digits only, hence `zoneid`,
 * `aggregateid`, `aggregateversion` and `correlationid`.
 */
export const envelopeAttributes = {
  specversion: z.literal('1.0'),
  id: z.uuid().describe('Unique id of this event; consumers deduplicate on it'),
  source: z
    .string()
    .min(1)
    .describe('URI-reference of the service that produced the event, e.g. /services/safety'),
  type: z
    .string()
    .regex(eventTypePattern, { error: 'event type must look like zone.<domain>.<EventName>.v<version>' })
    .describe('zone.<domain>.<EventName>.v<version>'),
  time: isoDateTime.describe('When the fact happened (RFC 3339)'),
  subject: z.string().min(1).describe('The aggregate the event is about (its id)'),
  datacontenttype: z.literal('application/json'),
  zoneid: zoneId.describe('The development zone the event belongs to'),
  aggregatetype: z.string().min(1).describe('Kind of aggregate, e.g. hazard'),
  aggregateid: z.string().min(1).describe('Id of the aggregate; also the Kafka message key'),
  aggregateversion: z
    .number()
    .int()
    .min(1)
    .describe('Version of the aggregate after this event; increases by one per event'),
  correlationid: z.string().min(1).describe('Id shared by every event caused by one request or process'),
  causationid: z.string().min(1).optional().describe('Id of the event or request that caused this one'),
};

export const envelopeSchema = z.object({ ...envelopeAttributes, data: z.unknown() });

/** An event as it travels: the envelope with a payload whose shape its `type` decides. */
export type Envelope<Data = unknown> = Omit<z.infer<typeof envelopeSchema>, 'data'> & { data: Data };
