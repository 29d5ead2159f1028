import { StoredStateError } from '@zone-risk/domain-service';
import { type Page, paginate } from '@zone-risk/platform';
import { storeModel } from '@zone-risk/store';
import type { Connection, Model } from 'mongoose';
import { BUILTIN_TEMPLATES, BUILTIN_VERSION } from '../domain/builtin-templates.ts';
import {
  type ChecklistTemplate,
  checklistTemplate,
  type TemplateContent,
  templateId,
} from '../domain/template.ts';

/** A template version as stored: `_id` is `<code>@<version>`. */
export interface TemplateDocument extends Omit<ChecklistTemplate, 'id'> {
  _id: string;
}

export type Templates = Model<TemplateDocument>;

export const templateModel = (connection: Connection): Templates =>
  storeModel(connection, {
    name: 'Template',
    collection: 'templates',
    fields: checklistTemplate.omit({ id: true }),
    indexes: ['code'],
  });

function toTemplate(doc: TemplateDocument): ChecklistTemplate {
  const parsed = checklistTemplate.safeParse({ ...doc, id: doc._id });
  if (parsed.success) return parsed.data;
  throw new StoredStateError(doc._id, 'templates', parsed.error);
}

const SYSTEM = { id: 'system', name: '内置' };

/** Built-ins are written once per version ($setOnInsert): a used version never changes under its id. */
export async function ensureBuiltinTemplates(templates: Templates, now: Date): Promise<void> {
  for (const content of BUILTIN_TEMPLATES) {
    const doc: Omit<TemplateDocument, '_id'> = {
      ...content,
      version: BUILTIN_VERSION,
      builtIn: true,
      used: false,
      createdBy: SYSTEM,
      createdAt: now,
    };
    await templates.updateOne(
      { _id: templateId(content.code, BUILTIN_VERSION) },
      { $setOnInsert: doc },
      { upsert: true },
    );
  }
}

export async function findTemplate(templates: Templates, id: string): Promise<ChecklistTemplate | null> {
  const doc = await templates.findOne({ _id: id }).lean<TemplateDocument>();
  return doc ? toTemplate(doc) : null;
}

/** The highest version of a code (versions of one code are few: sorting them in JS is fine). */
export async function latestTemplate(templates: Templates, code: string): Promise<ChecklistTemplate | null> {
  const docs = await templates.find({ code }).lean<TemplateDocument[]>();
  const latest = docs.sort((a, b) => b.version - a.version)[0];
  return latest ? toTemplate(latest) : null;
}

export async function listTemplates(
  templates: Templates,
  filter: { code?: string | undefined },
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<ChecklistTemplate>> {
  const query: Record<string, unknown> = {};
  if (filter.code !== undefined) query.code = filter.code;
  const result = await paginate<TemplateDocument>(templates, {
    filter: query,
    ...page,
    sortField: '_id',
    direction: 1,
  });
  return { items: result.items.map(toTemplate), nextCursor: result.nextCursor };
}

/**
 * Marks a version used before an inspection reads its items, so that a concurrent revision either
 * lands before (and the inspection sees it) or finds the version used (and becomes a new version).
 */
export async function markTemplateUsed(templates: Templates, id: string): Promise<void> {
  await templates.updateOne({ _id: id, used: false }, { $set: { used: true } });
}

/** @returns false when the id is taken. */
export async function insertTemplate(templates: Templates, template: ChecklistTemplate): Promise<boolean> {
  const { id, ...fields } = template;
  try {
    await templates.insertOne({ _id: id, ...fields });
    return true;
  } catch (error) {
    if ((error as { code?: number }).code === 11000) return false;
    throw error;
  }
}

/** Rewrites a version no inspection has used. @returns false when it was used meanwhile. */
export async function replaceUnusedTemplate(
  templates: Templates,
  id: string,
  content: TemplateContent,
  by: { id: string; name?: string },
  now: Date,
): Promise<boolean> {
  const result = await templates.updateOne(
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
