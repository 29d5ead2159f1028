import type { Page } from '@zone-risk/platform';
import { paginate } from '@zone-risk/platform';
import { BUILTIN_TEMPLATES, BUILTIN_VERSION } from '../domain/builtin-templates.ts';
import { type ChecklistTemplate, type TemplateContent, templateId } from '../domain/template.ts';
import type { SafetyData } from './collections.ts';

export interface TemplateDocument extends Omit<ChecklistTemplate, 'id'> {
  _id: string;
}

function toTemplate(doc: TemplateDocument): ChecklistTemplate {
  const { _id, ...rest } = doc;
  return { id: _id, ...rest };
}

const SYSTEM = { id: 'system', name: '内置' };

/** Built-ins are written once per version ($setOnInsert): a used version never changes under its id. */
export async function ensureBuiltinTemplates(data: SafetyData, now: Date): Promise<void> {
  for (const content of BUILTIN_TEMPLATES) {
    const id = templateId(content.code, BUILTIN_VERSION);
    const doc: Omit<TemplateDocument, '_id'> = {
      ...content,
      version: BUILTIN_VERSION,
      builtIn: true,
      used: false,
      createdBy: SYSTEM,
      createdAt: now,
    };
    await data.templates.updateOne({ _id: id }, { $setOnInsert: doc }, { upsert: true });
  }
}

export async function findTemplate(data: SafetyData, id: string): Promise<ChecklistTemplate | null> {
  const doc = await data.templates.findOne({ _id: id });
  return doc ? toTemplate(doc) : null;
}

/** The highest version of a code (versions of one code are few: sorting them in JS is fine). */
export async function latestTemplate(data: SafetyData, code: string): Promise<ChecklistTemplate | null> {
  const docs = await data.templates.find({ code }).toArray();
  const latest = docs.sort((a, b) => b.version - a.version)[0];
  return latest ? toTemplate(latest) : null;
}

export async function listTemplates(
  data: SafetyData,
  filter: { code?: string | undefined },
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<ChecklistTemplate>> {
  const query: Record<string, unknown> = {};
  if (filter.code !== undefined) query.code = filter.code;
  const result = await paginate(data.templates, { filter: query, ...page, sortField: '_id', direction: 1 });
  return { items: result.items.map(toTemplate), nextCursor: result.nextCursor };
}

/**
 * Marks a version used before an inspection reads its items, so that a concurrent revision either
 * lands before (and the inspection sees it) or finds the version used (and becomes a new version).
 */
export async function markTemplateUsed(data: SafetyData, id: string): Promise<void> {
  await data.templates.updateOne({ _id: id, used: false }, { $set: { used: true } });
}

/** @returns false when the id is taken. */
export async function insertTemplate(data: SafetyData, template: ChecklistTemplate): Promise<boolean> {
  const { id, ...fields } = template;
  try {
    await data.templates.insertOne({ _id: id, ...fields });
    return true;
  } catch (error) {
    if ((error as { code?: number }).code === 11000) return false;
    throw error;
  }
}

/** Rewrites a version no inspection has used. @returns false when it was used meanwhile. */
export async function replaceUnusedTemplate(
  data: SafetyData,
  id: string,
  content: TemplateContent,
  by: { id: string; name?: string },
  now: Date,
): Promise<boolean> {
  const result = await data.templates.updateOne(
    { _id: id, used: false, builtIn: false },
    {
      $set: {
        title: content.title,
        description: content.description,
        items: content.items,
        createdBy: by,
        createdAt: now,
      },
    },
  );
  return result.matchedCount === 1;
}
