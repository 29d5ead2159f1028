import { z } from 'zod';
import { defineEvent } from '../define-event.ts';
import { isoDateTime } from '../fields/common.ts';
import { knownRiskLevel, riskLevel } from '../fields/risk-level.ts';
import { topics } from '../topics.ts';

const score = z.number().min(0).max(100);

const domainStatus = z
  .object({
    level: riskLevel.describe('The domain level; unknown exactly when its data is stale'),
    score: score.nullable().describe('0-100; null when the level is unknown'),
    freshness: z
      .object({
        lastEventAt: isoDateTime.nullable().describe('Time of the last event read from the domain'),
        lastHeartbeatAt: isoDateTime.nullable().describe('Time of the last heartbeat from the domain'),
        stale: z.boolean().describe('Nothing arrived within the policy staleness window'),
      })
      .describe('How current the data behind the level is'),
  })
  .superRefine((status, ctx) => {
    if ((status.level === 'unknown') !== status.freshness.stale) {
      ctx.addIssue({
        code: 'custom',
        path: ['level'],
        message: 'level must be unknown exactly when the domain is stale',
      });
    }
    if ((status.level === 'unknown') !== (status.score === null)) {
      ctx.addIssue({
        code: 'custom',
        path: ['score'],
        message: 'score must be null exactly when the level is unknown',
      });
    }
  });

const itemRef = z
  .object({
    domain: z
      .string()
      .regex(/^[a-z][a-z-]*$/)
      .describe('Domain that owns the item'),
    aggregateType: z.string().min(1).describe('Kind of item, e.g. hazard'),
    aggregateId: z.string().min(1).describe('Id of the item'),
  })
  .describe('An item that triggered a rule, for the drill-down');

/**
 * Published by the aggregator each time the zone-wide status changes, with what caused it, so
 * "why is the zone orange?" is answered from the event alone. The aggregate is the zone status:
 * `aggregateid` is the zone id.
 */
export const zoneRiskStatusChanged = defineEvent({
  domain: 'risk',
  name: 'ZoneRiskStatusChanged',
  version: 1,
  aggregateType: 'zone-status',
  topic: topics.riskStatus,
  description: 'The zone-wide risk status changed',
  data: z
    .object({
      level: riskLevel.describe('Zone level: the worst domain level, raised by overrides'),
      score: score
        .nullable()
        .describe('Zone score 0-100, drives the trend line; null when the level is unknown'),
      policyVersion: z.string().min(1).describe('Version of the risk policy that produced this status'),
      domains: z
        .record(z.string().regex(/^[a-z][a-z-]*$/), domainStatus)
        .describe('Status of each domain, keyed by domain name'),
      overrides: z
        .array(
          z.object({
            rule: z.string().min(1).describe('Id of the policy override rule that fired'),
            level: knownRiskLevel.describe('Level the rule lifts the zone to, at least'),
            items: z.array(itemRef).min(1).describe('The items that made the rule fire'),
          }),
        )
        .describe('Hard overrides that fired'),
      causes: z
        .array(z.uuid())
        .describe(
          'Ids of the events that caused the change; empty when time alone did (a deadline or staleness window passed)',
        ),
      asOf: isoDateTime.describe('The instant the status describes'),
    })
    .superRefine((status, ctx) => {
      if ((status.level === 'unknown') !== (status.score === null)) {
        ctx.addIssue({
          code: 'custom',
          path: ['score'],
          message: 'score must be null exactly when the level is unknown',
        });
      }
    }),
});
