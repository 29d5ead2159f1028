import { derive, type Item } from '../domain/item.ts';

/** The state every item event carries, so the aggregator needs nothing else to rate the risk. */
export function itemStateData(item: Item, version: number) {
  return {
    source: item.source,
    batch: item.batch,
    code: item.code,
    category: item.category,
    severity: item.severity,
    responsibleUnit: item.responsibleUnit,
    enterprise: item.enterprise,
    status: item.status,
    deadline: item.deadline,
    overdue: derive(item).overdue,
    progress: item.progress,
    recurrences: item.recurrences,
    version,
    registeredAt: item.registeredAt.toISOString(),
  };
}
