import { ValidationError } from '@zone-risk/platform';
import type { Category } from './hazard.ts';

/** The standard an item rests on; `clause` names the article or the situation the standard words. */
export interface ItemBasis {
  standard: string;
  clause?: string | null;
}

export interface TemplateItem {
  code: string;
  text: string;
  category: Category;
  basis: ItemBasis;
  /** Failing it is a major hazard (重大事故隐患) on the item's basis, which must then name a clause. */
  majorIfFailed: boolean;
}

export interface TemplateContent {
  code: string;
  title: string;
  description: string;
  items: TemplateItem[];
}

/**
 * A checklist template version. Versions are immutable once an inspection used them: an admin's
 * revision of a used version becomes the next version, and old inspections keep pointing at theirs.
 */
export interface ChecklistTemplate extends TemplateContent {
  id: string;
  version: number;
  builtIn: boolean;
  used: boolean;
  createdBy: { id: string; name?: string };
  createdAt: Date;
}

export function templateId(code: string, version: number): string {
  return `${code}@${version}`;
}

/** Rules zod cannot express on its own: unique item codes, a clause behind every major item. */
export function validateTemplateContent(content: TemplateContent): void {
  const errors: { location: string; pointer: string; message: string }[] = [];
  const seen = new Set<string>();
  content.items.forEach((item, index) => {
    if (seen.has(item.code)) {
      errors.push({
        location: 'body',
        pointer: `/items/${index}/code`,
        message: `duplicates item ${item.code}`,
      });
    }
    seen.add(item.code);
    if (item.majorIfFailed && !item.basis.clause?.trim()) {
      errors.push({
        location: 'body',
        pointer: `/items/${index}/basis/clause`,
        message: 'is required when failing the item is a major hazard',
      });
    }
  });
  if (errors.length > 0) throw new ValidationError('The checklist template is invalid', errors);
}
