import { addDays, endOfZoneDay, zoneDay } from '@zone-risk/calendar';
import {
  businessCategory,
  businessKind,
  checkItemResult,
  checkOutcome,
  checkStatus,
  checkType,
  type PersonRef,
  personRef,
} from '@zone-risk/contracts';
import { type Decision as DecisionOf, decided, InvalidInput } from '@zone-risk/domain-service/domain';
import { z } from 'zod';
import type { Business } from './business.ts';
import type { CheckFact } from './facts.ts';

// A supervision check (监督检查): recorded once by the inspectors who did it. 基本符合 leaves a
// follow-up (复查) due by a deadline; 不符合 opens a disposal case (the command does).

export const businessRef = z.object({
  creditCode: z.string(),
  name: z.string(),
  kind: businessKind,
  categories: z.array(businessCategory),
});

export const checkState = z.object({
  id: z.string(),
  zoneId: z.string(),
  business: businessRef,
  type: checkType,
  date: z.string(),
  inspectors: z.array(personRef),
  items: z.array(checkItemResult),
  findings: z.string().nullable(),
  outcome: checkOutcome,
  status: checkStatus,
  followUpDeadline: z.string().nullable(),
  followUpOverdue: z.boolean().default(false),
  followUpOf: z.string().nullable(),
  followUpCheckId: z.string().nullable().default(null),
  drawId: z.string().nullable(),
  caseId: z.string().nullable(),
  recordedBy: personRef,
  recordedAt: z.date(),
  version: z.int(),
});
export type Check = z.infer<typeof checkState>;
export type CheckDecision = DecisionOf<Check, CheckFact>;
export type CheckInput = Pick<
  Check,
  'type' | 'date' | 'inspectors' | 'items' | 'findings' | 'outcome' | 'followUpOf' | 'drawId'
> & { followUpDeadline?: string | null | undefined };

/** A check is carried out by at least two inspectors (《食品生产经营监督检查管理办法》2021: 检查人员不少于2人; from secondary sources). */
export const MIN_INSPECTORS = 2;

export const businessRefOf = (b: Business) => ({
  creditCode: b.creditCode,
  name: b.name,
  kind: b.kind,
  categories: [...b.categories],
});

/** A check is recorded. The outcome must agree with the items, and 基本符合 needs a follow-up deadline. */
export function recordCheck(
  input: CheckInput & { id: string; zoneId: string; caseId: string | null },
  business: Business,
  followUpDays: number,
  actor: PersonRef,
  now: Date,
): CheckDecision {
  const problems: { pointer: string; reason: string }[] = [];
  const today = zoneDay(now);
  if (input.date > today) problems.push({ pointer: '/date', reason: 'is in the future' });
  const ids = new Set(input.inspectors.map((p) => p.id));
  if (ids.size < MIN_INSPECTORS) {
    problems.push({
      pointer: '/inspectors',
      reason: `needs at least ${MIN_INSPECTORS} different inspectors`,
    });
  }
  const failed = input.items.some((item) => item.result === 'fail');
  if (input.outcome === 'conforming' && failed) {
    problems.push({ pointer: '/outcome', reason: 'cannot be conforming (符合) with a failed item' });
  }
  if (input.outcome !== 'conforming' && !failed) {
    problems.push({
      pointer: '/items',
      reason: `an outcome of ${input.outcome} needs at least one failed item`,
    });
  }
  if ((input.type === 'follow-up') !== (input.followUpOf !== null)) {
    problems.push({
      pointer: '/followUpOf',
      reason: 'a follow-up check names the check it follows up, and only it',
    });
  }
  let followUpDeadline: string | null = null;
  if (input.outcome === 'basically-conforming') {
    followUpDeadline = input.followUpDeadline ?? addDays(input.date, followUpDays);
    if (followUpDeadline < input.date) {
      problems.push({ pointer: '/followUpDeadline', reason: 'is before the check' });
    }
  } else if (input.followUpDeadline) {
    problems.push({
      pointer: '/followUpDeadline',
      reason: 'only a basically-conforming (基本符合) check has one',
    });
  }
  if (problems.length > 0) throw new InvalidInput('The check cannot be recorded as given', problems);
  const check: Check = {
    id: input.id,
    zoneId: input.zoneId,
    business: businessRefOf(business),
    type: input.type,
    date: input.date,
    inspectors: input.inspectors,
    items: input.items,
    findings: input.findings,
    outcome: input.outcome,
    status: input.outcome === 'basically-conforming' ? 'follow-up-due' : 'recorded',
    followUpDeadline,
    followUpOverdue: false,
    followUpOf: input.followUpOf,
    followUpCheckId: null,
    drawId: input.drawId,
    caseId: input.caseId,
    recordedBy: actor,
    recordedAt: now,
    version: 1,
  };
  return decided(check, {
    name: 'CheckRecorded',
    facts: { items: input.items, findings: input.findings, followUpOf: input.followUpOf, recordedBy: actor },
  });
}

/** The follow-up check settles a 基本符合 check. */
export function followedUp(
  check: Check,
  followUp: Pick<Check, 'id' | 'outcome' | 'business'>,
): CheckDecision {
  if (check.status !== 'follow-up-due') {
    throw new InvalidInput(`Check ${check.id} has no follow-up due`, [
      { pointer: '/followUpOf', reason: `is ${check.status}, not follow-up-due` },
    ]);
  }
  if (check.business.creditCode !== followUp.business.creditCode) {
    throw new InvalidInput(`Check ${check.id} is of another business`, [
      { pointer: '/followUpOf', reason: `checked ${check.business.creditCode}` },
    ]);
  }
  return decided(
    { ...check, status: 'followed-up', followUpCheckId: followUp.id },
    { name: 'CheckFollowedUp', facts: { followUpCheckId: followUp.id, followUpOutcome: followUp.outcome } },
  );
}

/** A follow-up deadline that passed without a follow-up: published once. */
export function onCheckTime(check: Check, now: Date): CheckDecision | null {
  if (check.status !== 'follow-up-due' || check.followUpOverdue || check.followUpDeadline === null)
    return null;
  if (endOfZoneDay(check.followUpDeadline) > now) return null;
  return decided(
    { ...check, followUpOverdue: true },
    { name: 'CheckFollowUpOverdue', facts: { dueDate: check.followUpDeadline } },
  );
}

export const checkArmed = (check: Check) => check.status === 'follow-up-due' && !check.followUpOverdue;
