import t from 'tap';
import {
  type EventNameOf,
  environmentEvents,
  type FactOf,
  type HazardStateKey,
  type hazardAccepted,
  hazardEvents,
  inspectionRecorded,
  rectificationItemEvents,
  safetyEvents,
} from '../src/index.ts';

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

t.test('every event of an aggregate carries its state: the fields a fact leaves out', async (t) => {
  const stateKeys: HazardStateKey[] = [
    'enterprise',
    'grade',
    'category',
    'status',
    'deadline',
    'supervised',
    'supervisionDeadline',
    'overdue',
    'version',
    'inspectionId',
    'reportedAt',
  ];
  for (const definition of hazardEvents) {
    t.ok(
      stateKeys.every((key) => key in definition.data.shape),
      `${definition.name} carries the hazard's state`,
    );
  }
});

t.test('a fact is named by its event and holds the payload without the state', async (t) => {
  type HazardFact = FactOf<(typeof hazardEvents)[number], HazardStateKey>;
  const accepted: HazardFact = {
    name: 'HazardAccepted',
    facts: { note: null, closedAt: '2026-03-02T02:00:00.000Z', acceptedBy: { id: 'sup-chen' } },
  };
  const named: EventNameOf<typeof hazardAccepted.type> = 'HazardAccepted';
  t.equal(accepted.name, named);

  const stating: HazardFact = {
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
  const unknown: HazardFact['name'] = 'HazardForgotten';
  t.ok(stating && unknown, 'the type checker refuses both (pnpm typecheck)');
});
