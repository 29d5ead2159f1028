// End to end: the real safety, environment, food-drug and debt services, each started as its own
// process the way it is deployed (`node src/server.ts`), publish through their outboxes to Kafka;
// the aggregator under test consumes their topics in one group. Nothing is imported across services.
// How fast the zone moves is a figure of `pnpm bench:latency`, not an assertion here (a shared CI
// machine would make a timed test flaky); the test prints what it saw.
import type { Role } from '@zone-risk/auth';
import { startServiceProcess, useTestDatabase } from '@zone-risk/testkit';
import t from 'tap';
import { as, useAggregator } from '../helpers/app.ts';
import { enterpriseCode } from '../helpers/hazards.ts';
import {
  actOn,
  type Body,
  call,
  schoolCanteen,
  unqualifiedSample,
  type Who,
} from '../helpers/service-calls.ts';
import { statusWhere } from '../helpers/status.ts';

const DAY_MS = 86_400_000;
/** The zone's calendar day (UTC+08:00) of an instant. */
const zoneDay = (at: number) => new Date(at + 8 * 3_600_000).toISOString().slice(0, 10);
const bearer = (sub: string, role: Role) => as([role], sub);

t.test(
  'hazards, rectification items, disposal cases and debts in the real services move the zone',
  async (t) => {
    const harness = await useAggregator(t);
    const safetyDb = await useTestDatabase(t, 'e2e_safety');
    const environmentDb = await useTestDatabase(t, 'e2e_env');
    const foodDrugDb = await useTestDatabase(t, 'e2e_fd');
    const debtDb = await useTestDatabase(t, 'e2e_debt');
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
    const foodDrugEnv = {
      NODE_ENV: 'test',
      MONGO_URL: foodDrugDb.url,
      MONGO_DB: foodDrugDb.dbName,
      KAFKA_BROKERS: kafka,
      FOOD_DRUG_TOPIC: harness.topics.foodDrug,
      HEARTBEAT_SECONDS: '2',
      SWEEP_SECONDS: '1',
    };
    // Every domain of the default policy beats, so the zone can show blue (`hide-low`).
    const [safetyProcess, environment, foodDrugProcess] = await Promise.all([
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
      startServiceProcess('food-drug', foodDrugEnv, { teardown }),
    ]);
    const debtService = await startServiceProcess(
      'debt',
      {
        NODE_ENV: 'test',
        MONGO_URL: debtDb.url,
        MONGO_DB: debtDb.dbName,
        KAFKA_BROKERS: kafka,
        DEBT_TOPIC: harness.topics.debt,
        HEARTBEAT_SECONDS: '2',
        SWEEP_SECONDS: '1',
      },
      { teardown },
    );
    let safety = safetyProcess;
    let foodDrug = foodDrugProcess;
    const aggregator = await harness.start();
    const inspector = await bearer('e2e-inspector', 'inspector');
    const supervisor = await bearer('e2e-supervisor', 'safety-supervisor');
    const envStaff = await bearer('e2e-env-staff', 'env-staff');
    const fdOfficer = await bearer('e2e-fd-officer', 'food-drug-officer');
    const fdSupervisor = await bearer('e2e-fd-supervisor', 'food-drug-supervisor');
    const riskOffice = await bearer('office', 'risk-office');
    const debtOfficer = await bearer('e2e-debt-officer', 'debt-officer');
    const debtHead = await bearer('e2e-debt-head', 'debt-supervisor');

    await statusWhere(aggregator, (s) => s.level === 'low', 'every domain beating: blue');

    const act = (id: string, action: string, body: Body, who: Who) =>
      actOn(safety.url, `/hazards/${id}`, action, body, who, inspector);
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

    await t.test(
      'a major hazard turns safety and the zone orange; its acceptance back to blue',
      async (t) => {
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
          headers: riskOffice,
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
      },
    );

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

    const actOnCase = (id: string, action: string, body: Body, who: Who) =>
      actOn(foodDrug.url, `/disposal-cases/${id}`, action, body, who);
    /** The items the aggregator explains for a rule or override, and what the first one's link shows. */
    async function followLink(rule: string) {
      const explained = await aggregator.inject({
        method: 'GET',
        url: `/status/explain?rule=${rule}`,
        headers: riskOffice,
      });
      const items = explained.json().items as { link: string }[];
      // The link is the deployed address (AGGREGATOR_DOMAIN_URLS); its path is read from this process.
      const path = new URL(items[0]?.link ?? '').pathname;
      return { items, linked: await call(foodDrug.url, path, { headers: riskOffice }) };
    }

    await t.test(
      'a school canteen’s unqualified sample: its case yellow; overdue, the zone red',
      async (t) => {
        const canteen = enterpriseCode(43);
        const registered = await call(foodDrug.url, '/businesses', {
          headers: fdOfficer,
          body: schoolCanteen(canteen),
        });
        t.equal(registered.status, 201, JSON.stringify(registered.body));
        let started = Date.now();
        const sample = await call(foodDrug.url, '/samples', {
          headers: fdOfficer,
          body: unqualifiedSample(canteen, zoneDay(Date.now())),
        });
        t.equal(sample.status, 201, JSON.stringify(sample.body));
        const caseId = `case-${sample.body.id as string}`;
        const link = `http://localhost:3003/disposal-cases/${caseId}`;
        t.match(sample.body, { verdict: 'unqualified', caseId }, 'the sample names the case it opened');
        const status = await statusWhere(aggregator, (s) => s.level === 'general', 'the open case: yellow');
        t.comment(`yellow ${since(started)} after the sample was answered`);
        t.equal(status.domains['food-drug']?.level, 'general');
        t.match(
          status.domains['food-drug']?.contributions.find((c) => c.rule === 'food-drug.case-open'),
          { level: 'general', count: 1, items: [{ aggregateType: 'disposal-case', aggregateId: caseId }] },
        );
        const opened = await followLink('food-drug.case-open');
        t.match(opened.items, [{ aggregateId: caseId, link }]);
        t.match(opened.linked, { status: 200, body: { id: caseId, status: 'opened', overdue: false } });
        const enterprise = await aggregator.inject({
          method: 'GET',
          url: `/enterprises/${canteen}/risk`,
          headers: riskOffice,
        });
        t.same(Object.keys(enterprise.json().domains), ['food-drug'], 'the canteen is food-drug’s alone');

        // Past the case's deadline (90 days by the default rule set) for the food-drug service.
        t.equal(await foodDrug.stop(), 0, 'the food-drug service stopped gracefully');
        started = Date.now();
        foodDrug = await startServiceProcess(
          'food-drug',
          { ...foodDrugEnv, CLOCK_SHIFT_DAYS: '91' },
          { teardown },
        );
        const red = await statusWhere(aggregator, (s) => s.level === 'major', 'the case overdue: red');
        t.comment(`red ${since(started)} after the restart with the shifted clock`);
        t.equal(red.domains['food-drug']?.level, 'major');
        t.same(
          red.overrides.map((o) => o.rule),
          ['zone.food-drug.vulnerable-case-overdue'],
        );
        t.match(red.overrides, [
          {
            level: 'major',
            items: [{ domain: 'food-drug', aggregateType: 'disposal-case', aggregateId: caseId }],
          },
        ]);
        const overdue = await followLink('zone.food-drug.vulnerable-case-overdue');
        t.match(overdue.items, [{ aggregateId: caseId, link }]);
        t.match(
          overdue.linked,
          { status: 200, body: { id: caseId, overdue: true } },
          'the service says overdue',
        );

        // Handled late but handled: closed (结案), the override stops firing.
        await actOnCase(caseId, 'start-investigation', { note: '已约谈食堂负责人' }, fdOfficer);
        await actOnCase(
          caseId,
          'record-measures',
          { taken: ['stop-sale'], detail: '同批次停止供应' },
          fdOfficer,
        );
        await actOnCase(caseId, 'close', { outcome: '停止供应，已整改到位' }, fdSupervisor);
        const after = await statusWhere(aggregator, (s) => s.level === 'low', 'closed: back to blue');
        t.same(after.overrides, []);
        t.equal(after.domains['food-drug']?.level, 'low', 'the food-drug domain is back to blue too');
      },
    );

    await t.test(
      'an overdue loan payment turns the zone orange; debt at red makes it red; both undone, blue',
      async (t) => {
        // A loan from 120 days ago, quarterly instalments: the first fell due about a month ago,
        // unpaid; the second is about two months ahead (no unfunded alert within 30 days).
        const start = zoneDay(Date.now() - 120 * DAY_MS);
        const [year, month, day] = start.split('-').map(Number) as [number, number, number];
        const maturity = `${year + 1}-${String(month).padStart(2, '0')}-${String(Math.min(day, 28)).padStart(2, '0')}`;
        const registered = await call(debtService.url, '/instruments', {
          headers: debtOfficer,
          body: {
            id: 'E2E-LOAN-1',
            debtor: { creditCode: enterpriseCode(77), name: '经开产业投资有限公司' },
            name: '项目贷款（端到端）',
            type: 'bank-loan',
            creditor: '某银行南京分行',
            principal: 300_000_000,
            rate: { kind: 'fixed', percent: '4.00' },
            start,
            maturity,
            structure: { kind: 'equal-principal', frequency: 4, dayCount: 'act-360' },
          },
        });
        t.equal(registered.status, 201, JSON.stringify(registered.body));
        const orange = await statusWhere(
          aggregator,
          (s) => s.level === 'significant',
          'the overdue payment: orange',
        );
        t.match(orange.domains.debt, { level: 'significant' });

        const first = (registered.body.schedule as { owedPrincipal: number; owedInterest: number }[])[0];
        const paid = await call(debtService.url, '/instruments/E2E-LOAN-1/repayments', {
          headers: { ...debtOfficer, 'idempotency-key': 'e2e-pay-1' },
          body: {
            date: zoneDay(Date.now()),
            principal: first?.owedPrincipal,
            interest: first?.owedInterest,
            payment: 1,
          },
        });
        t.equal(paid.status, 201, JSON.stringify(paid.body));
        await statusWhere(aggregator, (s) => s.level === 'low', 'paid: back to blue');

        // 2.25 亿 outstanding over 7,500 万 of fiscal capacity: 300.00 %, red, and the zone with it.
        const capacity = await call(debtService.url, `/capacities/${year}`, {
          method: 'PUT',
          headers: debtHead,
          body: { amount: 75_000_000, source: '财政决算（端到端）' },
        });
        t.equal(capacity.status, 201, JSON.stringify(capacity.body));
        const red = await statusWhere(aggregator, (s) => s.level === 'major', 'debt at red: the zone red');
        t.match(red.domains.debt, { level: 'major' });
        const revised = await call(debtService.url, `/capacities/${year}`, {
          method: 'PUT',
          headers: debtHead,
          body: { amount: 7_500_000_000, source: '财政决算（调整）', reason: '口径调整' },
        });
        t.equal(revised.status, 200, JSON.stringify(revised.body));
        await statusWhere(aggregator, (s) => s.level === 'low', '3.00 %: back to blue');
      },
    );

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
        headers: riskOffice,
      });
      t.same(
        Object.keys(enterprise.json().domains).sort(),
        ['environment', 'safety'],
        'one enterprise, both domains',
      );
    });
  },
);
