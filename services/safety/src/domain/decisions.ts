import {
  Conflict,
  type Decision as DecisionOf,
  decided,
  InvalidInput,
} from '@zone-risk/domain-service/domain';
import type { HazardFact } from './facts.ts';
import type { Basis, Category, Enterprise, Grade, Hazard, Person, Photo } from './hazard.ts';
import { passedDeadlines } from './hazard.ts';
import { transition } from './machine.ts';
import {
  MAX_PHOTOS_PER_HAZARD,
  requireBasisForMajor,
  requireFutureDeadline,
  requireIndependentSupervisor,
  requireSupervisable,
} from './rules.ts';

/** What a command decided: the hazard after it and the facts to publish, in order. */
export type Decision = DecisionOf<Hazard, HazardFact>;

function iso(date: Date): string {
  return date.toISOString();
}

export interface NewHazard {
  id: string;
  zoneId: string;
  enterprise: Enterprise;
  location: string;
  description: string;
  category: Category;
  grade: Grade;
  basis?: Basis | null;
  deadline?: string | null;
  inspectionId?: string | null;
  inspectors?: Person[];
  checklistItemCode?: string | null;
}

/** 登记: a hazard is registered, standalone or from a failed checklist item. */
export function reportHazard(input: NewHazard, actor: Person, now: Date, pointer = ''): Decision {
  requireBasisForMajor(input.grade, input.basis, `${pointer}/basis`);
  if (input.deadline) requireFutureDeadline(input.deadline, now, `${pointer}/deadline`);
  const hazard: Hazard = {
    id: input.id,
    zoneId: input.zoneId,
    enterprise: input.enterprise,
    inspectionId: input.inspectionId ?? null,
    inspectors: input.inspectors ?? [],
    checklistItemCode: input.checklistItemCode ?? null,
    location: input.location,
    description: input.description,
    category: input.category,
    grade: input.grade,
    basis: input.basis ?? null,
    status: 'reported',
    reportedBy: actor,
    reportedAt: now,
    deadline: input.deadline ?? null,
    plan: null,
    extension: null,
    supervision: null,
    rectificationOverdue: false,
    supervisionOverdue: false,
    submittedAt: null,
    closedAt: null,
    photos: [],
    rejections: 0,
    version: 1,
  };
  return decided(hazard, {
    name: 'HazardReported',
    facts: {
      location: hazard.location,
      description: hazard.description,
      basis: hazard.basis,
      checklistItemCode: hazard.checklistItemCode,
      reportedBy: actor,
    },
  });
}

export interface PlanInput {
  measures: string;
  responsiblePerson: Person;
  funds: number;
  deadline: string;
}

/** 整改方案: measures, responsible person, funds and deadline; the hazard is being rectified. */
export function planRectification(hazard: Hazard, input: PlanInput, actor: Person, now: Date): Decision {
  const status = transition(hazard.status, 'plan');
  // Keeping the deadline in force is always possible (even one already passed: the hazard stays
  // overdue and the way out is an extension); setting a new one needs a day not yet gone.
  if (input.deadline !== hazard.deadline) requireFutureDeadline(input.deadline, now, '/deadline');
  if (hazard.deadline !== null && input.deadline > hazard.deadline) {
    throw new InvalidInput(
      `The deadline in force is ${hazard.deadline}; a later one needs an approved extension request`,
      [{ pointer: '/deadline', reason: `must be ${hazard.deadline} or earlier` }],
    );
  }
  const plan = { ...input, plannedBy: actor, plannedAt: now };
  return decided(
    { ...hazard, status, plan, deadline: input.deadline },
    {
      name: 'HazardRectificationPlanned',
      facts: {
        plan: input,
        revised: hazard.plan !== null,
        plannedBy: actor,
      },
    },
  );
}

export function submitForAcceptance(
  hazard: Hazard,
  input: { note?: string | null | undefined },
  actor: Person,
  now: Date,
): Decision {
  const status = transition(hazard.status, 'submit');
  return decided(
    { ...hazard, status, submittedAt: now },
    {
      name: 'HazardSubmittedForAcceptance',
      facts: {
        note: input.note ?? null,
        afterPhotos: hazard.photos.filter((photo) => photo.phase === 'after').length,
        submittedBy: actor,
      },
    },
  );
}

/** 验收销号: a supervisor other than the finder accepts; the hazard is closed. */
export function acceptRectification(
  hazard: Hazard,
  input: { note?: string | null | undefined },
  actor: Person,
  now: Date,
): Decision {
  const status = transition(hazard.status, 'accept');
  requireIndependentSupervisor(hazard, actor, 'accept');
  return decided(
    { ...hazard, status, closedAt: now },
    { name: 'HazardAccepted', facts: { note: input.note ?? null, closedAt: iso(now), acceptedBy: actor } },
  );
}

export function rejectRectification(hazard: Hazard, input: { reason: string }, actor: Person): Decision {
  const status = transition(hazard.status, 'reject');
  requireIndependentSupervisor(hazard, actor, 'reject');
  return decided(
    { ...hazard, status, submittedAt: null, rejections: hazard.rejections + 1 },
    { name: 'HazardRejected', facts: { reason: input.reason, rejectedBy: actor } },
  );
}

