import t from 'tap';
import {
  type AnyEventDefinition,
  type DebtIndicatorsStateKey,
  type DebtInstrumentStateKey,
  type DebtTaskStateKey,
  debtEvents,
  debtIndicatorsEvents,
  debtInstrumentEvents,
  debtTaskEvents,
  environmentEvents,
  type FactOf,
  type FiscalCapacityStateKey,
  fiscalCapacityEvents,
  type HazardStateKey,
  hazardAccepted,
  hazardEvents,
  inspectionRecorded,
  type RectificationItemStateKey,
  rectificationItemEvents,
  safetyEvents,
} from '../src/index.ts';
import { samples } from './samples.ts';

// The state keys as values. Each list is checked against its type by tsc (part of `pnpm test`):
// `satisfies Record<Key, true>` refuses a key the type has and the list lacks, and one it does not have.
const hazardStateKeys = Object.keys({
  enterprise: true,
  grade: true,
  category: true,
  status: true,
  deadline: true,
  supervised: true,
  supervisionDeadline: true,
  overdue: true,
  version: true,
  inspectionId: true,
  reportedAt: true,
} satisfies Record<HazardStateKey, true>).sort();

const itemStateKeys = Object.keys({
  source: true,
  batch: true,
  code: true,
  category: true,
  severity: true,
  responsibleUnit: true,
  enterprise: true,
  status: true,
  deadline: true,
  overdue: true,
  progress: true,
  recurrences: true,
  version: true,
  registeredAt: true,
} satisfies Record<RectificationItemStateKey, true>).sort();

const instrumentStateKeys = Object.keys({
  debtor: true,
  name: true,
  type: true,
  creditor: true,
  currency: true,
  principal: true,
  rate: true,
  start: true,
  maturity: true,
  structure: true,
  balance: true,
  status: true,
  overdue: true,
  overdueAmount: true,
  nextPayment: true,
  replaces: true,
  replacedBy: true,
  version: true,
} satisfies Record<DebtInstrumentStateKey, true>).sort();

const taskStateKeys = Object.keys({
  year: true,
  target: true,
  counts: true,
  note: true,
  version: true,
} satisfies Record<DebtTaskStateKey, true>).sort();

const capacityStateKeys = Object.keys({
  year: true,
  amount: true,
  source: true,
  version: true,
} satisfies Record<FiscalCapacityStateKey, true>).sort();

const indicatorsStateKeys = Object.keys({
  asOf: true,
  level: true,
  reasons: true,
  balance: true,
  balanceInScope: true,
  capacity: true,
  debtRatioBp: true,
  overdueAmount: true,
  overduePayments: true,
  overdueRateBp: true,
  maturities: true,
  unfundedAlerts: true,
  task: true,
  settings: true,
  version: true,
} satisfies Record<DebtIndicatorsStateKey, true>).sort();

const aggregates = [
  { aggregate: 'hazard', events: hazardEvents, stateKeys: hazardStateKeys },
  { aggregate: 'rectification item', events: rectificationItemEvents, stateKeys: itemStateKeys },
  { aggregate: 'debt instrument', events: debtInstrumentEvents, stateKeys: instrumentStateKeys },
  { aggregate: 'debt task', events: debtTaskEvents, stateKeys: taskStateKeys },
  { aggregate: 'fiscal capacity', events: fiscalCapacityEvents, stateKeys: capacityStateKeys },
  { aggregate: 'debt indicators', events: debtIndicatorsEvents, stateKeys: indicatorsStateKeys },
] as const;

const shapeOf = (definition: AnyEventDefinition): Record<string, unknown> => definition.data.shape;
const fieldsOf = (definition: AnyEventDefinition): string[] => Object.keys(shapeOf(definition));

function sharedFields(definitions: readonly AnyEventDefinition[]): string[] {
  const [first = [], ...rest] = definitions.map(fieldsOf);
  return first.filter((field) => rest.every((fields) => fields.includes(field))).sort();
}

function sampleData(definition: AnyEventDefinition): Record<string, unknown> {
  const data = samples[definition.type]?.data;
  if (data === null || typeof data !== 'object') throw new Error(`no sample of ${definition.type}`);
  return data as Record<string, unknown>;
}

const without = (data: Record<string, unknown>, keys: readonly string[]) =>
  Object.fromEntries(Object.entries(data).filter(([key]) => !keys.includes(key)));
