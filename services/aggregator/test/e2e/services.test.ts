// End to end: the real safety and environment services, each started as its own process the way it
// is deployed (`node src/server.ts`), publish through their outboxes to Kafka; the aggregator under
// test consumes both topics in one group. Nothing is imported across services. How fast the zone
// moves is a figure of `pnpm bench:latency`, not an assertion here (a shared CI machine would make
// a timed test flaky); the test prints what it saw.
import { signToken } from '@zone-risk/auth';
import { startServiceProcess, useTestDatabase } from '@zone-risk/testkit';
import t from 'tap';
import { useAggregator } from '../helpers/app.ts';
import { enterpriseCode } from '../helpers/hazards.ts';

import { statusWhere } from '../helpers/status.ts';

const DAY_MS = 86_400_000;
/** The zone's calendar day (UTC+08:00) of an instant. */
const zoneDay = (at: number) => new Date(at + 8 * 3_600_000).toISOString().slice(0, 10);

async function bearer(sub: string, role: string) {
  return { authorization: `Bearer ${await signToken({ sub, roles: [role as never] })}` };
}

async function call(
  base: string,
  path: string,
  init: { method?: string; headers: Record<string, string>; body?: unknown },
): Promise<{ status: number; body: Record<string, unknown>; etag: string | null }> {
  const res = await fetch(`${base}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { ...init.headers, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown>,
    etag: res.headers.get('etag'),
  };
}

t.test('hazards and rectification items in the real services move the zone status over Kafka', async (t) => {
  const harness = await useAggregator(t);
  const safetyDb = await useTestDatabase(t, 'e2e_safety');
  const environmentDb = await useTestDatabase(t, 'e2e_env');
  const kafka = harness.config.KAFKA_BROKERS.join(',');
  const teardown = (stop: () => Promise<unknown>) => t.teardown(stop);
  const safetyEnv = {
    NODE_ENV: 'test',
    MONGO_URL: safetyDb.url,
    MONGO_DB: safetyDb.dbName,
    KAFKA_BROKERS: kafka,
    SAFETY_TOPIC: harness.topics.safety,
    HEARTBEAT_SECONDS: '2',
    OVERDUE_SWEEP_SECONDS: '1',
  };
  const [safetyProcess, environment] = await Promise.all([
    startServiceProcess('safety', safetyEnv, { teardown }),
    startServiceProcess(
      'environment',
      {
        NODE_ENV: 'test',
        MONGO_URL: environmentDb.url,
        MONGO_DB: environmentDb.dbName,
        KAFKA_BROKERS: kafka,
        ENVIRONMENT_TOPIC: harness.topics.environment,
        HEARTBEAT_SECONDS: '2',
        SWEEP_SECONDS: '1',
      },
      { teardown },
    ),
  ]);
  let safety = safetyProcess;
  const aggregator = await harness.start();
  const inspector = await bearer('e2e-inspector', 'inspector');
  const supervisor = await bearer('e2e-supervisor', 'safety-supervisor');
  const envStaff = await bearer('e2e-env-staff', 'env-staff');

  await statusWhere(aggregator, (s) => s.level === 'low', 'both services beating: blue');

  async function act(id: string, action: string, body: Record<string, unknown>, who: Record<string, string>) {
    const current = await call(safety.url, `/hazards/${id}`, { headers: inspector });
    const res = await call(safety.url, `/hazards/${id}/${action}`, {
      headers: { ...who, 'if-match': current.etag ?? '' },
      body,
    });
    if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  async function reportMajor(): Promise<string> {
    const res = await call(safety.url, '/hazards', {
      headers: inspector,
      body: {
        enterprise: { creditCode: enterpriseCode(42), name: '南京瑞丰精细化工有限公司' },
        location: '2号车间 粉碎工段',
        description: '布袋除尘器未设置泄爆装置',
        category: 'equipment',
        grade: 'major',
        basis: { standard: '工贸企业重大事故隐患判定标准', clause: '干式除尘系统未采取爆炸防控措施' },
      },
    });
    if (res.status !== 201) throw new Error(`report: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  }
  const plan = (deadline: string) => ({
    measures: '加装泄爆片',
    responsiblePerson: { id: 'ent-zhao', name: '赵刚' },
    funds: 100_000,
    deadline,
  });
  const since = (start: number) => `${Date.now() - start} ms`;

  await t.test('a major hazard turns safety and the zone orange; its acceptance back to blue', async (t) => {
    let started = Date.now();
    const id = await reportMajor();
    const status = await statusWhere(
      aggregator,
      (s) => s.level === 'significant',
      'the major hazard: orange',
    );
    t.comment(`orange ${since(started)} after the report was answered`);
    t.equal(status.domains.safety?.level, 'significant');
    t.match(
      status.domains.safety?.contributions.find((c) => c.rule === 'safety.major-open'),
      { count: 1, items: [{ aggregateType: 'hazard', aggregateId: id }] },
    );
    const explained = await aggregator.inject({
      method: 'GET',
      url: '/status/explain?rule=safety.major-open',
      headers: await bearer('office', 'risk-office'),
    });
    t.match(explained.json().items, [{ aggregateId: id, link: `http://localhost:3001/hazards/${id}` }]);

    await act(id, 'plan', plan(zoneDay(Date.now() + DAY_MS)), inspector);
    await act(id, 'submit', { note: '已加装' }, inspector);
    started = Date.now();
    await act(id, 'accept', { note: '整改到位' }, supervisor);
    const after = await statusWhere(aggregator, (s) => s.level === 'low', 'accepted: back to blue');
    t.comment(`blue ${since(started)} after the acceptance`);
    t.equal(after.domains.safety?.level, 'low', 'the safety domain is back to blue too');
    t.match(
      after.domains.safety?.contributions.find((c) => c.rule === 'safety.major-open'),
      { count: 0 },
    );
  });

  await t.test('an overdue major hazard makes the zone red by override', async (t) => {
    const id = await reportMajor();
    await act(id, 'plan', plan(zoneDay(Date.now() + DAY_MS)), inspector);
    await statusWhere(aggregator, (s) => s.level === 'significant', 'the second major hazard: orange');
    // Two days later for the safety service: the same database and topic, the clock shifted.
    t.equal(await safety.stop(), 0, 'the safety service stopped gracefully');
    const started = Date.now();
    safety = await startServiceProcess('safety', { ...safetyEnv, CLOCK_SHIFT_DAYS: '2' }, { teardown });
    const status = await statusWhere(aggregator, (s) => s.level === 'major', 'overdue: red');
    t.comment(`red ${since(started)} after the restart with the shifted clock`);
    t.match(status.overrides, [
      { rule: 'zone.safety.major-overdue', level: 'major', items: [{ aggregateId: id }] },
    ]);
    const hazard = await call(safety.url, `/hazards/${id}`, { headers: inspector });
    t.equal(hazard.body.overdue, true, 'the safety service says overdue too');

    // Rectified late but rectified: accepted, the override stops firing.
    await act(id, 'submit', { note: '已整改' }, inspector);
    await act(id, 'accept', { note: '整改到位' }, supervisor);
    const after = await statusWhere(aggregator, (s) => s.level === 'low', 'accepted: back to blue');
    t.same(after.overrides, []);
  });

  await t.test('an overdue central inspection item makes the zone red by its own override', async (t) => {
    // A ledger often records problems late: a deadline already gone is accepted and swept.
    const res = await call(environment.url, '/items', {
      headers: envStaff,
      body: {
        source: 'central-inspection',
        batch: '第二轮中央生态环境保护督察反馈问题',
        code: 'ZY-E2E-1',
        problem: '园区污水处理厂出水总氮超标',
        category: 'water',
        severity: 'major',
        responsibleUnit: '开发区生态环境分局',
        enterprise: { creditCode: enterpriseCode(42), name: '南京瑞丰精细化工有限公司' },
        measures: '提标改造',
        target: '出水稳定达到一级A标准',
        deadline: zoneDay(Date.now() - 2 * DAY_MS),
      },
    });
    t.equal(res.status, 201, JSON.stringify(res.body));
    const id = res.body.id as string;
    const status = await statusWhere(
      aggregator,
      (s) => s.overrides.some((o) => o.rule === 'zone.environment.central-overdue'),
      'the central inspection item overdue',
    );
    t.equal(status.level, 'major');
    t.equal(status.domains.environment?.level, 'major');
    t.equal(status.domains.safety?.level, 'low', 'safety has nothing open: the red is environment’s alone');
    t.same(
      status.overrides.map((o) => o.rule),
      ['zone.environment.central-overdue'],
    );
    t.match(
      status.overrides.find((o) => o.rule === 'zone.environment.central-overdue'),
      { items: [{ domain: 'environment', aggregateType: 'rectification-item', aggregateId: id }] },
    );
    const enterprise = await aggregator.inject({
      method: 'GET',
      url: `/enterprises/${enterpriseCode(42)}/risk`,
      headers: await bearer('office', 'risk-office'),
    });
    t.same(
      Object.keys(enterprise.json().domains).sort(),
      ['environment', 'safety'],
      'one enterprise, both domains',
    );
  });
});
