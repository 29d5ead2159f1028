import { zoneDay } from '@zone-risk/calendar';
import { Conflict, Forbidden, InvalidInput } from '@zone-risk/domain-service/domain';
import type { Basis, Grade, Hazard, Person } from './hazard.ts';

/**
 * Who verifies may not be who found it: a supervisor never accepts, rejects, extends or lists a
 * hazard they reported or found in an inspection (the closed loop needs a second pair of eyes).
 */
export function requireIndependentSupervisor(hazard: Hazard, actor: Person, doing: string): void {
  const finders = [hazard.reportedBy, ...hazard.inspectors];
  if (finders.some((person) => person.id === actor.id)) {
    throw new Forbidden(
      `You reported or inspected hazard ${hazard.id}, so you cannot ${doing} it: another safety supervisor must`,
      { reason: 'own-hazard' },
    );
  }
}

/** A deadline is an inclusive zone day; one already gone cannot be met. */
export function requireFutureDeadline(day: string, now: Date, pointer: string): void {
  const today = zoneDay(now);
  if (day < today) {
    throw new InvalidInput(`The deadline ${day} is in the past (today is ${today} in the zone)`, [
      { pointer, reason: `must be ${today} or later` },
    ]);
  }
}

/** A major hazard (重大事故隐患) must say which standard and clause make it major. */
export function requireBasisForMajor(grade: Grade, basis: Basis | null | undefined, pointer: string): void {
  if (grade !== 'major') return;
  if (!basis || basis.standard.trim() === '' || basis.clause.trim() === '') {
    throw new InvalidInput(
      'A major hazard must cite its determination basis: the standard and the clause (e.g. 工贸企业重大事故隐患判定标准)',
      [{ pointer, reason: 'is required for a major hazard (standard and clause)' }],
    );
  }
}

/** 挂牌督办 applies to major hazards, once. */
export function requireSupervisable(hazard: Hazard): void {
  if (hazard.grade !== 'major') {
    throw new Conflict(
      `Hazard ${hazard.id} is a general hazard; only major hazards can be listed for supervision`,
      { currentState: hazard.status, grade: hazard.grade },
    );
  }
  if (hazard.supervision !== null) {
    throw new Conflict(`Hazard ${hazard.id} is already listed for supervision`, {
      currentState: hazard.status,
      supervisionDeadline: hazard.supervision.deadline,
    });
  }
}

/** Evidence per hazard is bounded: the document carries its photo list. */
export const MAX_PHOTOS_PER_HAZARD = 20;
