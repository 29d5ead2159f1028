import { businessEvents } from './businesses.ts';
import { checkEvents } from './checks.ts';
import { drawEvents } from './draws.ts';
import { disposalCaseEvents, sampleEvents } from './samples.ts';

export * from './businesses.ts';
export * from './checks.ts';
export * from './draws.ts';
export * from './fields.ts';
export * from './samples.ts';

export const foodDrugEvents = [
  ...businessEvents,
  ...checkEvents,
  ...drawEvents,
  ...sampleEvents,
  ...disposalCaseEvents,
] as const;
