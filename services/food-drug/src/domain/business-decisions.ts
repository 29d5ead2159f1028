import { addDays, endOfZoneDay, zoneDay } from '@zone-risk/calendar';
import type { PersonRef } from '@zone-risk/contracts';
import { Conflict, type Decision as DecisionOf, NoChange } from '@zone-risk/domain-service/domain';
import { type Business, type BusinessContent, DETAIL_FIELDS, type RecordEntry } from './business.ts';
import type { BusinessFact } from './facts.ts';
import { assessed, type Rules, standingOf } from './grade.ts';
import { sameTrace } from './grading.ts';

export type BusinessDecision = DecisionOf<Business, BusinessFact>;

/** The system actor of time-driven changes (a check period ending, an entry leaving the window). */
export const SWEEPER: PersonRef = { id: 'system:time-sweeper', name: '时限自动检测' };

export interface NewBusiness extends BusinessContent {
  zoneId: string;
  via: 'api' | 'import';
  importId: string | null;
}

/** A business is put on the register and graded at once from its kind and categories. */
export function registerBusiness(
  input: NewBusiness,
  rules: Rules,
  actor: PersonRef,
  now: Date,
): BusinessDecision {
  const { via, importId, zoneId, address, ...content } = input;
  const inputs = {
    kind: content.kind,
    categories: content.categories,
    seriousViolation: false,
    record: [],
    registeredOn: zoneDay(now),
  };
  const { standing, ...grading } = assessed(inputs, rules, now);
  const business: Business = {
    ...content,
    address,
    id: content.creditCode,
    zoneId,
    seriousViolation: false,
    seriousViolationReason: null,
    record: [],
    ...grading,
    standing,
    checkOverdue: false,
    lastCheck: null,
    via,
    importId,
    registeredBy: actor,
    registeredAt: now,
    version: 1,
  };
  return {
    state: business,
    steps: [
      {
        fact: {
          name: 'BusinessRegistered',
          facts: { address, via, importId, trace: grading.trace, registeredBy: actor },
        },
        after: business,
      },
    ],
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The register line again: the fields that differ change (kind and categories re-grade); none: NoChange. */
export function updateDetails(
  business: Business,
  content: BusinessContent,
  via: 'api' | 'import',
  rules: Rules,
  actor: PersonRef,
  now: Date,
): BusinessDecision {
  const changed = DETAIL_FIELDS.filter((field) => !same(business[field], content[field]));
  if (changed.length === 0) throw new NoChange(`Business ${business.id}`);
  const updated = { ...business, ...pick(content) };
  return withGrade(business, updated, rules, now, `details: ${changed.join(', ')}`, [
    { name: 'BusinessDetailsUpdated', facts: { changed: [...changed], via, updatedBy: actor } },
  ]);
}

const pick = (content: BusinessContent) => ({
  name: content.name,
  address: content.address,
  kind: content.kind,
  categories: content.categories,
  area: content.area,
  licence: content.licence,
});

/**
 * An entry of the record is added — or, for one already there under the same kind and id, replaced
 * (a sample voided by a qualified retest). The same entry again is NoChange, so an event that is
 * delivered twice, or a command that is re-run, counts once. A check also moves the standing, clears
 * `checkOverdue` and becomes the last check (回避 in the next draws).
 */
export function addRecord(
  business: Business,
  entry: RecordEntry,
  rules: Rules,
  actor: PersonRef,
  now: Date,
  check?: { inspectors: string[] },
): BusinessDecision {
  const index = business.record.findIndex((e) => e.kind === entry.kind && e.ref === entry.ref);
  const existing = index >= 0 ? business.record[index] : undefined;
  if (existing && same(existing, entry)) throw new NoChange(`Record ${entry.kind} ${entry.ref}`);
  // A posted entry is never rewritten; the one change allowed is voiding it (a qualified retest).
  if (existing && !(same({ ...existing, void: true }, entry) && !existing.void)) {
    throw new Conflict(`The record already holds ${entry.kind} ${entry.ref} as posted; it is not changed`, {
      reason: 'entry-posted',
      entry: existing,
    });
  }
  const record = index >= 0 ? business.record.with(index, entry) : [...business.record, entry];
  let updated: Business = { ...business, record };
  if (check && index < 0) {
    const later = business.lastCheck !== null && business.lastCheck.date > entry.date;
    updated = {
      ...updated,
      checkOverdue: false,
      lastCheck: later
        ? business.lastCheck
        : { id: entry.ref, date: entry.date, inspectors: check.inspectors },
    };
  }
  return withGrade(business, updated, rules, now, `${entry.kind} ${entry.ref}`, [
    { name: 'BusinessRecordAdded', facts: { entry, recordedBy: actor } },
  ]);
}

/** On or off the serious-violation list (严重违法失信名单): on it, the grade is D whatever the score. */
export function listSeriousViolation(
  business: Business,
  input: { listed: boolean; reason: string },
  rules: Rules,
  actor: PersonRef,
  now: Date,
): BusinessDecision {
  if (business.seriousViolation === input.listed) throw new NoChange(`Business ${business.id} listing`);
  const updated = {
    ...business,
    seriousViolation: input.listed,
    seriousViolationReason: input.listed ? input.reason : null,
  };
  return withGrade(
    business,
    updated,
    rules,
    now,
    input.listed ? 'serious-violation list' : 'off the serious-violation list',
    [
      {
        name: 'BusinessSeriousViolationListed',
        facts: { listed: input.listed, reason: input.reason, decidedBy: actor },
      },
    ],
  );
}

/**
 * Graded again without a new input: under a new rule set, or when an entry leaves the window.
 * The grade moved: BusinessGradeChanged; only the score or trace: BusinessRegraded; nothing: NoChange.
 */
export function regrade(business: Business, rules: Rules, now: Date, cause: string): BusinessDecision {
  const { standing, ...grading } = assessed(
    { ...business, registeredOn: zoneDay(business.registeredAt) },
    rules,
    now,
  );
  const updated: Business = { ...business, ...grading, standing };
  if (grading.grade !== business.grade) {
    return {
      state: updated,
      steps: [
        {
          fact: {
            name: 'BusinessGradeChanged',
            facts: { previousGrade: business.grade, cause, trace: grading.trace },
          },
          after: updated,
        },
      ],
    };
  }
  if (sameTrace(grading.trace, business.trace) && grading.score === business.score) {
    if (same(standing, business.standing) && grading.regradeOn === business.regradeOn) {
      throw new NoChange(`Grade of ${business.id}`);
    }
  }
  return {
    state: updated,
    steps: [
      {
        fact: { name: 'BusinessRegraded', facts: { previousScore: business.score, trace: grading.trace } },
        after: updated,
      },
    ],
  };
}

/**
 * What time alone changes: a check period that ended short makes the business check-overdue
 * (published once, the next period is then watched), and an entry leaving the window re-grades it.
 */
export function onTime(business: Business, rules: Rules, now: Date): BusinessDecision | null {
  const day = zoneDay(now);
  const steps: BusinessDecision['steps'] = [];
  let current = business;
  if (business.standing.end < day) {
    const { done, required, period } = business.standing;
    const next = standingOf(business.grade, business.record, rules, day, zoneDay(business.registeredAt));
    current = { ...current, standing: next, checkOverdue: current.checkOverdue || done < required };
    if (done < required) {
      steps.push({
        fact: { name: 'BusinessCheckOverdue', facts: { period, required, done } },
        after: current,
      });
    }
  }
  if (current.regradeOn !== null && current.regradeOn <= day) {
    try {
      const decision = regrade(current, rules, now, 'a record entry left the window');
      current = decision.state;
      steps.push(...decision.steps);
    } catch (error) {
      if (!(error instanceof NoChange)) throw error;
    }
  }
  if (current === business) return null;
  if (steps.length === 0) {
    // The period rolled without a fact worth publishing (it was met): recorded with the regrade event.
    steps.push({
      fact: { name: 'BusinessRegraded', facts: { previousScore: business.score, trace: current.trace } },
      after: current,
    });
  }
  return { state: current, steps };
}

/** When the business's timer fires next: its period has passed, or an entry leaves the window. */
export function nextDueAt(business: Business): Date {
  const periodPassed = endOfZoneDay(business.standing.end);
  if (business.regradeOn === null) return periodPassed;
  // The start of the regrade day is the end of the day before it.
  const regrade = endOfZoneDay(addDays(business.regradeOn, -1));
  return new Date(Math.min(regrade.getTime(), periodPassed.getTime()));
}

function withGrade(
  before: Business,
  updated: Business,
  rules: Rules,
  now: Date,
  cause: string,
  facts: BusinessFact[],
): BusinessDecision {
  const { standing, ...grading } = assessed(
    { ...updated, registeredOn: zoneDay(updated.registeredAt) },
    rules,
    now,
  );
  const after: Business = { ...updated, ...grading, standing };
  const steps: BusinessDecision['steps'] = facts.map((fact) => ({ fact, after }));
  if (grading.grade !== before.grade) {
    steps.push({
      fact: {
        name: 'BusinessGradeChanged',
        facts: { previousGrade: before.grade, cause, trace: grading.trace },
      },
      after,
    });
  }
  return { state: after, steps };
}
