export { type Clock, ManualClock, shiftedClock, systemClock } from './clock.ts';
export { addWorkingDays, isWorkingDay } from './working-days.ts';
export { addDays, endOfZoneDay, monthsBetween, zoneDay, zoneMonth } from './zone.ts';
