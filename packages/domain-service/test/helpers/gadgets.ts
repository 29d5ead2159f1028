import { defineEvent, type FactOf, personRef, topics } from '@zone-risk/contracts';
import { commit, insertNew } from '@zone-risk/messaging';
import type { mongo } from 'mongoose';
import { z } from 'zod';
import {
  type AggregateKind,
  aggregateWriter,
  eventRecorder,
  type TimelineEntry,
  type WriteContext,
} from '../../src/index.ts';

// A test-only aggregate: a gadget is built, then tuned up and down. Its events carry its state, as
// the domains' do, and its decisions are pure functions, as in a service's domain/.

const gadgetState = {
  level: z.int().min(0).describe('Current level'),
  status: z.enum(['built', 'tuned']).describe('Where it is'),
  version: z.int().min(1).describe('Version after the event'),
};

const gadgetEvent = <Name extends string, Facts extends z.ZodRawShape>(name: Name, facts: Facts) =>
  defineEvent({
    domain: 'test',
    name,
    version: 1,
    aggregateType: 'gadget',
    topic: topics.safety,
    description: `A test gadget: ${name}`,
    data: z.object({ ...gadgetState, ...facts }),
  });

export const gadgetBuilt = gadgetEvent('GadgetBuilt', { label: z.string().min(1), builtBy: personRef });
export const gadgetTuned = gadgetEvent('GadgetTuned', { step: z.int(), tunedBy: personRef });
export const gadgetEvents = [gadgetBuilt, gadgetTuned] as const;

export type GadgetFact = FactOf<(typeof gadgetEvents)[number], keyof typeof gadgetState>;

export interface Person {
  id: string;
  name?: string;
}

export interface Gadget {
  id: string;
  label: string;
  level: number;
  status: 'built' | 'tuned';
  version: number;
}

export interface Decision {
  gadget: Gadget;
  steps: { fact: GadgetFact; after: Gadget }[];
}

export function build(id: string, label: string, by: Person): Decision {
  const gadget: Gadget = { id, label, level: 0, status: 'built', version: 0 };
  return { gadget, steps: [{ fact: { name: 'GadgetBuilt', facts: { label, builtBy: by } }, after: gadget }] };
}

/** One step per unit, so a decision can publish several events. */
export function tune(gadget: Gadget, by: number, tuner: Person): Decision {
  const steps: Decision['steps'] = [];
  let after = gadget;
  for (let i = 0; i < Math.abs(by); i++) {
    after = { ...after, level: after.level + Math.sign(by), status: 'tuned' };
    steps.push({ fact: { name: 'GadgetTuned', facts: { step: Math.sign(by), tunedBy: tuner } }, after });
  }
  return { gadget: after, steps };
}

export const gadgetRecorder = eventRecorder({
  source: '/test/domain-service',
  definitions: gadgetEvents,
  stateData: (gadget: Gadget, version: number) => ({
    level: gadget.level,
    status: gadget.status,
    version,
  }),
});

export interface GadgetDocument {
  _id: string;
  _version: number;
  label: string;
  level: number;
  status: Gadget['status'];
  history: TimelineEntry<Person>[];
}

export interface GadgetContext extends WriteContext {
  gadgets: mongo.Collection;
}

function toGadget(doc: GadgetDocument): Gadget {
  return { id: doc._id, label: doc.label, level: doc.level, status: doc.status, version: doc._version };
}

export const gadgetKind: AggregateKind<GadgetContext, Gadget, Decision, GadgetFact['name'], Person> = {
  noun: 'Gadget',
  notFound: (id) => `Gadget ${id} does not exist`,
  recorder: gadgetRecorder,
  stateOf: (decision) => decision.gadget,
  load: async (ctx, id) => {
    const doc = await ctx.gadgets.findOne({ _id: id as never });
    return doc ? toGadget(doc as unknown as GadgetDocument) : null;
  },
  insert: async (ctx, gadget, { events, history }) => {
    const { id, version: _version, ...state } = gadget;
    await insertNew(ctx.gadgets, { _id: id, ...state, history }, events);
  },
  commit: async (ctx, expectedVersion, gadget, { events, history }) => {
    const { id, version: _version, ...state } = gadget;
    await commit(ctx.gadgets, {
      id,
      expectedVersion,
      set: state,
      push: { history: { $each: history } },
      events,
    });
  },
};

export const gadgetWriter = aggregateWriter(gadgetKind);
