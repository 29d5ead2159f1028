import { endOfZoneDay } from '@zone-risk/calendar';
import {
  debtIndicatorsEvents,
  debtInstrumentEvents,
  debtTaskEvents,
  fiscalCapacityEvents,
} from '@zone-risk/contracts';
import { defineAggregate } from '@zone-risk/domain-service';
import { z } from 'zod';
import { indicatorsState } from '../domain/indicators-aggregate.ts';
import { type Instrument, instrumentState, owed } from '../domain/instrument.ts';
import { capacityState, taskState } from '../domain/task.ts';
import {
  capacityStateData,
  indicatorsStateData,
  instrumentStateData,
  taskStateData,
} from '../events/state-data.ts';

// The service's aggregates: each a collection whose documents hold state, timeline and outbox.
// Derived fields make the hot filters top-level equalities (the only ones FerretDB pushes down).

const source = '/services/debt';

/** The first payment still owed that is not yet overdue: the instrument's timer. */
function nextDue(i: Instrument): Date | null {
  const line = i.schedule.find((l) => {
    const left = owed(l);
    return !l.overdue && left.principal + left.interest > 0;
  });
  return line ? endOfZoneDay(line.dueDate) : null;
}

export const instruments = defineAggregate({
  type: 'debt-instrument',
  noun: 'Debt instrument',
  collection: 'instruments',
  state: instrumentState,
  derived: {
    schema: z.object({
      debtorCode: z.string(),
      overdue: z.boolean(),
      /** Has a side of a replacement: what reconcile.ts looks at after a stop. */
      linked: z.boolean(),
      timerArmed: z.boolean(),
      nextDueAt: z.date().nullable(),
    }),
    of: (i: Instrument) => ({
      debtorCode: i.debtor.creditCode,
      overdue: i.overdueAmount > 0,
      linked: i.postings.some((p) => p.counterpart !== null),
      timerArmed: nextDue(i) !== null,
      nextDueAt: nextDue(i),
    }),
  },
  indexes: ['debtorCode', 'type', 'status', 'overdue', 'linked'],
  timer: { armed: 'timerArmed' },
  events: { source, definitions: debtInstrumentEvents, stateData: instrumentStateData },
  notFound: (id) => `Debt instrument ${id} is not on the register`,
});

export const tasks = defineAggregate({
  type: 'debt-task',
  noun: 'Reduction task',
  collection: 'tasks',
  state: taskState,
  events: { source, definitions: debtTaskEvents, stateData: taskStateData },
  notFound: (year) => `No reduction task is set for ${year}`,
});

export const capacities = defineAggregate({
  type: 'fiscal-capacity',
  noun: 'Fiscal capacity',
  collection: 'capacities',
  state: capacityState,
  events: { source, definitions: fiscalCapacityEvents, stateData: capacityStateData },
  notFound: (year) => `No fiscal capacity is entered for ${year}`,
});

export const indicators = defineAggregate({
  type: 'debt-indicators',
  noun: 'Debt indicators',
  collection: 'indicators',
  state: indicatorsState,
  events: { source, definitions: debtIndicatorsEvents, stateData: indicatorsStateData },
  notFound: () => 'The debt indicators are not computed yet',
});

export const debtAggregates = { instruments, tasks, capacities, indicators };
export type DebtAggregates = typeof debtAggregates;