export function requestExtension(
  hazard: Hazard,
  input: { requestedDeadline: string; reason: string },
  actor: Person,
  now: Date,
): Decision {
  const status = transition(hazard.status, 'request-extension');
  requireFutureDeadline(input.requestedDeadline, now, '/requestedDeadline');
  const current = hazard.deadline;
  if (current !== null && input.requestedDeadline <= current) {
    throw new InvalidInput(`An extension must move the deadline past ${current}`, [
      { pointer: '/requestedDeadline', reason: `must be after ${current}` },
    ]);
  }
  return decided(
    { ...hazard, status, extension: { ...input, requestedBy: actor, requestedAt: now } },
    { name: 'HazardExtensionRequested', facts: { ...input, requestedBy: actor } },
  );
}

/** The deadline moves; the overdue flag of the old deadline is cleared and the new one is armed. */
export function approveExtension(
  hazard: Hazard,
  input: { deadline?: string | undefined; note?: string | null | undefined },
  actor: Person,
  now: Date,
): Decision {
  const status = transition(hazard.status, 'approve-extension');
  requireIndependentSupervisor(hazard, actor, 'approve an extension of');
  const request = hazard.extension;
  const previous = hazard.deadline;
  if (request === null || previous === null) {
    // Unreachable through the machine (extension-requested needs both); guards a corrupt document.
    throw new Conflict(`Hazard ${hazard.id} has no pending extension request`, {
      currentState: hazard.status,
    });
  }
  const deadline = input.deadline ?? request.requestedDeadline;
  requireFutureDeadline(deadline, now, '/deadline');
  if (deadline <= previous) {
    throw new InvalidInput(`An extension must move the deadline past ${previous}`, [
      { pointer: '/deadline', reason: `must be after ${previous}` },
    ]);
  }
  return decided(
    { ...hazard, status, deadline, extension: null, rectificationOverdue: false },
    {
      name: 'HazardDeadlineExtended',
      facts: { previousDeadline: previous, note: input.note ?? null, approvedBy: actor },
    },
  );
}

export function refuseExtension(hazard: Hazard, input: { reason: string }, actor: Person): Decision {
  const status = transition(hazard.status, 'refuse-extension');
  requireIndependentSupervisor(hazard, actor, 'refuse an extension of');
  const requestedDeadline = hazard.extension?.requestedDeadline ?? hazard.deadline ?? '';
  return decided(
    { ...hazard, status, extension: null },
    { name: 'HazardExtensionRefused', facts: { requestedDeadline, reason: input.reason, refusedBy: actor } },
  );
}

/** 挂牌督办: major hazards only, once, with a deadline of its own. */
export function listForSupervision(
  hazard: Hazard,
  input: { deadline: string; authority: string; reference?: string | null | undefined },
  actor: Person,
  now: Date,
): Decision {
  const status = transition(hazard.status, 'list-supervision');
  requireIndependentSupervisor(hazard, actor, 'list');
  requireSupervisable(hazard);
  requireFutureDeadline(input.deadline, now, '/deadline');
  const reference = input.reference ?? null;
  return decided(
    {
      ...hazard,
      status,
      supervision: {
        deadline: input.deadline,
        authority: input.authority,
        reference,
        listedBy: actor,
        listedAt: now,
      },
    },
    { name: 'HazardSupervisionListed', facts: { authority: input.authority, reference, listedBy: actor } },
  );
}

export function addEvidence(hazard: Hazard, photo: Photo, actor: Person): Decision {
  const status = transition(hazard.status, 'add-evidence');
  if (hazard.photos.length >= MAX_PHOTOS_PER_HAZARD) {
    throw new Conflict(`Hazard ${hazard.id} already has ${MAX_PHOTOS_PER_HAZARD} photos, the most it keeps`, {
      currentState: hazard.status,
    });
  }
  const { id, phase, sha256, contentType, size } = photo;
  return decided(
    { ...hazard, status, photos: [...hazard.photos, photo] },
    {
      name: 'HazardEvidenceAdded',
      facts: { photo: { id, phase, sha256, contentType, size }, addedBy: actor },
    },
  );
}

/** Who the timeline names for what time alone changes. */
export const SWEEPER: Person = { id: 'system:overdue-sweeper', name: '超期自动检测' };

/**
 * Time alone makes a hazard overdue: each armed deadline that has passed fires once. Returns null
 * when nothing is due. Firing clears the deadline's arming, so a later sweep (or another replica,
 * or a restarted process) finds nothing to do — until an extension arms a new deadline.
 */
export function detectOverdue(hazard: Hazard, now: Date): Decision | null {
  const due = passedDeadlines(hazard, now);
  if (due.length === 0) return null;
  let next = hazard;
  const steps: Decision['steps'] = [];
  for (const deadline of due) {
    next =
      deadline.which === 'rectification'
        ? { ...next, rectificationOverdue: true }
        : { ...next, supervisionOverdue: true };
    steps.push({
      after: next,
      fact: {
        name: 'HazardBecameOverdue',
        facts: {
          which: deadline.which,
          dueDate: deadline.dueDate,
          dueAt: iso(deadline.dueAt),
          detectedAt: iso(now),
        },
      },
    });
  }
  return { state: next, steps };
}
