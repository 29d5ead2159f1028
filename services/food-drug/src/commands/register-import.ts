import { DomainError } from '@zone-risk/domain-service/domain';
import type { TableImport } from '@zone-risk/imports';
import { ConflictError } from '@zone-risk/platform';
import type { BusinessContent } from '../domain/business.ts';
import {
  parseRegisterRow,
  REGISTER_COLUMNS,
  REGISTER_EXAMPLES,
  type RegisterColumn,
} from '../domain/register.ts';
import { registerBusiness } from './businesses.ts';
import type { FoodDrugContext } from './context.ts';

/**
 * The register import: each valid line registers its business (keyed by credit code), updates
 * the fields that differ when it is registered already, or changes nothing — so importing the
 * same file again changes nothing.
 */
export function businessRegister(ctx: FoodDrugContext): TableImport<RegisterColumn, BusinessContent> {
  return {
    noun: 'business register',
    columns: REGISTER_COLUMNS,
    parseRow: parseRegisterRow,
    keyOf: (row) => ({ key: row.creditCode, field: 'creditCode' }),
    async write(row, caller, job) {
      try {
        const result = await registerBusiness(ctx, caller, row, { via: 'import', importId: job.id });
        return { outcome: result.outcome };
      } catch (error) {
        // A row the business refuses (or a change that lost its race too often) is that row's
        // problem, reported on its line; the rest of the file goes on.
        if (error instanceof DomainError || error instanceof ConflictError) {
          return { outcome: 'refused', field: 'creditCode', reason: error.message };
        }
        throw error;
      }
    },
    template: {
      examples: REGISTER_EXAMPLES,
      filename: { zh: '经营主体名录模板', en: 'business-register-template' },
    },
  };
}