const only = (data: Record<string, unknown>, keys: readonly string[]) =>
  Object.fromEntries(Object.entries(data).filter(([key]) => keys.includes(key)));

t.test(
  'the safety events are the inspection’s and the hazard aggregate’s, in registration order',
  async (t) => {
    t.strictSame(safetyEvents, [inspectionRecorded, ...hazardEvents]);
    t.ok(hazardEvents.every((definition) => definition.aggregateType === 'hazard'));
  },
);

t.test('the environment events are the rectification item aggregate’s', async (t) => {
  t.strictSame(environmentEvents, rectificationItemEvents);
  t.ok(rectificationItemEvents.every((definition) => definition.aggregateType === 'rectification-item'));
});

t.test('the debt events are its four aggregates’, each of its own aggregate type', async (t) => {
  t.strictSame(debtEvents, [
    ...debtInstrumentEvents,
    ...debtTaskEvents,
    ...fiscalCapacityEvents,
    ...debtIndicatorsEvents,
  ]);
  const types = (events: readonly AnyEventDefinition[]) => [...new Set(events.map((d) => d.aggregateType))];
  t.strictSame(types(debtInstrumentEvents), ['debt-instrument']);
  t.strictSame(types(debtTaskEvents), ['debt-task']);
  t.strictSame(types(fiscalCapacityEvents), ['fiscal-capacity']);
  t.strictSame(types(debtIndicatorsEvents), ['debt-indicators']);
});

t.test('every event of an aggregate carries its state, declared once for all of them', async (t) => {
  for (const { aggregate, events, stateKeys } of aggregates) {
    const [first] = events;
    for (const definition of events) {
      const fields = fieldsOf(definition);
      t.strictSame(
        stateKeys.filter((key) => !fields.includes(key)),
        [],
        `${definition.name} carries the ${aggregate}'s state`,
      );
      t.strictSame(
        stateKeys.filter((key) => shapeOf(definition)[key] !== shapeOf(first)[key]),
        [],
        `${definition.name} takes each state field's schema from the one declaration`,
      );
    }
    t.strictSame(sharedFields(events), stateKeys, `the fields every ${aggregate} event has are its state`);
  }
});

t.test('a fact is its event’s payload without the state: the state is all it lacks', async (t) => {
  for (const { events, stateKeys } of aggregates) {
    for (const definition of events) {
      const data = sampleData(definition);
      const facts = without(data, stateKeys);
      t.not(Object.keys(facts).length, 0, `${definition.name} has facts of its own`);
      const alone = definition.data.safeParse(facts);
      const lacking = [...new Set(alone.error?.issues.map((issue) => String(issue.path[0])))].sort();
      t.strictSame(
        lacking,
        stateKeys,
        `${definition.name}'s facts fail on the state fields and nothing else`,
      );
      t.equal(
        definition.data.safeParse({ ...facts, ...only(data, stateKeys) }).success,
        true,
        'with the state added they are the event',
      );
    }
  }
});

type HazardFact = FactOf<(typeof hazardEvents)[number], HazardStateKey>;

t.test('a decided HazardAccepted fact, named by its event, plus the state is a valid payload', async (t) => {
  const accepted: HazardFact = {
    name: 'HazardAccepted',
    facts: { note: null, closedAt: '2026-03-02T02:00:00.000Z', acceptedBy: { id: 'sup-chen' } },
  };
  t.equal(accepted.name, hazardAccepted.name);
  const state = only(sampleData(hazardAccepted), hazardStateKeys);
  const parsed = hazardAccepted.data.safeParse({ ...state, ...accepted.facts });
  t.strictSame(parsed.error?.issues, undefined, 'no issues');
  t.strictSame(parsed.data?.acceptedBy, { id: 'sup-chen' });
});

// Compile-time checks, read by tsc alone: an @ts-expect-error that stops erroring fails `pnpm test`.
const _stating: HazardFact = {
  name: 'HazardAccepted',
  facts: {
    note: null,
    closedAt: '2026-03-02T02:00:00.000Z',
    acceptedBy: { id: 'sup-chen' },
    // @ts-expect-error the status is the state's to say, not the fact's
    status: 'closed',
  },
};
// @ts-expect-error no hazard event has this name
const _unknown: HazardFact['name'] = 'HazardForgotten';
