import { ManualClock } from '@zone-risk/calendar';
import { defineEvent, type FactOf, type PersonRef, personRef, topics } from '@zone-risk/contracts';
import { useTestDatabase } from '@zone-risk/testkit';
import type { Connection } from 'mongoose';
import type { Test } from 'tap';
import { z } from 'zod';
import { type Decision, decided, defineAggregate, stateMachine, type WriteContext } from '../../src/index.ts';

// A test-only aggregate, declared as a service declares its own: a gadget is built, then tuned up
// and down, and can be retired. Its events carry its state, as the domains' do, and its decisions
// are pure functions, as in a service's domain/.

const gadgetEventState = {
  level: z.int().min(0).describe('Current level'),
  status: z.enum(['built', 'tuned', 'retired']).describe('Where it is'),
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
    data: z.object({ ...gadgetEventState, ...facts }),
  });

export const gadgetBuilt = gadgetEvent('GadgetBuilt', { label: z.string().min(1), builtBy: personRef });
export const gadgetTuned = gadgetEvent('GadgetTuned', { step: z.int(), tunedBy: personRef });
export const gadgetRetired = gadgetEvent('GadgetRetired', { reason: z.string(), retiredBy: personRef });
export const gadgetEvents = [gadgetBuilt, gadgetTuned, gadgetRetired] as const;

export type GadgetFact = FactOf<(typeof gadgetEvents)[number], keyof typeof gadgetEventState>;

export const gadgetState = z.object({
  id: z.string(),
  label: z.string(),
  level: z.int(),
  status: z.enum(['built', 'tuned', 'retired']),
  /** When it must be looked at again; the sweeper tunes it down then. */
  checkAt: z.date().nullable().default(null),
  /** What its owner calls it, if anything. */
  nickname: z.string().optional(),
  version: z.int(),
});
export type Gadget = z.infer<typeof gadgetState>;

export const gadgetMachine = stateMachine({
  noun: 'gadget',
  states: ['built', 'tuned', 'retired'],
  actions: ['tune', 'retire'],
  transitions: {
    built: { tune: 'tuned', retire: 'retired' },
    tuned: { tune: 'tuned', retire: 'retired' },
    retired: {},
  },
});

export type GadgetDecision = Decision<Gadget, GadgetFact>;

export function build(id: string, label: string, by: PersonRef, checkAt: Date | null = null): GadgetDecision {
  const gadget: Gadget = { id, label, level: 0, status: 'built', checkAt, version: 0 };
  return decided(gadget, { name: 'GadgetBuilt', facts: { label, builtBy: by } });
}

/** One step per unit, so a decision can publish several events. */
export function tune(gadget: Gadget, by: number, tuner: PersonRef): GadgetDecision {
  const status = gadgetMachine.transition(gadget.status, 'tune');
  const steps: GadgetDecision['steps'] = [];
  let after = gadget;
  for (let i = 0; i < Math.abs(by); i++) {
    after = { ...after, level: after.level + Math.sign(by), status };
    steps.push({ fact: { name: 'GadgetTuned', facts: { step: Math.sign(by), tunedBy: tuner } }, after });
  }
  return { state: after, steps };
}

export function retire(gadget: Gadget, input: { reason: string }, actor: PersonRef): GadgetDecision {
  const status = gadgetMachine.transition(gadget.status, 'retire');
  return decided(
    { ...gadget, status, checkAt: null },
    { name: 'GadgetRetired', facts: { reason: input.reason, retiredBy: actor } },
  );
}

/** Time's decision: a gadget whose check is due is tuned one down, and its check disarmed. */
export function checkDue(gadget: Gadget, now: Date): GadgetDecision | null {
  if (gadget.checkAt === null || gadget.checkAt.getTime() > now.getTime()) return null;
  const tuned = tune({ ...gadget, checkAt: null }, -1, { id: 'system:gadget-check' });
  return tuned.steps.length > 0 ? tuned : null;
}

export const gadgets = defineAggregate({
  type: 'gadget',
  noun: 'Gadget',
  collection: 'gadgets',
  state: gadgetState,
  derived: {
    schema: z.object({ checkArmed: z.boolean(), nextDueAt: z.date().nullable() }),
    of: (gadget: Gadget) => ({ checkArmed: gadget.checkAt !== null, nextDueAt: gadget.checkAt }),
  },
  indexes: ['status'],
  timer: { armed: 'checkArmed' },
  events: {
    source: '/test/domain-service',
    definitions: gadgetEvents,
    stateData: (gadget: Gadget, version: number) => ({
      level: gadget.level,
      status: gadget.status,
      version,
    }),
  },
});

export const gadgetRecorder = gadgets.recorder;

/** A gadget document that does not fit the schema (its level is text), as a hand edit or a bug leaves one. */
export async function insertCorruptGadget(connection: Connection, id: string, version = 2): Promise<void> {
  await connection.db?.collection('gadgets').insertOne({
    _id: id as never,
    label: 'level is text',
    level: 'high',
    status: 'tuned',
    _version: version,
    history: [],
  });
}

/** The gadgets of a test database of its own, bound to a hand-driven clock that counts nudges. */
export async function gadgetStore(t: Test) {
  const db = await useTestDatabase(t, 'domain_gadgets');
  let nudges = 0;
  const clock = new ManualClock('2026-03-02T02:00:00Z');
  const ctx: WriteContext = {
    clock,
    zoneId: 'test-zone',
    published: () => {
      nudges += 1;
    },
  };
  const aggregate = gadgets.bind(db.connection, ctx);
  await aggregate.createIndexes();
  return {
    db,
    ctx,
    clock,
    aggregate,
    nudges: () => nudges,
    stored: (id: string) => aggregate.model.findOne({ _id: id }).lean<Record<string, unknown>>(),
  };
}
