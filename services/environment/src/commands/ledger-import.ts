import type { TableImport } from '@zone-risk/imports';
import type { ItemContent } from '../domain/item.ts';
import { COLUMNS, type ColumnKey, itemId, LEDGER_TEMPLATE, parseLedgerRow } from '../domain/ledger.ts';
import type { EnvironmentContext } from './context.ts';
import { registerItem } from './items.ts';

/**
 * 拉条挂账 from a ledger file: each valid line registers its item. The id derives from batch +
 * code, so the same line again is unchanged; a line whose item exists with other content is
 * refused — an item changes through its life cycle, not by re-importing.
 */
export function ledgerImport(ctx: EnvironmentContext): TableImport<ColumnKey, ItemContent> {
  return {
    noun: 'ledger',
    columns: COLUMNS,
    parseRow: parseLedgerRow,
    keyOf: (content) => ({
      key: itemId(content.batch, content.code),
      field: 'code',
      duplicate: 'the same code in the same batch',
    }),
    async write(content, caller, job) {
      const registered = await registerItem(ctx, caller, content, { via: 'import', importId: job.id });
      if (registered.outcome !== 'different') return { outcome: registered.outcome };
      return {
        outcome: 'refused',
        field: 'code',
        reason: `${content.code} is already registered in batch ${content.batch} with different content (item ${registered.id}); change it through the item, not the ledger`,
      };
    },
    template: LEDGER_TEMPLATE,
  };
}
