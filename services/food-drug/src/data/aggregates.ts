import { endOfZoneDay } from '@zone-risk/calendar';
import {
  businessEvents,
  checkEvents,
  disposalCaseEvents,
  drawEvents,
  sampleEvents,
} from '@zone-risk/contracts';
import { defineAggregate } from '@zone-risk/domain-service';
import { z } from 'zod';
import { type Business, businessState } from '../domain/business.ts';
import { nextDueAt } from '../domain/business-decisions.ts';
import { type Check, checkArmed, checkState } from '../domain/check.ts';
import { caseArmed, caseState, type DisposalCase } from '../domain/disposal-case.ts';
import { drawState } from '../domain/draw-aggregate.ts';
import { sampleState } from '../domain/sample.ts';
import {
  businessStateData,
  caseStateData,
  checkStateData,
  drawStateData,
  sampleStateData,
} from '../events/state-data.ts';

// The service's aggregates: each a collection whose documents hold state, timeline and outbox.
// Derived fields make the hot filters top-level equalities (the only ones FerretDB pushes down).

const source = '/services/food-drug';

export const businesses = defineAggregate({
  type: 'food-drug-business',
  noun: 'Business',
  collection: 'businesses',
  state: businessState,
  derived: {
    schema: z.object({
      ruleSetVersion: z.int(),
      behindFrom: z.string().nullable(),
      timerArmed: z.boolean(),
      nextDueAt: z.date().nullable(),
    }),
    of: (b: Business) => ({
      ruleSetVersion: b.trace.ruleSetVersion,
      behindFrom: b.standing.behindFrom,
      // Every business has a period that ends: its timer is always armed.
      timerArmed: true,
      nextDueAt: nextDueAt(b),
    }),
  },
  indexes: ['grade', 'kind', 'area', 'checkOverdue', 'seriousViolation', 'ruleSetVersion'],
  timer: { armed: 'timerArmed' },
  events: { source, definitions: businessEvents, stateData: businessStateData },
  notFound: (code) => `Business ${code} is not on the register`,
});

export const checks = defineAggregate({
  type: 'food-drug-check',
  noun: 'Check',
  collection: 'checks',
  state: checkState,
  derived: {
    schema: z.object({ businessCode: z.string(), timerArmed: z.boolean(), nextDueAt: z.date().nullable() }),
    of: (c: Check) => ({
      businessCode: c.business.creditCode,
      timerArmed: checkArmed(c),
      nextDueAt: checkArmed(c) && c.followUpDeadline !== null ? endOfZoneDay(c.followUpDeadline) : null,
    }),
  },
  indexes: ['businessCode', 'status', 'type', 'drawId'],
  timer: { armed: 'timerArmed' },
  events: { source, definitions: checkEvents, stateData: checkStateData },
});

export const draws = defineAggregate({
  type: 'food-drug-draw',
  noun: 'Draw',
  collection: 'draws',
  state: drawState,
  indexes: ['status'],
  events: { source, definitions: drawEvents, stateData: drawStateData },
});

export const samples = defineAggregate({
  type: 'food-drug-sample',
  noun: 'Sample',
  collection: 'samples',
  state: sampleState,
  derived: {
    schema: z.object({ businessCode: z.string() }),
    of: (s) => ({ businessCode: s.business.creditCode }),
  },
  indexes: ['businessCode', 'verdict'],
  events: { source, definitions: sampleEvents, stateData: sampleStateData },
});

export const disposalCases = defineAggregate({
  type: 'disposal-case',
  noun: 'Disposal case',
  collection: 'disposal_cases',
  state: caseState,
  derived: {
    schema: z.object({ businessCode: z.string(), timerArmed: z.boolean(), nextDueAt: z.date().nullable() }),
    of: (c: DisposalCase) => ({
      businessCode: c.business.creditCode,
      timerArmed: caseArmed(c),
      nextDueAt: caseArmed(c) ? endOfZoneDay(c.deadline) : null,
    }),
  },
  indexes: ['businessCode', 'status', 'overdue'],
  timer: { armed: 'timerArmed' },
  events: { source, definitions: disposalCaseEvents, stateData: caseStateData },
});

export const foodDrugAggregates = { businesses, checks, draws, samples, disposalCases };
export type FoodDrugAggregates = typeof foodDrugAggregates;
