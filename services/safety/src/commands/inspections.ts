import type { Caller } from '@zone-risk/domain-service';
import { newId } from '@zone-risk/domain-service';
import { OutboxConflictError } from '@zone-risk/messaging';
import { ValidationError } from '@zone-risk/platform';
import { upsertEnterprise } from '../data/enterprises.ts';
import { findTemplate, markTemplateUsed } from '../data/templates.ts';
import { type Decision, reportHazard } from '../domain/decisions.ts';
import type { Hazard } from '../domain/hazard.ts';
import {
  checkInspection,
  countResults,
  recordInspection as decideRecord,
  type Inspection,
  type InspectionInput,
} from '../domain/inspection.ts';
import type { SafetyContext } from './context.ts';
import { createHazard } from './hazards.ts';

export interface Recorded {
  inspection: Inspection;
  hazards: Hazard[];
  created: boolean;
}

async function loadRecorded(ctx: SafetyContext, inspection: Inspection): Promise<Recorded> {
  const hazards = await Promise.all(inspection.hazardIds.map((id) => ctx.hazards.find(id)));
  return { inspection, hazards: hazards.filter((h): h is Hazard => h !== null), created: false };
}

/**
 * Records an inspection and raises a hazard for each failed item, in one request. Without
 * multi-document transactions the hazards are written first (each with its HazardReported), then
 * the inspection. Their ids derive from the inspection id, which derives from the Idempotency-Key
 * when there is one: a re-run after a crash completes the work instead of duplicating it.
 */
export async function recordInspection(
  ctx: SafetyContext,
  caller: Caller,
  input: InspectionInput,
  idSeed?: string,
): Promise<Recorded> {
  const id = newId('insp', idSeed);
  if (idSeed !== undefined) {
    const existing = await ctx.inspections.find(id);
    if (existing) return loadRecorded(ctx, existing);
  }
  const known = await findTemplate(ctx.templates, input.templateId);
  if (!known) {
    throw new ValidationError(`Checklist template ${input.templateId} does not exist`, [
      { location: 'body', pointer: '/templateId', message: 'is not a known template id (<code>@<version>)' },
    ]);
  }
  // Used from now on: a revision made meanwhile becomes a new version, never a change under us.
  if (!known.used) await markTemplateUsed(ctx.templates, known.id);
  const template = (await findTemplate(ctx.templates, known.id)) ?? known;

  const now = ctx.clock.now();
  const failures = checkInspection(input, template, now);
  const decisions: Decision[] = failures.map((failure) =>
    reportHazard(
      {
        id: newId('hz', `${id}:${failure.item.code}`),
        zoneId: ctx.zoneId,
        enterprise: input.enterprise,
        location: failure.location,
        description: failure.description,
        category: failure.item.category,
        grade: failure.grade,
        basis: failure.basis,
        deadline: failure.result.deadline ?? null,
        inspectionId: id,
        inspectors: input.inspectors,
        checklistItemCode: failure.item.code,
      },
      caller.actor,
      now,
      `/results/${failure.index}`,
    ),
  );

  await upsertEnterprise(ctx.enterprises, input.enterprise, now);
  const hazards: Hazard[] = [];
  for (const decision of decisions) hazards.push((await createHazard(ctx, caller, decision, now)).hazard);

  const raised = new Map(failures.map((failure, i) => [failure.item.code, decisions[i]?.state]));
  const decision = decideRecord({
    id,
    zoneId: ctx.zoneId,
    enterprise: input.enterprise,
    type: input.type,
    date: input.date,
    inspectors: input.inspectors,
    location: input.location ?? null,
    template: { id: template.id, code: template.code, version: template.version, title: template.title },
    results: input.results.map((result) => {
      const hazard = raised.get(result.itemCode);
      return { ...result, hazardId: hazard?.id ?? null, ...(hazard ? { grade: hazard.grade } : {}) };
    }),
    counts: countResults(input.results),
    hazardIds: hazards.map((hazard) => hazard.id),
    recordedBy: caller.actor,
    recordedAt: now,
  });
  try {
    await ctx.inspections.create(caller, decision, now);
  } catch (error) {
    if (!(error instanceof OutboxConflictError)) throw error;
    const existing = await ctx.inspections.find(id);
    if (!existing) throw error;
    return loadRecorded(ctx, existing);
  }
  return { inspection: decision.state, hazards, created: true };
}
