import { CATEGORIES, type Category, COMPLETED, SOURCES, type Source } from './item.ts';
import { ITEM_STATUSES, type ItemStatus } from './machine.ts';

/** What statistics need of one item (a projection, not the whole document). */
export interface ItemFigure {
  source: Source;
  category: Category;
  status: ItemStatus;
  deadline: string;
  overdue: boolean;
  recurrences: number;
}

interface Slice {
  total: number;
  completed: number;
  overdue: number;
}

export interface Statistics {
  total: number;
  byStatus: Record<ItemStatus, number>;
  bySource: Record<Source, Slice>;
  byCategory: Record<Category, Slice>;
  /** Accepted, on notice or closed. */
  completed: number;
  /** completed / total; null when there is nothing. */
  completionRate: number | null;
  /** Against plan: of the items whose deadline is today or earlier, how many are completed. */
  plan: { dueByToday: number; completedOfDue: number; rate: number | null };
  /** Not yet accepted and past the deadline now. */
  overdue: number;
  recurrences: { items: number; total: number };
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;
const slices = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((key) => [key, { total: 0, completed: 0, overdue: 0 }])) as Record<K, Slice>;

export function statisticsOf(items: readonly ItemFigure[], today: string): Statistics {
  const byStatus = Object.fromEntries(ITEM_STATUSES.map((s) => [s, 0])) as Record<ItemStatus, number>;
  const bySource = slices(SOURCES);
  const byCategory = slices(CATEGORIES);
  let completed = 0;
  let overdue = 0;
  let dueByToday = 0;
  let completedOfDue = 0;
  let recurredItems = 0;
  let recurrences = 0;
  for (const item of items) {
    const done = COMPLETED.includes(item.status);
    byStatus[item.status] += 1;
    for (const slice of [bySource[item.source], byCategory[item.category]]) {
      slice.total += 1;
      if (done) slice.completed += 1;
      if (item.overdue) slice.overdue += 1;
    }
    if (done) completed += 1;
    if (item.overdue) overdue += 1;
    if (item.deadline <= today) {
      dueByToday += 1;
      if (done) completedOfDue += 1;
    }
    if (item.recurrences > 0) recurredItems += 1;
    recurrences += item.recurrences;
  }
  return {
    total: items.length,
    byStatus,
    bySource,
    byCategory,
    completed,
    completionRate: items.length === 0 ? null : round(completed / items.length),
    plan: { dueByToday, completedOfDue, rate: dueByToday === 0 ? null : round(completedOfDue / dueByToday) },
    overdue,
    recurrences: { items: recurredItems, total: recurrences },
  };
}
