// The pure part of the kit, for a service's `domain/`: no I/O, no HTTP, no store.
export { type Decision, decided, type Step } from './decision.ts';
export { Conflict, DomainError, type FieldReason, Forbidden, InvalidInput, NotAllowed } from './errors.ts';
export { type MachineSpec, type StateMachine, stateMachine, type Target } from './machine.ts';
export { NoChange } from './no-change.ts';
