// End to end with the real safety service: hazards reported, accepted and overdue through its HTTP
// API reach the zone status over Kafka. Services never import each other; this test does, as the
// one place where both run in one process (the safety app with a hand-driven clock, so a deadline
// passes without waiting a day).
import { signToken } from '@zone-risk/auth';
import { loadConfig } from '@zone-risk/platform';
import { useTestDatabase } from '@zone-risk/testkit';
import type { LightMyRequestResponse } from 'fastify';
import t from 'tap';
import { buildSafetyApp } from '../../../safety/src/app.ts';
import { safetyConfigSchema } from '../../../safety/src/config.ts';
import { useAggregator } from '../helpers/app.ts';
import { enterpriseCode } from '../helpers/hazards.ts';
import { statusWhere } from '../helpers/status.ts';

const DAY_MS = 86_400_000;
const ZONE_OFFSET_MS = 8 * 3_600_000;
const zoneDay = (at: Date) => new Date(at.getTime() + ZONE_OFFSET_MS).toISOString().slice(0, 10);
const endOfZoneDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS - ZONE_OFFSET_MS);

class HandClock {
  private current = new Date();
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date): void {
    this.current = new Date(at);
  }
}

const headers = async (sub: string, role: 'inspector' | 'safety-supervisor') => ({
  authorization: `Bearer ${await signToken({ sub, roles: [role] })}`,
});

t.test('a hazard reported, accepted and overdue in the safety service moves the zone status', async (t) => {
  const aggregatorHarness = await useAggregator(t);
  const safetyDb = await useTestDatabase(t, 'e2e_safety');
  const clock = new HandClock();
  const safety = await buildSafetyApp({
    config: loadConfig(safetyConfigSchema, {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      MONGO_URL: safetyDb.url,
      MONGO_DB: safetyDb.dbName,
      KAFKA_BROKERS: aggregatorHarness.config.KAFKA_BROKERS.join(','),
      SAFETY_TOPIC: aggregatorHarness.topics.safety,
      OVERDUE_SWEEP_SECONDS: '3600',
    }),
    store: safetyDb.connection,
    clock,
    closeStore: false,
  });
  t.teardown(() => safety.close());
  const aggregator = await aggregatorHarness.start();
  const inspector = await headers('e2e-inspector', 'inspector');
  const supervisor = await headers('e2e-supervisor', 'safety-supervisor');
  // The safety service's heartbeat makes the domain known.
  await statusWhere(aggregator, (s) => s.level === 'low', 'safety alive: blue');

  async function act(id: string, action: string, body: Record<string, unknown>, who: Record<string, string>) {
    const current = await safety.inject({ method: 'GET', url: `/hazards/${id}`, headers: inspector });
    const res: LightMyRequestResponse = await safety.inject({
      method: 'POST',
      url: `/hazards/${id}/${action}`,
      headers: { ...who, 'if-match': String(current.headers.etag) },
      payload: body,
    });
    if (res.statusCode !== 200) throw new Error(`${action}: ${res.statusCode} ${res.body}`);
  }
  async function reportMajor(): Promise<string> {
    const res = await safety.inject({
      method: 'POST',
      url: '/hazards',
      headers: inspector,
      payload: {
        enterprise: { creditCode: enterpriseCode(42), name: '南京瑞丰精细化工有限公司' },
        location: '2号车间 粉碎工段',
        description: '布袋除尘器未设置泄爆装置',
        category: 'equipment',
        grade: 'major',
        basis: { standard: '工贸企业重大事故隐患判定标准', clause: '干式除尘系统未采取爆炸防控措施' },
      },
    });
    if (res.statusCode !== 201) throw new Error(`report: ${res.statusCode} ${res.body}`);
    return (res.json() as { id: string }).id;
  }
  const plan = (deadline: string) => ({
    measures: '加装泄爆片',
    responsiblePerson: { id: 'ent-zhao', name: '赵刚' },
    funds: 100_000,
    deadline,
  });

  let started = Date.now();
  const first = await reportMajor();
  let status = await statusWhere(aggregator, (s) => s.level === 'significant', 'the major hazard: orange');
  t.comment(`orange ${Date.now() - started} ms after the report was answered`);
  t.ok(Date.now() - started < 2_000, 'the zone moved within 2 s of the report');
  t.match(
    status.domains.safety?.contributions.find((c) => c.rule === 'safety.major-open'),
    {
      count: 1,
      items: [{ aggregateType: 'hazard', aggregateId: first }],
    },
  );
  const explained = await aggregator.inject({
    method: 'GET',
    url: '/status/explain?rule=safety.major-open',
    headers: { authorization: `Bearer ${await signToken({ sub: 'office', roles: ['risk-office'] })}` },
  });
  t.match(explained.json().items, [{ aggregateId: first, link: `http://localhost:3001/hazards/${first}` }]);

  const deadline = zoneDay(new Date(clock.now().getTime() + DAY_MS));
  await act(first, 'plan', plan(deadline), inspector);
  await act(first, 'submit', { note: '已加装' }, inspector);
  started = Date.now();
  await act(first, 'accept', { note: '整改到位' }, supervisor);
  await statusWhere(aggregator, (s) => s.level === 'low', 'accepted: back to blue');
  t.comment(`blue ${Date.now() - started} ms after the acceptance`);
  t.ok(Date.now() - started < 2_000, 'back within 2 s of the acceptance');

  const second = await reportMajor();
  await act(second, 'plan', plan(deadline), inspector);
  await statusWhere(aggregator, (s) => s.level === 'significant', 'the second major hazard: orange');
  clock.set(endOfZoneDay(deadline));
  started = Date.now();
  t.equal(await safety.safety.sweeper.sweepOnce(), 1, 'the deadline passed');
  status = await statusWhere(aggregator, (s) => s.level === 'major', 'overdue: red');
  t.comment(`red ${Date.now() - started} ms after the sweep`);
  t.match(status.overrides, [
    { rule: 'zone.safety.major-overdue', level: 'major', items: [{ aggregateId: second }] },
  ]);
});
