import { debtIndicatorsEvents } from './indicators.ts';
import { debtInstrumentEvents } from './instruments.ts';
import { debtTaskEvents, fiscalCapacityEvents } from './tasks.ts';

export * from './fields.ts';
export * from './indicators.ts';
export * from './instruments.ts';
export * from './tasks.ts';

export const debtEvents = [
  ...debtInstrumentEvents,
  ...debtTaskEvents,
  ...fiscalCapacityEvents,
  ...debtIndicatorsEvents,
] as const;
