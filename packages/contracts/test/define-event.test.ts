import t from 'tap';
import { z } from 'zod';
import { defineEvent, InvalidEventError, serviceHeartbeat, topics } from '../src/index.ts';
import { heartbeat } from './samples.ts';

const fields = {
  source: '/services/safety',
  zoneid: 'demo-zone',
  aggregateid: 'safety-7f9c',
  aggregateversion: 4,
  correlationid: 'safety-7f9c',
  data: heartbeat.data,
};

t.test('create() fills in a fresh UUID id, the current time and the fixed envelope attributes', async (t) => {
  const before = Date.now();
  const event = serviceHeartbeat.create(fields);
  const after = Date.now();
  t.match(event.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const time = Date.parse(event.time);
  t.ok(time >= before, 'time is not before create() was called');
  t.ok(time <= after, 'time is not after create() returned');
  t.hasStrict(event, {
    specversion: '1.0',
    type: 'zone.platform.ServiceHeartbeat.v1',
    datacontenttype: 'application/json',
    aggregatetype: 'service-instance',
    subject: 'safety-7f9c',
    aggregateversion: 4,
    data: heartbeat.data,
  });
  t.notOk('causationid' in event, 'no causation id unless given');
  t.not(serviceHeartbeat.create(fields).id, event.id, 'each event gets its own id');
});

t.test('create() keeps a given id, time, subject and causation id', async (t) => {
  const event = serviceHeartbeat.create({
    ...fields,
    id: heartbeat.id,
    time: new Date('2024-05-06T00:00:30Z'),
    subject: 'instance/safety-7f9c',
    causationid: 'cmd-1',
  });
  t.equal(event.id, heartbeat.id);
  t.equal(event.time, '2024-05-06T00:00:30.000Z');
  t.equal(event.subject, 'instance/safety-7f9c');
  t.equal(event.causationid, 'cmd-1');
  t.equal(
    serviceHeartbeat.create({ ...fields, time: '2024-05-06T08:00:30+08:00' }).time,
    '2024-05-06T08:00:30+08:00',
  );
});

t.test('create() rejects bad data and bad attributes, naming each path', async (t) => {
  const error = t.throws(() =>
    serviceHeartbeat.create({
      ...fields,
      zoneid: 'Demo Zone',
      aggregateversion: 0,
      data: { ...heartbeat.data, intervalMs: -5, sentAt: 'yesterday' },
    }),
  );
  t.ok(error instanceof InvalidEventError);
  const issues = (error as InvalidEventError).issues;
  t.strictSame(
    issues.map((issue) => issue.split(':')[0]),
    ['zoneid', 'aggregateversion', 'data.sentAt', 'data.intervalMs'],
  );
  t.match(
    (error as Error).message,
    /^invalid zone\.platform\.ServiceHeartbeat\.v1 event: zoneid: zone id must be/,
  );
});

t.test('a definition carries its type, topics and the schema of its whole envelope', async (t) => {
  t.equal(serviceHeartbeat.type, 'zone.platform.ServiceHeartbeat.v1');
  t.strictSame(serviceHeartbeat.topics, Object.values(topics));
  t.ok(serviceHeartbeat.schema.safeParse(heartbeat).success);
  t.notOk(
    serviceHeartbeat.schema.safeParse({ ...heartbeat, type: 'zone.platform.ServiceHeartbeat.v2' }).success,
  );
});

t.test('defineEvent refuses names that do not make a valid type', async (t) => {
  const base = {
    aggregateType: 'hazard',
    topic: topics.safety,
    description: 'test',
    data: z.object({}),
  };
  t.throws(
    () => defineEvent({ ...base, domain: 'safety', name: 'hazardReported', version: 1 }),
    /must look like/,
  );
  t.throws(
    () => defineEvent({ ...base, domain: 'Safety', name: 'HazardReported', version: 1 }),
    /must look like/,
  );
  t.throws(
    () => defineEvent({ ...base, domain: 'safety', name: 'HazardReported', version: 0 }),
    /must look like/,
  );
  t.throws(
    () => defineEvent({ ...base, domain: 'safety', name: 'HazardReported', version: 1.5 }),
    /must look like/,
  );
  t.throws(
    () => defineEvent({ ...base, domain: 'safety', name: 'HazardReported', version: 1, topic: [] }),
    /at least one topic/,
  );
  t.equal(
    defineEvent({ ...base, domain: 'food-drug', name: 'SampleTaken', version: 2 }).type,
    'zone.food-drug.SampleTaken.v2',
  );
});
