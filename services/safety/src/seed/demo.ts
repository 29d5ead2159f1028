// Demo data for `./infra/platform up`: ~30 enterprises, ~45 inspections over the last five months
// and their hazards in every state, including overdue and supervised major ones.
//
// It goes through the service's own commands (the same code the routes run), so every change is
// written with its events into the outbox and the running service's relay publishes them. Time is
// simulated: each step runs at its own day in the past, so histories and deadlines look real.
// Idempotent: ids derive from fixed seeds, and a marker records a finished run.

import { addDays, zoneDay } from '@zone-risk/calendar';
import {
  type Caller,
  createDomainContext,
  prepareDomainStore,
  runSeed,
  type SeedClock,
  sweepDomainNow,
} from '@zone-risk/domain-service';
import { pino } from 'pino';
import { safetyService } from '../app.ts';
import type { SafetyContext } from '../commands/context.ts';
import { recordInspection } from '../commands/inspections.ts';
import { safetyConfigSchema } from '../config.ts';
import { findTemplate } from '../data/templates.ts';
import {
  acceptRectification,
  listForSupervision,
  planRectification,
  rejectRectification,
  requestExtension,
  submitForAcceptance,
} from '../domain/decisions.ts';
import type { Hazard } from '../domain/hazard.ts';
import { DEMO_ENTERPRISES, TEMPLATES_FOR } from './enterprises.ts';
import { NOTES, pick, random } from './notes.ts';

const inspectors = [
  { id: 'demo-inspector', name: '王磊' },
  { id: 'insp-liu', name: '刘芳' },
  { id: 'insp-sun', name: '孙浩' },
];
const supervisor = { id: 'demo-supervisor', name: '陈静' };
const caller = (actor: { id: string; name: string }, step: string): Caller => ({
  actor,
  correlationId: `seed-${step}`,
});

/** Moves a freshly reported hazard to one of the demo's end states, day by day. */
async function progress(
  ctx: SafetyContext,
  clock: SeedClock,
  hazard: Hazard,
  daysAgo: number,
  fate: number,
): Promise<void> {
  const day = (offset: number) => addDays(zoneDay(clock.now()), offset);
  const change = (
    step: string,
    actor: { id: string; name: string },
    decide: (h: Hazard, now: Date) => ReturnType<typeof planRectification>,
  ) => ctx.hazards.change(caller(actor, step), hazard.id, decide);
  const me = inspectors[0] as { id: string; name: string };
  const plan = (deadlineIn: number) => (h: Hazard, now: Date) =>
    planRectification(
      h,
      {
        measures: pick(NOTES.measures),
        responsiblePerson: { id: 'ent-contact', name: pick(NOTES.people) },
        funds: Math.round(random() * 50) * 100_000,
        deadline: day(deadlineIn),
      },
      me,
      now,
    );
  if (fate === 0) return; // stays reported
  clock.at(daysAgo - 1);
  await change('plan', me, plan(fate === 4 ? 10 : 30));
  if (fate === 1) return; // rectifying, deadline ahead (or passed for old ones: overdue)
  if (fate === 4) return; // rectifying with a short deadline: overdue by now
  clock.at(daysAgo - 8);
  if (fate === 5) {
    await change('extension', me, (h, now) =>
      requestExtension(h, { requestedDeadline: day(40), reason: pick(NOTES.extensions) }, me, now),
    );
    return; // waiting for a decision
  }
  if (fate === 6 && hazard.grade === 'major') {
    await change('supervision', supervisor, (h, now) =>
      listForSupervision(
        h,
        {
          deadline: day(20),
          authority: '开发区安全生产委员会办公室',
          reference: `开安委办〔${clock.now().getFullYear()}〕${10 + Math.floor(random() * 40)}号`,
        },
        supervisor,
        now,
      ),
    );
    return;
  }
  await change('submit', me, (h, now) =>
    submitForAcceptance(h, { note: '已按方案整改完毕，附整改后照片' }, me, now),
  );
  if (fate === 2) return; // awaiting acceptance
  clock.at(daysAgo - 10);
  if (fate === 7) {
    await change('reject', supervisor, (h) =>
      rejectRectification(h, { reason: pick(NOTES.rejections) }, supervisor),
    );
    return;
  }
  await change('accept', supervisor, (h, now) =>
    acceptRectification(h, { note: '现场复查，整改到位，同意销号' }, supervisor, now),
  );
  if (fate === 8) {
    // closed after an approved extension earlier would need another order; this one is simply closed
  }
}

await runSeed({
  name: 'safety',
  marker: 'demo-2026-v1',
  config: safetyConfigSchema,
  seed: async ({ config, store, clock }) => {
    const logger = pino({ level: 'silent' });
    // The running service's relay publishes what the seed writes: no nudge from here.
    const ctx = createDomainContext(safetyService, {
      store,
      config,
      clock,
      logger,
      published: () => undefined,
    });
    await prepareDomainStore(safetyService, ctx);

    let inspections = 0;
    let raised = 0;
    for (let i = 0; i < 45; i++) {
      const enterprise = DEMO_ENTERPRISES[i % DEMO_ENTERPRISES.length];
      if (!enterprise) continue;
      const daysAgo = 150 - i * 3;
      clock.at(daysAgo);
      const templateId = TEMPLATES_FOR[enterprise.industry][i % 3] ?? 'general-workplace@1';
      const template = await findTemplate(ctx.templates, templateId);
      if (!template) throw new Error(`template ${templateId} missing`);
      const failing = new Set(
        template.items
          .filter(() => random() < 0.18)
          .map((item) => item.code)
          .slice(0, 3),
      );
      const type = (['routine', 'special', 'random', 'self-check'] as const)[i % 4] ?? 'routine';
      const team = type === 'self-check' ? [inspectors[0]] : [inspectors[i % 3], inspectors[(i + 1) % 3]];
      const recorded = await recordInspection(
        ctx,
        caller(inspectors[0] as { id: string; name: string }, `inspection-${i}`),
        {
          enterprise: { creditCode: enterprise.creditCode, name: enterprise.name },
          type,
          date: zoneDay(clock.now()),
          inspectors: team.filter((p) => p !== undefined),
          templateId,
          location: pick(NOTES.locations),
          results: template.items.map((item) =>
            failing.has(item.code)
              ? {
                  itemCode: item.code,
                  result: 'fail' as const,
                  note: pick(NOTES.findings[item.category] ?? ['不符合要求']),
                }
              : {
                  itemCode: item.code,
                  result: random() < 0.08 ? ('not-applicable' as const) : ('pass' as const),
                },
          ),
        },
        `demo:inspection:${i}`,
      );
      inspections += 1;
      if (!recorded.created) continue;
      for (const hazard of recorded.hazards) {
        raised += 1;
        // Old hazards are mostly closed; recent ones spread over every open state.
        const fate = daysAgo > 100 ? [3, 3, 3, 7, 6, 4][raised % 6] : [0, 1, 2, 3, 4, 5, 6, 7][raised % 8];
        await progress(ctx, clock, hazard, daysAgo, fate ?? 3);
      }
    }

    // Deadlines that passed in the simulated past are noticed now, as the running service would.
    clock.at(0);
    const overdue = await sweepDomainNow(safetyService, ctx, config);
    return `${DEMO_ENTERPRISES.length} enterprises, ${inspections} inspections, ${raised} hazards raised, ${overdue} became overdue`;
  },
});
