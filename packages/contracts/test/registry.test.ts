import t from 'tap';
import {
  createEventRegistry,
  debtEvents,
  environmentEvents,
  eventRegistry,
  foodDrugEvents,
  safetyEvents,
  serviceHeartbeat,
  topics,
  zoneRiskStatusChanged,
} from '../src/index.ts';
import { copy, heartbeat, samples, statusChanged } from './samples.ts';

function rejected(raw: unknown): readonly string[] {
  const result = eventRegistry.parseEvent(raw);
  if (result.ok) throw new Error('expected the event to be rejected');
  return result.issues;
}

function paths(issues: readonly string[]): string[] {
  return issues.map((issue) => issue.slice(0, issue.indexOf(':')));
}

t.test('a valid event of every registered type is accepted with its definition', async (t) => {
  for (const [type, raw] of Object.entries(samples)) {
    const result = eventRegistry.parseEvent(raw);
    t.ok(result.ok, type);
    if (result.ok) {
      t.equal(result.definition.type, type);
      t.strictSame(result.event, raw);
    }
  }
  t.strictSame(
    eventRegistry.all().map((d) => d.type),
    Object.keys(samples),
    'every registered type has a sample in test/samples.ts',
  );
});

t.test(
  'unknown envelope properties are ignored, not rejected, so producers may add extensions',
  async (t) => {
    const result = eventRegistry.parseEvent({ ...copy(heartbeat), traceparent: '00-abc-def-01' });
    t.ok(result.ok);
  },
);

t.test('missing envelope attributes are each reported as required', async (t) => {
  const raw: Record<string, unknown> = copy(heartbeat);
  delete raw.source;
  delete raw.correlationid;
  delete raw.specversion;
  t.strictSame(rejected(raw), [
    'specversion: is required (expected "1.0")',
    'source: is required (expected string)',
    'correlationid: is required (expected string)',
  ]);
});

t.test('every bad attribute and bad payload field is listed with its path in one error', async (t) => {
  const raw = copy(heartbeat);
  raw.id = 'not-a-uuid';
  raw.time = '2024-05-06 08:00';
  raw.aggregateversion = 0;
  raw.zoneid = '';
  (raw.data as Record<string, unknown>).intervalMs = 'soon';
  delete (raw.data as Record<string, unknown>).startedAt;
  const result = eventRegistry.parseEvent(raw);
  t.notOk(result.ok);
  if (result.ok) return;
  t.strictSame(paths(result.issues), [
    'id',
    'time',
    'zoneid',
    'aggregateversion',
    'data.startedAt',
    'data.intervalMs',
  ]);
  t.equal(result.error, result.issues.join('; '));
  t.match(result.error, /id: Invalid UUID/);
  t.match(result.error, /data\.startedAt: is required/);
});

t.test('a malformed type string is rejected with the expected form', async (t) => {
  t.strictSame(rejected({ ...copy(heartbeat), type: 'HazardReported' }), [
    'type: event type must look like zone.<domain>.<EventName>.v<version>',
  ]);
  t.strictSame(paths(rejected({ ...copy(heartbeat), type: 'zone.safety.HazardReported.v0' })), ['type']);
  t.match(rejected({ ...copy(heartbeat), type: 42 }), [
    'type: Invalid input: expected string, received number',
  ]);
});

t.test('an unknown type is an error, naming the versions that do exist', async (t) => {
  t.strictSame(rejected({ ...copy(heartbeat), type: 'zone.safety.HazardArchived.v1' }), [
    'type: unknown event type "zone.safety.HazardArchived.v1"',
  ]);
  t.strictSame(rejected({ ...copy(heartbeat), type: 'zone.platform.ServiceHeartbeat.v2' }), [
    'type: unknown event type "zone.platform.ServiceHeartbeat.v2" (known versions: v1)',
  ]);
});

t.test('an unknown type with bad attributes reports both', async (t) => {
  t.strictSame(paths(rejected({ ...copy(heartbeat), id: 'x', type: 'zone.safety.HazardArchived.v1' })), [
    'id',
    'type',
  ]);
});

t.test('data of the wrong shape is rejected at the data path', async (t) => {
  t.strictSame(rejected({ ...copy(heartbeat), data: [] }), [
    'data: Invalid input: expected object, received array',
  ]);
  t.strictSame(rejected({ ...copy(heartbeat), data: undefined }), ['data: is required (expected object)']);
  t.strictSame(paths(rejected({ ...copy(statusChanged), data: heartbeat.data })), [
    'data.level',
    'data.score',
    'data.policyVersion',
    'data.domains',
    'data.overrides',
    'data.causes',
    'data.asOf',
  ]);
});

t.test('something that is not an object is rejected before anything else', async (t) => {
  for (const raw of [null, 'zone.platform.ServiceHeartbeat.v1', 42, [heartbeat]]) {
    t.strictSame(rejected(raw), ['(event): must be a JSON object']);
  }
});

t.test('get() finds a definition by type and all() lists them in order', async (t) => {
  t.equal(eventRegistry.get('zone.platform.ServiceHeartbeat.v1'), serviceHeartbeat);
  t.equal(eventRegistry.get('zone.risk.ZoneRiskStatusChanged.v1'), zoneRiskStatusChanged);
  t.equal(eventRegistry.get('zone.risk.ZoneRiskStatusChanged.v9'), undefined);
  t.strictSame(eventRegistry.all(), [
    serviceHeartbeat,
    zoneRiskStatusChanged,
    ...safetyEvents,
    ...environmentEvents,
    ...foodDrugEvents,
    ...debtEvents,
  ]);
});

t.test('onTopic() lists the events that may appear on a topic', async (t) => {
  t.strictSame(eventRegistry.onTopic(topics.riskStatus), [serviceHeartbeat, zoneRiskStatusChanged]);
  t.strictSame(eventRegistry.onTopic(topics.environment), [serviceHeartbeat, ...environmentEvents]);
  t.strictSame(eventRegistry.onTopic(topics.foodDrug), [serviceHeartbeat, ...foodDrugEvents]);
  t.strictSame(eventRegistry.onTopic(topics.debt), [serviceHeartbeat, ...debtEvents]);
  t.strictSame(eventRegistry.onTopic('zone.nowhere'), []);
});

t.test('a registry refuses two definitions of one type', async (t) => {
  t.throws(
    () => createEventRegistry([serviceHeartbeat, serviceHeartbeat]),
    /zone\.platform\.ServiceHeartbeat\.v1 is defined twice/,
  );
});
