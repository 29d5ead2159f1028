import { addDays, addWorkingDays, endOfZoneDay, zoneDay } from '@zone-risk/calendar';
import { disposalMeasure, disposalStatus, type PersonRef, personRef } from '@zone-risk/contracts';
import {
  Conflict,
  type Decision as DecisionOf,
  decided,
  Forbidden,
  InvalidInput,
  stateMachine,
} from '@zone-risk/domain-service/domain';
import { z } from 'zod';
import { businessRef } from './check.ts';
import type { CaseFact } from './facts.ts';

// A disposal case (核查处置): opened by an unqualified sample or a 不符合 check, investigated by a
// case officer, perhaps retested (复检), handled by measures and closed by a supervisor who is not
// its officer — or closed as unfounded by a qualified retest. Overdue is a flag time sets.

export const CASE_STATUSES = disposalStatus.options;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const MEASURES = disposalMeasure.options;
export type Measure = (typeof MEASURES)[number];

export const CASE_ACTIONS = [
  'start-investigation',
  'request-retest',
  'record-retest',
  'record-measures',
  'close',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export const caseMachine = stateMachine({
  noun: 'disposal case',
  states: CASE_STATUSES,
  actions: CASE_ACTIONS,
  transitions: {
    opened: { 'start-investigation': 'investigating' },
    investigating: { 'request-retest': 'retest-requested', 'record-measures': 'measures-recorded' },
    'retest-requested': { 'record-retest': { qualified: 'closed', unqualified: 'investigating' } },
    'measures-recorded': { 'record-measures': 'measures-recorded', close: 'closed' },
    closed: {},
  },
});

const evidenceFile = z.object({
  id: z.string(),
  sha256: z.string(),
  contentType: z.string(),
  size: z.int(),
  filename: z.string(),
  addedBy: personRef,
  addedAt: z.date(),
});
export type CaseEvidence = z.infer<typeof evidenceFile>;

export const caseState = z.object({
  id: z.string(),
  zoneId: z.string(),
  business: businessRef,
  cause: z.object({ kind: z.enum(['sample', 'check']), ref: z.string() }),
  status: disposalStatus,
  deadline: z.string(),
  retestUntil: z.string().nullable(),
  overdue: z.boolean().default(false),
  officer: personRef.nullable(),
  measures: z.array(disposalMeasure),
  entries: z.array(
    z.object({ taken: z.array(disposalMeasure), detail: z.string(), by: personRef, at: z.date() }),
  ),
  retest: z
    .object({ lab: z.string(), qualified: z.boolean().nullable(), report: z.string().nullable() })
    .nullable(),
  evidence: z.array(evidenceFile).default([]),
  closedAs: z.enum(['handled', 'unfounded']).nullable(),
  outcome: z.string().nullable(),
  closedBy: personRef.nullable(),
  closedAt: z.date().nullable(),
  openedBy: personRef,
  openedAt: z.date(),
  version: z.int(),
});
export type DisposalCase = z.infer<typeof caseState>;
export type CaseDecision = DecisionOf<DisposalCase, CaseFact>;

/** A case opens with its deadline and, for a sample, the retest window (working days, Mon–Fri). */
export function openCase(
  input: { id: string; zoneId: string; business: DisposalCase['business']; cause: DisposalCase['cause'] },
  rules: { deadlineDays: number; retestWorkingDays: number },
  actor: PersonRef,
  now: Date,
): CaseDecision {
  const today = zoneDay(now);
  const disposal: DisposalCase = {
    ...input,
    status: 'opened',
    deadline: addDays(today, rules.deadlineDays),
    retestUntil: input.cause.kind === 'sample' ? addWorkingDays(today, rules.retestWorkingDays) : null,
    overdue: false,
    officer: null,
    measures: [],
    entries: [],
    retest: null,
    evidence: [],
    closedAs: null,
    outcome: null,
    closedBy: null,
    closedAt: null,
    openedBy: actor,
    openedAt: now,
    version: 1,
  };
  return decided(disposal, { name: 'DisposalCaseOpened', facts: { openedBy: actor } });
}

/** The officer who starts the investigation becomes the case officer (承办人). */
export function startInvestigation(
  c: DisposalCase,
  body: { note?: string | null | undefined },
  actor: PersonRef,
): CaseDecision {
  const status = caseMachine.transition(c.status, 'start-investigation');
  return decided(
    { ...c, status, officer: actor },
    { name: 'DisposalInvestigationStarted', facts: { note: body.note ?? null, startedBy: actor } },
  );
}

/** 复检 is asked for within the window, and only for a sample. */
export function requestRetest(
  c: DisposalCase,
  body: { lab: string },
  actor: PersonRef,
  now: Date,
): CaseDecision {
  const status = caseMachine.transition(c.status, 'request-retest');
  if (c.retestUntil === null) {
    throw new Conflict('Only a sample can be retested; this case was opened by a check', {
      reason: 'no-retest',
    });
  }
  if (endOfZoneDay(c.retestUntil) <= now) {
    throw new Conflict(`The retest window ended on ${c.retestUntil}`, {
      reason: 'retest-window-closed',
      retestUntil: c.retestUntil,
    });
  }
  return decided(
    { ...c, status, retest: { lab: body.lab, qualified: null, report: null } },
    { name: 'DisposalRetestRequested', facts: { lab: body.lab, requestedBy: actor } },
  );
}

/** The retest result: qualified closes the case as unfounded; unqualified sends it back to investigation. */
export function recordRetest(
  c: DisposalCase,
  body: { qualified: boolean; report?: string | null | undefined },
  actor: PersonRef,
  now: Date,
): CaseDecision {
  const status = caseMachine.transition(
    c.status,
    'record-retest',
    body.qualified ? 'qualified' : 'unqualified',
  );
  const report = body.report ?? null;
  const retest = { lab: c.retest?.lab ?? '', qualified: body.qualified, report };
  const recorded = {
    name: 'DisposalRetestRecorded',
    facts: { qualified: body.qualified, report, recordedBy: actor },
  } as const;
  if (!body.qualified) return decided({ ...c, status, retest }, recorded);
  // A qualified retest closes the case: the same rule as closing it by hand.
  refuseTheOfficer(c, actor);
  const closed: DisposalCase = {
    ...c,
    status,
    retest,
    closedAs: 'unfounded',
    outcome: '复检合格，不予处置',
    closedBy: actor,
    closedAt: now,
  };
  return {
    state: closed,
    steps: [
      { fact: recorded, after: closed },
      {
        fact: { name: 'DisposalCaseClosed', facts: { outcome: '复检合格，不予处置', closedBy: actor } },
        after: closed,
      },
    ],
  };
}

export function recordMeasures(
  c: DisposalCase,
  body: { taken: Measure[]; detail: string },
  actor: PersonRef,
  now: Date,
): CaseDecision {
  const status = caseMachine.transition(c.status, 'record-measures');
  const taken = [...new Set(body.taken)];
  const measures = MEASURES.filter((m) => c.measures.includes(m) || taken.includes(m));
  return decided(
    { ...c, status, measures, entries: [...c.entries, { taken, detail: body.detail, by: actor, at: now }] },
    { name: 'DisposalMeasuresRecorded', facts: { taken, detail: body.detail, recordedBy: actor } },
  );
}

/** 结案: by a supervisor who is not the case officer (the routes check the role). */
export function closeCase(
  c: DisposalCase,
  body: { outcome: string },
  actor: PersonRef,
  now: Date,
): CaseDecision {
  const status = caseMachine.transition(c.status, 'close');
  refuseTheOfficer(c, actor);
  if (body.outcome.trim() === '')
    throw new InvalidInput('Say how it was handled', [{ pointer: '/outcome', reason: 'is empty' }]);
  return decided(
    { ...c, status, closedAs: 'handled', outcome: body.outcome, closedBy: actor, closedAt: now },
    { name: 'DisposalCaseClosed', facts: { outcome: body.outcome, closedBy: actor } },
  );
}

function refuseTheOfficer(c: DisposalCase, actor: PersonRef): void {
  if (c.officer !== null && c.officer.id === actor.id) {
    throw new Forbidden(
      'The case officer cannot close their own case: a supervisor other than the officer closes it',
      {
        reason: 'officer-cannot-close',
        officer: c.officer,
      },
    );
  }
}

export function addEvidence(
  c: DisposalCase,
  files: Omit<CaseEvidence, 'addedBy' | 'addedAt'>[],
  actor: PersonRef,
  now: Date,
): CaseDecision {
  if (c.status === 'closed') {
    throw new Conflict(`Case ${c.id} is closed; evidence is added while it is open`, {
      reason: 'closed',
      currentState: c.status,
    });
  }
  return decided(
    { ...c, evidence: [...c.evidence, ...files.map((f) => ({ ...f, addedBy: actor, addedAt: now }))] },
    { name: 'DisposalEvidenceAdded', facts: { files, addedBy: actor } },
  );
}

export function onCaseTime(c: DisposalCase, now: Date): CaseDecision | null {
  if (c.status === 'closed' || c.overdue || endOfZoneDay(c.deadline) > now) return null;
  return decided(
    { ...c, overdue: true },
    { name: 'DisposalCaseBecameOverdue', facts: { dueDate: c.deadline } },
  );
}

export const caseArmed = (c: DisposalCase) => c.status !== 'closed' && !c.overdue;

/** The record entries a closed case feeds into its business's dynamic risk. */
export function recordEntriesOfClosedCase(
  c: DisposalCase,
): { kind: 'penalty' | 'recall'; ref: string; date: string }[] {
  if (c.status !== 'closed' || c.closedAs !== 'handled' || c.closedAt === null) return [];
  const date = zoneDay(c.closedAt);
  const entries: { kind: 'penalty' | 'recall'; ref: string; date: string }[] = [];
  if (c.measures.includes('penalty')) entries.push({ kind: 'penalty', ref: c.id, date });
  if (c.measures.includes('recall')) entries.push({ kind: 'recall', ref: c.id, date });
  return entries;
}
