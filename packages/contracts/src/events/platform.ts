import { z } from 'zod';
import { defineEvent } from '../define-event.ts';
import { isoDateTime } from '../fields/common.ts';
import { topics } from '../topics.ts';

/**
 * Sent by every running service instance on the topic of the domain it serves, every
 * `intervalMs`. The aggregator marks a domain `unknown` when neither an event nor a heartbeat
 * arrived within its staleness window, so a quiet domain is told from a dead one. The aggregate
 * is the service instance: `aggregateid` is `instanceId`, `aggregateversion` counts its beats.
 */
export const serviceHeartbeat = defineEvent({
  domain: 'platform',
  name: 'ServiceHeartbeat',
  version: 1,
  aggregateType: 'service-instance',
  topic: Object.values(topics),
  description: 'A service instance is alive and publishing for its domain',
  data: z.object({
    service: z.string().min(1).describe('Name of the service, e.g. safety'),
    domain: z
      .string()
      .regex(/^[a-z][a-z-]*$/)
      .describe('Domain whose topic this heartbeat is published on, e.g. safety or food-drug'),
    instanceId: z.string().min(1).describe('Id of this running instance; also the aggregate id'),
    startedAt: isoDateTime.describe('When this instance started'),
    sentAt: isoDateTime.describe('When this heartbeat was sent'),
    intervalMs: z.int().min(1).describe('Milliseconds until the next heartbeat is due'),
  }),
});
