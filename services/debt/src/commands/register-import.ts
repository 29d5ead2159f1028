import { DomainError, InvalidInput } from '@zone-risk/domain-service/domain';
import type { TableImport } from '@zone-risk/imports';
import { ConflictError } from '@zone-risk/platform';
import {
  columnOfPointer,
  parseRegisterRow,
  REGISTER_COLUMNS,
  REGISTER_EXAMPLES,
  type RegisterColumn,
} from '../domain/register-file.ts';
import { type RegisterRequest, registerInputOf } from '../domain/register-input.ts';
import type { DebtContext } from './context.ts';
import { registerCommand } from './instruments.ts';

/**
 * The register import: each valid line registers its instrument (keyed by its number); the same
 * terms again change nothing, so importing the same file again changes nothing; other terms for
 * a registered number are refused on their line (terms are not edited).
 */
export function instrumentRegister(ctx: DebtContext): TableImport<RegisterColumn, RegisterRequest> {
  return {
    noun: 'debt register',
    columns: REGISTER_COLUMNS,
    parseRow: parseRegisterRow,
    keyOf: (row) => ({ key: row.id, field: 'id' }),
    async write(row, caller) {
      try {
        // A row does not wait for the indicators: rows coming while a recompute runs share the
        // one queued after it, so a file is recomputed a few times, not once a row.
        const { outcome } = await registerCommand(ctx, caller, registerInputOf(row), {
          indicators: 'background',
        });
        return { outcome };
      } catch (error) {
        if (error instanceof InvalidInput && error.fields[0]) {
          // The rule's first field, on the column that holds it.
          const [first] = error.fields;
          return {
            outcome: 'refused',
            field: columnOfPointer(first.pointer) ?? 'id',
            reason: `${error.message}: ${first.reason}`,
          };
        }
        if (error instanceof DomainError || error instanceof ConflictError) {
          return { outcome: 'refused', field: 'id', reason: error.message };
        }
        throw error;
      }
    },
    template: { examples: REGISTER_EXAMPLES, filename: { zh: '债务台账模板', en: 'debt-register-template' } },
  };
}
