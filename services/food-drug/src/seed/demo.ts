// Demo data for `./infra/platform up`: a register of 18 businesses of every kind, a year of checks
// (some 基本符合 with follow-ups, one 不符合), a committed and published random draw and one
// committed awaiting its public seed, unqualified samples with disposal cases in every state
// (some overdue), a complaint and a serious-violation listing — so grades A to D appear.
//
// It runs the service's own commands (the code the routes run), so every change is written with
// its events into the outbox and the running service's relay publishes them. Time is simulated:
// each step happens on its own day in the past. Idempotent: ids derive from seeds and credit
// codes, and a marker records a finished run.

import { randomBytes } from 'node:crypto';
import { addDays, zoneDay } from '@zone-risk/calendar';
import { creditCodeCheckChar, type PersonRef } from '@zone-risk/contracts';
import {
  type Caller,
  createDomainContext,
  prepareDomainStore,
  runSeed,
  sweepDomainNow,
} from '@zone-risk/domain-service';
import { pino } from 'pino';
import { foodDrugService } from '../app.ts';
import { feedRecord, registerBusiness, setListing } from '../commands/businesses.ts';
import { caseEffects } from '../commands/cases.ts';
import { recordCheckCommand } from '../commands/checks.ts';
import { commitDrawCommand } from '../commands/draws.ts';
import { recordSampleCommand } from '../commands/samples.ts';
import { foodDrugConfigSchema } from '../config.ts';
import {
  closeCase,
  type DisposalCase,
  recordMeasures,
  recordRetest,
  requestRetest,
  startInvestigation,
} from '../domain/disposal-case.ts';
import { serverSeed } from '../domain/draw.ts';
import { drawWithSeed, publishDraw } from '../domain/draw-aggregate.ts';
import { LICENCE_OF_KIND } from '../domain/licence.ts';
import { CHECK_ITEMS, DEMO_BUSINESSES, INSPECTORS } from './businesses.ts';

const officer: PersonRef = { id: 'demo-food-drug-officer', name: '刘洋' };
const supervisor: PersonRef = { id: 'demo-food-drug-supervisor', name: '高峰' };
const quiet = pino({ level: 'silent' });
const caller = (actor: PersonRef, step: string): Caller => ({ actor, correlationId: `seed-${step}` });

