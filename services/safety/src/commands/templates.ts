import { ConflictError, NotFoundError } from '@zone-risk/platform';
import { insertTemplate, latestTemplate, replaceUnusedTemplate } from '../data/templates.ts';
import type { Person } from '../domain/hazard.ts';
import {
  type ChecklistTemplate,
  type TemplateContent,
  templateId,
  validateTemplateContent,
} from '../domain/template.ts';
import type { SafetyContext } from './context.ts';

/** An admin's own checklist, version 1. */
export async function createTemplate(
  ctx: SafetyContext,
  by: Person,
  content: TemplateContent,
): Promise<ChecklistTemplate> {
  validateTemplateContent(content);
  const template: ChecklistTemplate = {
    ...content,
    id: templateId(content.code, 1),
    version: 1,
    builtIn: false,
    used: false,
    createdBy: by,
    createdAt: ctx.clock.now(),
  };
  if (!(await insertTemplate(ctx.templates, template))) {
    throw new ConflictError(
      `Template ${content.code} exists; revise it with PUT /checklist-templates/${content.code}`,
      {
        code: content.code,
      },
    );
  }
  return template;
}

/**
 * Revises a template: the latest version is rewritten while no inspection has used it, otherwise
 * the revision becomes the next version (a used version is immutable; its inspections keep it).
 */
export async function reviseTemplate(
  ctx: SafetyContext,
  by: Person,
  content: TemplateContent,
): Promise<{ template: ChecklistTemplate; newVersion: boolean }> {
  validateTemplateContent(content);
  const latest = await latestTemplate(ctx.templates, content.code);
  if (!latest) throw new NotFoundError(`Template ${content.code} does not exist; create it with POST`);
  if (latest.builtIn) {
    throw new ConflictError(`Template ${content.code} is built in; create your own code instead`, {
      code: content.code,
      builtIn: true,
    });
  }
  const now = ctx.clock.now();
  if (!latest.used && (await replaceUnusedTemplate(ctx.templates, latest.id, content, by, now))) {
    return { template: { ...latest, ...content, createdBy: by, createdAt: now }, newVersion: false };
  }
  const version = latest.version + 1;
  const template: ChecklistTemplate = {
    ...content,
    id: templateId(content.code, version),
    version,
    builtIn: false,
    used: false,
    createdBy: by,
    createdAt: now,
  };
  if (!(await insertTemplate(ctx.templates, template))) {
    throw new ConflictError(`Template ${content.code} was revised at the same time; read it again`, {
      code: content.code,
    });
  }
  return { template, newVersion: true };
}
