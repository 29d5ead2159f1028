import { InvalidEventError } from '@zone-risk/contracts';
import t from 'tap';
import { eventRecorder } from '../src/index.ts';
import { build, gadgetBuilt, gadgetRecorder, gadgetTuned, tune } from './helpers/gadgets.ts';

const wang = { id: 'insp-wang', name: '王磊' };
const cause = { zoneId: 'test-zone', correlationId: 'req-1', time: new Date('2026-03-02T02:00:00Z') };

t.test(
  "a decision's steps become events numbered from the version it was taken on, each carrying the state after its step and its own facts",
  async (t) => {
    const built = { ...build('g-1', 'first', wang).state, version: 4 };
    const decision = tune(built, 2, wang);
    const { events } = gadgetRecorder.record({
      aggregateId: 'g-1',
      steps: decision.steps,
      fromVersion: 4,
      by: wang,
      cause,
    });
    t.match(events, [
      {
        type: gadgetTuned.type,
        source: '/test/domain-service',
        zoneid: 'test-zone',
        aggregateid: 'g-1',
        aggregateversion: 5,
        correlationid: 'req-1',
        time: '2026-03-02T02:00:00.000Z',
        data: { level: 1, status: 'tuned', version: 5, step: 1, tunedBy: wang },
      },
      { aggregateversion: 6, data: { level: 2, version: 6, step: 1 } },
    ]);
    t.not(events[0]?.id, events[1]?.id, 'each event has its own id');
  },
);

t.test(
  'each event gets a timeline entry: its name, id and version, the person as `by`, and the other facts as details',
  async (t) => {
    const { events, history } = gadgetRecorder.record({
      aggregateId: 'g-1',
      steps: build('g-1', 'first', wang).steps,
      fromVersion: 0,
      by: wang,
      cause,
    });
    t.strictSame(history, [
      {
        at: cause.time,
        event: 'GadgetBuilt',
        eventId: events[0]?.id,
        version: 1,
        by: wang,
        details: { label: 'first' },
      },
    ]);
    t.equal(events[0]?.type, gadgetBuilt.type);
  },
);

t.test('a decision with no step records nothing', async (t) => {
  const recorded = gadgetRecorder.record({ aggregateId: 'g-1', steps: [], fromVersion: 3, by: wang, cause });
  t.strictSame(recorded, { events: [], history: [] });
});

t.test('an event the contract refuses is refused when it is recorded, not when it is consumed', async (t) => {
  const steps = tune({ ...build('g-1', 'first', wang).state, version: 1 }, -1, wang).steps;
  t.throws(
    () => gadgetRecorder.record({ aggregateId: 'g-1', steps, fromVersion: 1, by: wang, cause }),
    InvalidEventError,
    'a level below zero breaks the schema',
  );
});

t.test('definitions must name their facts unambiguously', async (t) => {
  t.throws(
    () =>
      eventRecorder({
        source: '/test',
        definitions: [gadgetBuilt, gadgetBuilt],
        stateData: () => ({}),
      }),
    { name: 'TypeError', message: 'two event definitions are named GadgetBuilt' },
  );
  const onlyBuilt = eventRecorder({ source: '/test', definitions: [gadgetBuilt], stateData: () => ({}) });
  t.throws(
    () =>
      onlyBuilt.record({
        aggregateId: 'g-1',
        // A fact of another definition list, smuggled past the types.
        steps: tune(build('g-1', 'x', wang).state, 1, wang).steps as never,
        fromVersion: 0,
        by: wang,
        cause,
      }),
    { name: 'TypeError', message: 'no event definition is named GadgetTuned' },
  );
});