await runSeed({
  name: 'food-drug',
  marker: 'food-drug-demo-2026-v1',
  config: foodDrugConfigSchema,
  seed: async ({ config, store, clock }) => {
    const ctx = createDomainContext(foodDrugService, {
      store,
      config,
      clock,
      logger: quiet,
      published: () => undefined,
    });
    await prepareDomainStore(foodDrugService, ctx);
    const codes = DEMO_BUSINESSES.map((b) => `${b.serial}${creditCodeCheckChar(b.serial)}`);

    clock.at(400);
    for (const [i, demo] of DEMO_BUSINESSES.entries()) {
      const { serial: _serial, licence, ...content } = demo;
      await registerBusiness(ctx, caller(officer, `register-${i}`), {
        ...content,
        creditCode: codes[i] ?? '',
        licence: { type: LICENCE_OF_KIND[demo.kind], number: licence },
      });
    }

    // A year of checks: every business once or twice, two inspectors each, on its own day.
    let checks = 0;
    const pair = (n: number) =>
      [INSPECTORS[n % INSPECTORS.length], INSPECTORS[(n + 1) % INSPECTORS.length]] as PersonRef[];
    for (const [i, code] of codes.entries()) {
      const visits = i % 3 === 0 ? 1 : 2;
      for (let v = 0; v < visits; v++) {
        clock.at(330 - i * 9 - v * 120);
        const outcome =
          i === 7 && v === 1 ? 'non-conforming' : i % 5 === 1 ? 'basically-conforming' : 'conforming';
        const failed = outcome !== 'conforming';
        await recordCheckCommand(
          ctx,
          caller(officer, `check-${i}-${v}`),
          {
            creditCode: code,
            type: v === 0 ? 'routine' : 'special',
            date: zoneDay(clock.now()),
            inspectors: pair(i + v),
            items: CHECK_ITEMS.slice(0, 4).map((item, n) => ({
              item,
              result: failed && n === 1 ? 'fail' : 'pass',
              note: failed && n === 1 ? '进货查验记录不全' : null,
            })),
            findings: failed ? '部分进货票据缺失' : '现场整洁，制度落实',
            outcome,
            followUpDeadline: null,
            followUpOf: null,
            drawId: null,
          },
          `seed-check-${i}-${v}`,
        );
        checks += 1;
      }
    }

    // Complaints and a listing: the record moves the grades.
    clock.at(60);
    await feedRecord(ctx, caller(officer, 'complaint'), codes[7] ?? '', {
      kind: 'complaint',
      ref: 'TS-2026-0815',
      date: zoneDay(clock.now()),
      result: 'substantiated',
      void: false,
    });
    await setListing(
      ctx,
      caller(supervisor, 'listing'),
      codes[17] ?? '',
      { listed: true, reason: '宁市监严失〔2026〕12号' },
      {},
    );

    // Samples: unqualified ones open cases, taken to each state.
    const fates = [
      'opened',
      'investigating',
      'retest-requested',
      'unfounded',
      'measures-recorded',
      'closed',
      'overdue',
    ] as const;
    const sampled = [0, 2, 5, 8, 9, 4, 1];
    const cases: Record<string, number> = {};
    for (const [n, fate] of fates.entries()) {
      const i = sampled[n] ?? 0;
      const daysAgo = fate === 'overdue' ? 120 : 40 - n * 5;
      clock.at(daysAgo);
      const { sample } = await recordSampleCommand(
        ctx,
        caller(officer, `sample-${n}`),
        {
          creditCode: codes[i] ?? '',
          product:
            [
              '学生营养午餐（红烧鸡块）',
              '婴幼儿配方乳粉（1段）',
              '散装白酒',
              '冷鲜猪肉',
              '午餐套餐（宫保鸡丁）',
              '低温鲜牛乳',
              '学生营养午餐（番茄炒蛋）',
            ][n] ?? '样品',
          batch: `2026${String(n + 1).padStart(2, '0')}-0${n}`,
          productionDate: zoneDay(clock.now()),
          sampledOn: zoneDay(clock.now()),
          lab: '南京市食品药品监督检验院',
          items: [
            { item: '菌落总数', value: '2.3×10⁵', limit: '≤1×10⁵', unit: 'CFU/g', qualified: false },
            { item: '大肠菌群', value: '<10', limit: '≤10²', unit: 'CFU/g', qualified: true },
          ],
        },
        `seed-sample-${n}`,
      );
      cases[fate] = (cases[fate] ?? 0) + 1;
      const id = sample.caseId ?? '';
      const step = async (
        days: number,
        actor: PersonRef,
        name: string,
        decide: (c: DisposalCase, now: Date) => ReturnType<typeof startInvestigation>,
      ) => {
        clock.at(days);
        return ctx.disposalCases.change(caller(actor, `${name}-${n}`), id, decide);
      };
      if (fate === 'opened') continue;
      await step(daysAgo - 1, officer, 'investigate', (c) =>
        startInvestigation(c, { note: '已约谈企业负责人，调取进货台账' }, officer),
      );
      if (fate === 'investigating' || fate === 'overdue') continue;
      if (fate === 'retest-requested' || fate === 'unfounded') {
        await step(daysAgo - 2, officer, 'retest', (c, now) =>
          requestRetest(c, { lab: '江苏省食品药品监督检验研究院' }, officer, now),
        );
        if (fate === 'unfounded') {
          const closed = await step(daysAgo - 4, supervisor, 'retest-result', (c, now) =>
            recordRetest(c, { qualified: true, report: '复检报告 FJ-2026-118' }, supervisor, now),
          );
          await caseEffects(ctx, caller(officer, `retest-effects-${n}`), closed);
        }
        continue;
      }
      await step(daysAgo - 3, officer, 'measures', (c, now) =>
        recordMeasures(
          c,
          { taken: ['stop-sale', 'penalty'], detail: '责令下架，宁市监罚〔2026〕88号' },
          officer,
          now,
        ),
      );
      if (fate === 'closed') {
        const closed = await step(daysAgo - 5, supervisor, 'close', (c, now) =>
          closeCase(c, { outcome: '下架召回，立案处罚，已整改到位' }, supervisor, now),
        );
        await caseEffects(ctx, caller(supervisor, `close-effects-${n}`), closed);
      }
    }

    // Draws: one published (server seed), one committed and awaiting its public seed.
    clock.at(30);
    const published = await commitDrawCommand(
      ctx,
      caller(officer, 'draw-1'),
      {
        title: '2026年第四季度餐饮服务单位双随机抽查',
        filter: { kinds: ['catering', 'unit-canteen'], grades: [], areas: [] },
        count: 3,
        perBusiness: 2,
        inspectors: INSPECTORS,
        seed: { kind: 'server', source: null, drawDate: null },
      },
      { seed: 'seed-draw-1', maxCandidates: config.DRAW_MAX_CANDIDATES },
    );
    if (published.draw.status === 'committed') {
      await ctx.draws.change(caller(officer, 'draw-1-seed'), published.draw.id, (d, now) =>
        drawWithSeed(d, { value: serverSeed(randomBytes) }, officer, now),
      );
      clock.at(29);
      await ctx.draws.change(caller(supervisor, 'draw-1-publish'), published.draw.id, (d, now) =>
        publishDraw(d, { channel: '开发区管委会门户网站' }, supervisor, now),
      );
    }
    clock.at(0);
    await commitDrawCommand(
      ctx,
      caller(officer, 'draw-2'),
      {
        title: '2027年第一季度食品生产企业双随机抽查',
        filter: { kinds: ['food-production'], grades: [], areas: [] },
        count: 2,
        perBusiness: 2,
        inspectors: INSPECTORS,
        seed: { kind: 'public', source: '中国福利彩票双色球', drawDate: addDays(zoneDay(clock.now()), 3) },
      },
      { seed: 'seed-draw-2', maxCandidates: config.DRAW_MAX_CANDIDATES },
    );

    // Periods that ended and deadlines that passed in the simulated past are noticed now.
    const changed = await sweepDomainNow(foodDrugService, ctx, config);
    const grades = await ctx.businesses.model.find({}, { grade: 1 }).lean<{ grade: string }[]>();
    const byGrade = Object.entries(Object.groupBy(grades, (b) => b.grade))
      .map(([g, list]) => `${list?.length ?? 0} ${g}`)
      .sort();
    return `${codes.length} businesses (grades ${byGrade.join(', ')}), ${checks} checks, ${Object.keys(cases).length} case states, 2 draws; ${changed} changed by time now`;
  },
});
