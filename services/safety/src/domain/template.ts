import { hazardCategory, personRef } from '@zone-risk/contracts';
import { type FieldReason, InvalidInput } from '@zone-risk/domain-service/domain';
import { z } from 'zod';

/** The standard an item rests on; `clause` names the article or the situation the standard words. */
const itemBasis = z.object({ standard: z.string(), clause: z.string().nullish() });
export type ItemBasis = z.infer<typeof itemBasis>;

const templateItem = z.object({
  code: z.string(),
  text: z.string(),
  category: hazardCategory,
  basis: itemBasis,
  /** Failing it is a major hazard (重大事故隐患) on the item's basis, which must then name a clause. */
  majorIfFailed: z.boolean(),
});
export type TemplateItem = z.infer<typeof templateItem>;

const templateContent = z.object({
  code: z.string(),
  title: z.string(),
  description: z.string(),
  items: z.array(templateItem),
});
export type TemplateContent = z.infer<typeof templateContent>;

/**
 * A checklist template version. Versions are immutable once an inspection used them: an admin's
 * revision of a used version becomes the next version, and old inspections keep pointing at theirs.
 */
export const checklistTemplate = templateContent.extend({
  id: z.string(),
  version: z.int(),
  builtIn: z.boolean(),
  used: z.boolean(),
  createdBy: personRef,
  createdAt: z.date(),
});
export type ChecklistTemplate = z.infer<typeof checklistTemplate>;

export function templateId(code: string, version: number): string {
  return `${code}@${version}`;
}

/** Rules zod cannot express on its own: unique item codes, a clause behind every major item. */
export function validateTemplateContent(content: TemplateContent): void {
  const errors: FieldReason[] = [];
  const seen = new Set<string>();
  content.items.forEach((item, index) => {
    if (seen.has(item.code))
      errors.push({ pointer: `/items/${index}/code`, reason: `duplicates item ${item.code}` });
    seen.add(item.code);
    if (item.majorIfFailed && !item.basis.clause?.trim()) {
      errors.push({
        pointer: `/items/${index}/basis/clause`,
        reason: 'is required when failing the item is a major hazard',
      });
    }
  });
  if (errors.length > 0) throw new InvalidInput('The checklist template is invalid', errors);
}
