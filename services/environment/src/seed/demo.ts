// Demo data for `./infra/platform up`: a central-inspection batch and a provincial one, 40
// rectification items in every state — pending, in progress (some overdue, one returned), awaiting
// acceptance, city-accepted, accepted, on public notice, closed, and closed-then-recurred.
//
// It runs the service's own commands (the code the routes run), so every change is written with
// its events into the outbox and the running service's relay publishes them. Time is simulated:
// each step happens on its own day in the past. Idempotent: ids derive from batch + code, and a
// marker records a finished run.

import { addDays, zoneDay } from '@zone-risk/calendar';
import {
  type Caller,
  createDomainContext,
  prepareDomainStore,
  runSeed,
  sweepDomainNow,
} from '@zone-risk/domain-service';
import { pino } from 'pino';
import { environmentService } from '../app.ts';
import { registerItem } from '../commands/items.ts';
import { environmentConfigSchema } from '../config.ts';
import {
  accept,
  type Decision,
  publishNotice,
  recur,
  reportProgress,
  requestAcceptance,
  returnItem,
} from '../domain/decisions.ts';
import type { Item, Person } from '../domain/item.ts';
import { BATCHES, PROBLEMS } from './problems.ts';

const staff: Person = { id: 'demo-env-staff', name: '李娜' };
const supervisor: Person = { id: 'demo-env-supervisor', name: '周强' };
const quiet = pino({ level: 'silent' });
const caller = (actor: Person, step: string): Caller => ({ actor, correlationId: `seed-${step}` });

const FATES = [
  'pending',
  'overdue',
  'in-progress',
  'acceptance-requested',
  'city-accepted',
  'accepted',
  'public-notice',
  'closed',
  'returned',
  'recurred',
] as const;

await runSeed({
  name: 'environment',
  marker: 'environment-demo-2026-v1',
  config: environmentConfigSchema,
  seed: async ({ config, store, clock }) => {
    // The running service's relay publishes what the seed writes: no nudge from here.
    const ctx = createDomainContext(environmentService, {
      store,
      config,
      clock,
      logger: quiet,
      published: () => undefined,
    });
    await prepareDomainStore(environmentService, ctx);
    const sweepTime = () => sweepDomainNow(environmentService, ctx, config);
    const change = (id: string, actor: Person, step: string, decide: (item: Item, now: Date) => Decision) =>
      ctx.items.change(caller(actor, step), id, decide);

    let registered = 0;
    const tally: Record<string, number> = {};
    for (const [b, batch] of BATCHES.entries()) {
      for (let i = 0; i < 20; i++) {
        const problem = PROBLEMS[(i + b * 7) % PROBLEMS.length];
        if (!problem) continue;
        const fate = FATES[i % FATES.length] ?? 'pending';
        const start = 130 - i * 2;
        clock.at(start);
        // Overdue ones had a deadline 60 days after registration (now past); the others are ahead.
        const deadline = addDays(zoneDay(clock.now()), fate === 'overdue' ? 60 : 200 + i * 3);
        const result = await registerItem(ctx, caller(staff, `register-${b}-${i}`), {
          ...problem,
          source: batch.source,
          batch: batch.name,
          code: `${batch.prefix}-${String(i + 1).padStart(3, '0')}`,
          deadline,
        });
        if (result.outcome !== 'created') continue;
        registered += 1;
        tally[fate] = (tally[fate] ?? 0) + 1;
        const id = result.item.id;
        const step = (
          daysAgo: number,
          actor: Person,
          name: string,
          decide: (item: Item, now: Date) => Decision,
        ) => {
          clock.at(daysAgo);
          return change(id, actor, `${name}-${b}-${i}`, decide);
        };
        if (fate === 'pending') continue;
        await step(start - 10, staff, 'progress', (item, now) =>
          reportProgress(item, { percent: 40, note: '已制定整改方案并开工', evidence: [] }, staff, now),
        );
        if (fate === 'overdue' || fate === 'in-progress') continue;
        await step(start - 40, staff, 'progress', (item, now) =>
          reportProgress(item, { percent: 100, note: '整改工程完工，附监测报告', evidence: [] }, staff, now),
        );
        await step(start - 41, staff, 'request', (item, now) =>
          requestAcceptance(item, { note: '申请验收' }, staff, now),
        );
        if (fate === 'acceptance-requested') continue;
        if (fate === 'returned') {
          await step(start - 45, supervisor, 'return', (item) =>
            returnItem(item, { reason: '监测数据不足，需补充连续三个月数据' }, supervisor),
          );
          continue;
        }
        await step(start - 45, supervisor, 'accept-city', (item, now) =>
          accept(item, { level: 'city', note: '市级现场核查通过' }, supervisor, now),
        );
        if (fate === 'city-accepted') continue;
        await step(start - 55, supervisor, 'accept-province', (item, now) =>
          accept(item, { level: 'province', note: '省级验收通过' }, supervisor, now),
        );
        if (fate === 'accepted') continue;
        // On notice now: published two days ago. Closed: published long ago, closed when it ended.
        await step(fate === 'public-notice' ? 2 : start - 60, supervisor, 'notice', (item, now) =>
          publishNotice(item, { channel: '开发区管委会门户网站' }, supervisor, now, ctx.noticeWorkingDays),
        );
        if (fate === 'public-notice') continue;
        clock.at(start - 75);
        await sweepTime();
        if (fate === 'recurred') {
          await step(5, staff, 'recur', (item, now) =>
            recur(item, { reason: '复查发现问题反弹', deadline: addDays(zoneDay(now), 60) }, staff, now),
          );
        }
      }
    }

    // Deadlines that passed in the simulated past are noticed now, as the running service would.
    clock.at(0);
    const changed = await sweepTime();
    return `${registered} items in ${BATCHES.length} batches (${Object.entries(tally)
      .map(([fate, n]) => `${n} ${fate}`)
      .join(', ')}); ${changed} changed by time now`;
  },
});
